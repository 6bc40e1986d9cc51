/**
 * The explicit list of every component. Adding a folder under components/ without listing it here
 * (or the reverse) fails registry.spec.ts. Order is the palette order: by category, common first.
 */
import { createCatalog, type Catalog, type ComponentDefinition, type ExitDefinition } from '@ivr/scenario-schema';
import { endDefinition } from './components/end/definition.js';
import { conditionDefinition } from './components/condition/definition.js';
import { switchDefinition } from './components/switch/definition.js';
import { assignDefinition } from './components/assign/definition.js';
import { pauseDefinition } from './components/pause/definition.js';
import { workingHoursDefinition } from './components/working-hours/definition.js';
import { subScenarioDefinition } from './components/sub-scenario/definition.js';
import { startServiceDefinition } from './components/start-service/definition.js';
import { messageSendDefinition } from './components/message-send/definition.js';
import { messageWaitDefinition } from './components/message-wait/definition.js';
import { logDefinition } from './components/log/definition.js';
import { splitDefinition } from './components/split/definition.js';
import { answerDefinition } from './components/answer/definition.js';
import { hangupDefinition } from './components/hangup/definition.js';
import { playDefinition } from './components/play/definition.js';
import { inputDefinition } from './components/input/definition.js';
import { menuDefinition } from './components/menu/definition.js';
import { switchCallDefinition } from './components/switch-call/definition.js';
import { transferDefinition } from './components/transfer/definition.js';
import { recordDefinition } from './components/record/definition.js';
import { recordCallDefinition } from './components/record-call/definition.js';
import { parkDefinition } from './components/park/definition.js';
import { pickupDefinition } from './components/pickup/definition.js';
import { conferenceDefinition } from './components/conference/definition.js';
import { conferenceToBridgeDefinition } from './components/conference-to-bridge/definition.js';
import { callbackDefinition } from './components/callback/definition.js';
import { dialDefinition } from './components/dial/definition.js';
import { sipHeadersDefinition } from './components/sip-headers/definition.js';
import { sendDtmfDefinition } from './components/send-dtmf/definition.js';
import { sqlDefinition } from './components/sql/definition.js';
import { httpDefinition } from './components/http/definition.js';
import { excelReadDefinition } from './components/excel-read/definition.js';
import { excelWriteDefinition } from './components/excel-write/definition.js';
import { smsDefinition } from './components/sms/definition.js';
import { emailDefinition } from './components/email/definition.js';
import { paymentDefinition } from './components/payment/definition.js';

export const definitions = [
  // flow
  endDefinition,
  conditionDefinition,
  switchDefinition,
  assignDefinition,
  pauseDefinition,
  workingHoursDefinition,
  subScenarioDefinition,
  startServiceDefinition,
  messageSendDefinition,
  messageWaitDefinition,
  logDefinition,
  splitDefinition,
  // call
  answerDefinition,
  hangupDefinition,
  playDefinition,
  inputDefinition,
  menuDefinition,
  switchCallDefinition,
  transferDefinition,
  recordDefinition,
  recordCallDefinition,
  parkDefinition,
  pickupDefinition,
  conferenceDefinition,
  conferenceToBridgeDefinition,
  callbackDefinition,
  dialDefinition,
  sipHeadersDefinition,
  sendDtmfDefinition,
  // data
  sqlDefinition,
  httpDefinition,
  excelReadDefinition,
  excelWriteDefinition,
  // messaging
  smsDefinition,
  emailDefinition,
  // payments
  paymentDefinition,
] as const;

/**
 * A definition whatever its params type. `any` because ZodType<P> is covariant in P while `exits`
 * is contravariant: no other type parameter admits every typed definition.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyComponentDefinition = ComponentDefinition<any>;

export const componentDefinitions: readonly AnyComponentDefinition[] = definitions;

/** Every component the product knows, as the validator, the designer and the engine see it. */
export const catalog: Catalog = createCatalog(componentDefinitions);

/** The key a component version is known by outside the catalog (executor map, CLI output). */
export type ComponentKey = `${string}@${number}`;

export function componentKey(type: string, typeVersion: number): ComponentKey {
  return `${type}@${typeVersion}`;
}

/** The exits of a typed definition for its parsed params (scenario-schema's exitsOf takes untyped ones). */
export function exitsFor<P>(definition: ComponentDefinition<P>, params: P): readonly ExitDefinition[] {
  return typeof definition.exits === 'function' ? definition.exits(params) : definition.exits;
}
