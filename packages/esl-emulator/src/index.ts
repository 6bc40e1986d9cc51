export {
  Emulator,
  CallHandle,
  startEmulator,
  type EmulatorOptions,
  type EmulatorHandle,
  type PlaceCallOptions,
  type CallInfo,
} from './emulator.js';
export { startControlServer } from './control-http.js';
export type { EndpointBehaviour, EndpointDefinition, SwitchOptions } from './switch.js';
export type { DialplanApp } from './session.js';
export type { CallActivity, CallActivityEntry, CallSummary, RecordingInfo } from './history.js';
export { EslEvent } from './event.js';
export {
  FrameParser,
  FrameError,
  serializeFrame,
  parseEventPlain,
  urlEncode,
  urlDecode,
  headerValue,
  type Frame,
  type Header,
} from '@ivr/esl-protocol';
