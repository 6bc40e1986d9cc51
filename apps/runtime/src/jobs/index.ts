/** The jobs module's public surface, for the runtime's wiring (app module, engine, telephony, CDRs). */
export { JobsModule, type JobsModuleOptions } from './jobs.module.js';
export { JobsWiring } from './jobs-lifecycle.js';
export { JobStarts } from './job-starts.js';
export { ServiceRunsService, type EndedCall } from './service-runs.service.js';
export { CallbacksService } from './callbacks.service.js';
export { JOB_PORT, type JobPort, type JobKind, type JobPayloads } from './job-port.js';
export type {
  DialOutcome,
  DialRequest,
  JobsConnections,
  OutboundDialer,
  ScenarioRunner,
  ScenarioRunOutcome,
  ScenarioRunRequest,
} from './scenario-runner.js';
export { loadJobsConfig, type JobsConfig } from './jobs-config.js';
