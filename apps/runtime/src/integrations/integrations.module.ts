import { mkdirSync } from 'node:fs';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ExcelPort, HttpPort, MailPort, SmsPort, SqlPort } from '@ivr/components';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionResolver } from './connection-resolver.js';
import { ExcelAdapter } from './excel/excel-adapter.js';
import { FileStore } from './file-store.js';
import { HttpAdapter } from './http/http-adapter.js';
import { loadIntegrationsConfig, type IntegrationsConfig } from './integrations-config.js';
import { MailAdapter } from './mail/mail-adapter.js';
import { SmsAdapter } from './sms/sms-adapter.js';
import { SqlAdapter } from './sql/sql-adapter.js';

export const INTEGRATIONS_CONFIG = Symbol('INTEGRATIONS_CONFIG');
export const CONNECTION_RESOLVER = Symbol('CONNECTION_RESOLVER');
/** The data and messaging ports for EngineDependencies.ports: `{ ...switchAndOthers, ...integrationPorts }`. */
export const INTEGRATION_PORTS = Symbol('INTEGRATION_PORTS');

export interface IntegrationPorts {
  sql: SqlPort;
  http: HttpPort;
  excel: ExcelPort;
  sms: SmsPort;
  mail: MailPort;
}

/**
 * The adapters behind the SQL, HTTP, Excel, SMS and mail ports. Plain classes; this module only
 * builds them from the config and the connections module, and closes their pools on shutdown.
 */
@Module({
  imports: [ConnectionsModule],
  providers: [
    {
      provide: INTEGRATIONS_CONFIG,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig): IntegrationsConfig => loadIntegrationsConfig(process.env, config.dataDir),
    },
    {
      provide: CONNECTION_RESOLVER,
      inject: [ConnectionsService],
      useFactory: (connections: ConnectionsService): ConnectionResolver => ({
        resolve: (name) => connections.resolveByName(name),
      }),
    },
    {
      provide: FileStore,
      inject: [INTEGRATIONS_CONFIG],
      useFactory: (config: IntegrationsConfig) => {
        mkdirSync(config.filesDir, { recursive: true });
        return new FileStore(config.filesDir);
      },
    },
    {
      provide: SqlAdapter,
      inject: [CONNECTION_RESOLVER, RUNTIME_CONFIG],
      useFactory: (resolver: ConnectionResolver, config: RuntimeConfig) => new SqlAdapter(resolver, config.dataDir),
    },
    {
      provide: HttpAdapter,
      inject: [CONNECTION_RESOLVER, INTEGRATIONS_CONFIG],
      useFactory: (resolver: ConnectionResolver, config: IntegrationsConfig) => new HttpAdapter(resolver, config.http),
    },
    { provide: ExcelAdapter, inject: [FileStore], useFactory: (files: FileStore) => new ExcelAdapter(files) },
    {
      provide: SmsAdapter,
      inject: [CONNECTION_RESOLVER, HttpAdapter],
      useFactory: (resolver: ConnectionResolver, http: HttpAdapter) => new SmsAdapter(resolver, http),
    },
    {
      provide: MailAdapter,
      inject: [CONNECTION_RESOLVER, FileStore],
      useFactory: (resolver: ConnectionResolver, files: FileStore) => new MailAdapter(resolver, files),
    },
    {
      provide: INTEGRATION_PORTS,
      inject: [SqlAdapter, HttpAdapter, ExcelAdapter, SmsAdapter, MailAdapter],
      useFactory: (
        sql: SqlAdapter,
        http: HttpAdapter,
        excel: ExcelAdapter,
        sms: SmsAdapter,
        mail: MailAdapter,
      ): IntegrationPorts => ({
        sql,
        http,
        excel,
        sms,
        mail,
      }),
    },
  ],
  exports: [
    INTEGRATION_PORTS,
    CONNECTION_RESOLVER,
    FileStore,
    SqlAdapter,
    HttpAdapter,
    ExcelAdapter,
    SmsAdapter,
    MailAdapter,
  ],
})
export class IntegrationsModule implements OnApplicationShutdown {
  constructor(
    @Inject(SqlAdapter) private readonly sql: SqlAdapter,
    @Inject(SmsAdapter) private readonly sms: SmsAdapter,
    @Inject(MailAdapter) private readonly mail: MailAdapter,
  ) {}

  /** Pools, SMPP binds and SMTP connections are closed so the process can exit cleanly. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.sql.close(), this.sms.close(), this.mail.close()]);
  }
}
