import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Catalog } from '@ivr/scenario-schema';
import type { Logger } from 'pino';
import { AuditInterceptor } from './audit/audit.interceptor.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CallsModule } from './calls/calls.module.js';
import { ApiErrorFilter } from './common/api-error.filter.js';
import { ComponentsModule } from './components/components.module.js';
import { RUNTIME_CONFIG } from './config/config.tokens.js';
import type { RuntimeConfig } from './config/runtime-config.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { ROOT_LOGGER } from './logging/logger.tokens.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PromptsModule } from './prompts/prompts.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { SamplesModule } from './samples/samples.module.js';
import { RunsModule } from './runs/runs.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { LiveModule } from './live/live.module.js';
import { COMPONENT_CATALOG } from './scenarios/scenario-catalog.js';
import { ScenariosModule } from './scenarios/scenarios.module.js';

export interface AppModuleOptions {
  config: RuntimeConfig;
  logger: Logger;
  catalog: Catalog;
}

/** Config, logger and catalog, available to every module. */
@Global()
@Module({})
class CoreModule {
  static register({ config, logger, catalog }: AppModuleOptions): DynamicModule {
    const providers = [
      { provide: RUNTIME_CONFIG, useValue: config },
      { provide: ROOT_LOGGER, useValue: logger },
      { provide: COMPONENT_CATALOG, useValue: catalog },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const runs = RunsModule.register(options.config);
    return {
      module: AppModule,
      imports: [
        CoreModule.register(options),
        TypeOrmModule.forRoot(dataSourceOptions(options.config.database)),
        MetricsModule,
        AuditModule,
        AuthModule,
        ScenariosModule,
        ComponentsModule,
        RoutingModule,
        ConnectionsModule,
        PromptsModule,
        JobsModule.forRoot(),
        CampaignsModule.register(),
        runs,
        LiveModule.register(runs, options.config.cti),
        CallsModule,
        SamplesModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useFactory: () => new ApiErrorFilter(options.logger) },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
    };
  }
}
