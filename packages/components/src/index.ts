/**
 * @ivr/components: the component catalog (browser-safe data), the executor contract and the ports.
 * Executors themselves are not exported from here: they attach through an ExecutorRegistry built
 * by the runtime, so the designer never bundles them.
 */
export { catalog, definitions, componentDefinitions, componentKey, exitsFor } from './registry.js';
export type { AnyComponentDefinition, ComponentKey } from './registry.js';
export { createExecutorRegistry, executorEntry, executorProblems } from './executors.js';
export type { AnyExecutor, ExecutorRegistry } from './executors.js';
export type * from './executor.js';
export type * from './ports/index.js';

export * from './shared/text.js';
export * from './shared/ui.js';
export * from './shared/prompt.js';
export * from './shared/exits.js';
export * from './shared/fields.js';
export * from './shared/telephony.js';
export * from './shared/assignments.js';
export * from './shared/kinds.js';
export * from './shared/calendar.js';

export * from './components/answer/definition.js';
export * from './components/assign/definition.js';
export * from './components/callback/definition.js';
export * from './components/condition/definition.js';
export * from './components/conference/definition.js';
export * from './components/conference-to-bridge/definition.js';
export * from './components/dial/definition.js';
export * from './components/email/definition.js';
export * from './components/end/definition.js';
export * from './components/excel-read/definition.js';
export * from './components/excel-write/definition.js';
export * from './components/hangup/definition.js';
export * from './components/http/definition.js';
export * from './components/input/definition.js';
export * from './components/log/definition.js';
export * from './components/menu/definition.js';
export * from './components/message-send/definition.js';
export * from './components/message-wait/definition.js';
export * from './components/park/definition.js';
export * from './components/pause/definition.js';
export * from './components/payment/definition.js';
export * from './components/pickup/definition.js';
export * from './components/play/definition.js';
export * from './components/record/definition.js';
export * from './components/record-call/definition.js';
export * from './components/send-dtmf/definition.js';
export * from './components/sip-headers/definition.js';
export * from './components/sms/definition.js';
export * from './components/split/definition.js';
export * from './components/sql/definition.js';
export * from './components/start-service/definition.js';
export * from './components/sub-scenario/definition.js';
export * from './components/switch/definition.js';
export * from './components/switch-call/definition.js';
export * from './components/transfer/definition.js';
export * from './components/working-hours/definition.js';
export { localMoment, inPeriod, clockMinutes, type LocalMoment } from './components/working-hours/local-time.js';
