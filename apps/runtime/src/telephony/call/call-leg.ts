/** The engine's view of a call (CallLeg) built over an EslCallPort. */
import type { CallLeg } from '../../engine/engine.js';
import type { EslCallPort } from './esl-call-port.js';

export function createCallLeg(port: EslCallPort): CallLeg {
  const { info } = port;
  return {
    port,
    info: () => ({
      uuid: info.uuid,
      callerId: info.callerId,
      callerName: info.callerName,
      dialedNumber: info.dialedNumber,
      headers: { ...info.headers },
      answered: port.isAnswered(),
    }),
    hangup: port.hangupSignal,
    variables: new Map(),
  };
}
