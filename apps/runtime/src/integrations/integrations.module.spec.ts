import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ConnectionsService, type ResolvedConnection } from '../connections/connections.service.js';
import { FileStore } from './file-store.js';
import { INTEGRATION_PORTS, IntegrationsModule, type IntegrationPorts } from './integrations.module.js';
import { MailAdapter } from './mail/mail-adapter.js';
import { SmsAdapter } from './sms/sms-adapter.js';
import { SqlAdapter } from './sql/sql-adapter.js';
import { neverAborted } from './testing.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ivr-module-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

@Global()
@Module({ providers: [{ provide: RUNTIME_CONFIG, useValue: { dataDir } }], exports: [RUNTIME_CONFIG] })
class ConfigStub {}

const stored: ResolvedConnection = {
  name: 'crm',
  type: 'sql',
  driver: 'sqlite',
  settings: { file: 'crm.sqlite' },
  secrets: {},
};

/** The connections module without its database: the one method the integrations use. */
@Module({
  providers: [
    {
      provide: ConnectionsService,
      useValue: { resolveByName: async (name: string) => (name === stored.name ? stored : null) },
    },
  ],
  exports: [ConnectionsService],
})
class ConnectionsStub {}

describe('IntegrationsModule', () => {
  it('builds the ports from the connections module and closes them on shutdown', async () => {
    new Database(join(dataDir, 'crm.sqlite'))
      .exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('from the module')")
      .close();
    const moduleRef = await Test.createTestingModule({ imports: [ConfigStub, IntegrationsModule] })
      .overrideModule(ConnectionsModule)
      .useModule(ConnectionsStub)
      .compile();
    const app = moduleRef.createNestApplication();
    app.enableShutdownHooks();
    await app.init();
    const ports = app.get<IntegrationPorts>(INTEGRATION_PORTS);
    const result = await ports.sql.query({
      connection: 'crm',
      sql: 'SELECT v FROM t',
      params: {},
      maxRows: 1,
      timeoutMs: 1000,
      signal: neverAborted,
    });
    expect(result.rows).toEqual([{ v: 'from the module' }]);
    expect(app.get(FileStore).root).toBe(join(dataDir, 'files'));
    const closes = [SqlAdapter, SmsAdapter, MailAdapter].map((adapter) => vi.spyOn(app.get(adapter), 'close'));
    await app.close();
    for (const close of closes) expect(close).toHaveBeenCalledOnce();
  });
});
