import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { executors } from '@ivr/components/executors';
import type { Catalog } from '@ivr/scenario-schema';
import type { Logger } from 'pino';
import { CallRecordsService } from '../calls/call-records.service.js';
import { CallsModule } from '../calls/calls.module.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { ScenarioEngine } from '../engine/engine.js';
import { INTEGRATION_PORTS, IntegrationsModule, type IntegrationPorts } from '../integrations/integrations.module.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import { PAYMENTS_PORT, PaymentsModule } from '../payments/payments.module.js';
import type { PaymentsPort } from '@ivr/components';
import { ParkingLotsService } from '../routing/parking-lots.service.js';
import { RoutesService } from '../routing/routes.service.js';
import { RoutingModule } from '../routing/routing.module.js';
import { COMPONENT_CATALOG } from '../scenarios/scenario-catalog.js';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { TelephonyService } from '../telephony/telephony-service.js';
import { JobStarts } from '../jobs/job-starts.js';
import { JobsWiring } from '../jobs/jobs-lifecycle.js';
import { ServiceRunsService } from '../jobs/service-runs.service.js';
import type { JobsConnections } from '../jobs/scenario-runner.js';
import { callRouter } from './call-router.js';
import { PostCallFacts } from './post-call.js';
import { CdrRecorder } from './cdr-recorder.js';
import { RunStepEntity } from './run-step.entity.js';
import { RunTracesService } from './run-traces.service.js';
import { RunsController } from './runs.controller.js';
import { scenarioSource } from './scenario-source.js';
import { TestCallsController } from '../test-calls/test-calls.controller.js';
import { TestCallsService } from '../test-calls/test-calls.service.js';
import { DataSource } from 'typeorm';
import { clusterConfigFromEnv, type ClusterConfig } from '../cluster/cluster-config.js';
import { CLUSTER_CONFIG, ClusterLifecycle } from '../cluster/cluster-lifecycle.js';
import { DatabaseGlobals } from '../cluster/database-globals.js';

const systemClock = {
  now: () => new Date(),
  sleep: (ms: number, { signal }: { signal: AbortSignal }) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Connects the engine to telephony, routing, CDRs and traces once everything exists. */
@Injectable()
export class RunsWiring implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(ScenarioEngine) private readonly engine: ScenarioEngine,
    @Inject(TelephonyService) private readonly telephony: TelephonyService,
    @Inject(RoutesService) private readonly routes: RoutesService,
    @Inject(ParkingLotsService) private readonly parking: ParkingLotsService,
    @Inject(CallRecordsService) private readonly calls: CallRecordsService,
    @Inject(TestCallsService) private readonly testCalls: TestCallsService,
    @Inject(JobsWiring) private readonly jobs: JobsWiring,
    @Inject(ServiceRunsService) private readonly serviceRuns: ServiceRunsService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const cdrs = new CdrRecorder(this.calls, (error) => this.logger.error({ err: error }, 'CDR write failed'));
    const postCall = new PostCallFacts(
      (call) => this.serviceRuns.onCallEnded(call),
      (error) => this.logger.error({ err: error }, 'post-call processing failed'),
    );
    this.telephony.lifecycle.on((event) => {
      cdrs.handle(event);
      postCall.handle(event);
    });
    this.telephony.setRouter(this.testCalls.router(callRouter(this.routes, this.parking)));
    this.telephony.setRunner({
      run: async (request) => {
        const running = this.engine.run(request);
        if (request.call && !request.parentRunId) postCall.trackRun(request.call.port.id, running);
        const result = await running;
        const callId = request.call?.port.id ?? result.callId;
        if (callId && !request.parentRunId) cdrs.runEnded(callId, result);
        // A dialed leg the run took over has no socket owner left: hang it up with the run.
        if (!request.call && result.callId) await this.telephony.endLeg(result.callId).catch(() => undefined);
        return result;
      },
    });
    await this.jobs.connect(this.jobConnections());
  }

  /** How jobs (service runs, callbacks, campaigns) run scenarios and place calls. */
  private jobConnections(): JobsConnections {
    return {
      runner: async ({ scenarioId, args, call, runId }) => {
        let dialed: string | undefined;
        try {
          const result = await this.engine.run({
            scenarioId,
            args,
            ...(call ? { call } : {}),
            ...(runId ? { runId } : {}),
          });
          // A service scenario that dialed a leg itself: the leg has no other owner.
          if (!call) dialed = result.callId;
          return result;
        } finally {
          // The job dialed this leg for the run: nobody else will hang it up.
          if (call) await this.telephony.endLeg(call.port.id).catch(() => undefined);
          if (dialed) await this.telephony.endLeg(dialed).catch(() => undefined);
        }
      },
      dialer: {
        dial: async ({ target, ringTimeoutMs, callerId, headers, signal }) => {
          const result = await this.telephony.switchPort.originate({
            target,
            ringTimeoutMs,
            ...(callerId ? { callerId } : {}),
            headers: headers ?? {},
            attachToRun: true,
            signal: signal ?? new AbortController().signal,
          });
          if (result.outcome !== 'answered') return result;
          const call = this.telephony.legClaims.claim(result.callId);
          if (!call) return { outcome: 'failed', cause: 'the answered call did not come back to this runtime' };
          return { outcome: 'answered', callId: result.callId, call };
        },
      },
    };
  }

  onApplicationShutdown(): void {
    this.engine.shutdown();
  }
}

@Module({})
export class RunsModule {
  static register(config: RuntimeConfig): DynamicModule {
    return {
      module: RunsModule,
      imports: [
        TypeOrmModule.forFeature([RunStepEntity]),
        TelephonyModule.forRoot({ config: config.telephony }),
        IntegrationsModule,
        PaymentsModule.register({ config: config.payments }),
        ScenariosModule,
        RoutingModule,
        CallsModule,
      ],
      controllers: [RunsController, TestCallsController],
      providers: [
        RunTracesService,
        TestCallsService,
        { provide: CLUSTER_CONFIG, useFactory: (): ClusterConfig => clusterConfigFromEnv(process.env) },
        {
          // Global variables live in the database, so every node sees the same (docs/scaling.md).
          provide: DatabaseGlobals,
          inject: [DataSource, CLUSTER_CONFIG, ROOT_LOGGER],
          useFactory: async (dataSource: DataSource, cluster: ClusterConfig, logger: Logger) => {
            const globals = new DatabaseGlobals(dataSource, {
              nodeId: config.telephony.nodeId,
              refreshMs: cluster.globalsRefreshMs,
              onError: (message, error) => logger.warn({ err: error }, message),
            });
            await globals.start();
            return globals;
          },
        },
        {
          provide: ScenarioEngine,
          inject: [
            COMPONENT_CATALOG,
            ScenariosService,
            TelephonyService,
            INTEGRATION_PORTS,
            PAYMENTS_PORT,
            RunTracesService,
            ROOT_LOGGER,
            JobStarts,
            DatabaseGlobals,
          ],
          useFactory: (
            catalog: Catalog,
            scenarios: ScenariosService,
            telephony: TelephonyService,
            integrations: IntegrationPorts,
            payments: PaymentsPort,
            traces: RunTracesService,
            logger: Logger,
            starts: JobStarts,
            globals: DatabaseGlobals,
          ) =>
            new ScenarioEngine({
              catalog,
              executor: (type, version) => executors.get(`${type}@${version}`),
              scenarios: scenarioSource(scenarios),
              ports: { ...integrations, switch: telephony.switchPort, payments, clock: systemClock },
              legs: telephony.legClaims,
              starts,
              globals,
              traces,
              log: (level, message, fields) => logger[level](fields, message),
            }),
        },
        RunsWiring,
        ClusterLifecycle,
      ],
      exports: [ScenarioEngine, RunTracesService],
    };
  }
}
