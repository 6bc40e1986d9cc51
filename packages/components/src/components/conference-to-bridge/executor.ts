import type { Executor } from '../../executor.js';
import type { ConferenceToBridgeParams } from './definition.js';

/**
 * When exactly two members remain, bridges their legs directly (uuid_bridge) and the conference
 * ends: no mixing, no conference resources for what is now a plain call.
 */
export const conferenceToBridgeExecutor: Executor<ConferenceToBridgeParams> = async (context) => {
  const { params, ports, signal } = context;
  const room = context.renderTemplate(params.room);
  if (params.waitTimeout > 0) {
    const ready = await ports.switch.waitForConferenceSize(room, 2, params.waitTimeout * 1000, { signal });
    if (!ready) return { exit: 'not-ready' };
  }
  const members = await ports.switch.conferenceMembers(room);
  if (members.length !== 2) return { exit: 'not-ready' };
  const [a, b] = members as [(typeof members)[number], (typeof members)[number]];
  await ports.switch.bridgeCalls(a.callId, b.callId);
  context.ports.trace.note('conference turned into a bridge', { room, a: a.callId, b: b.callId });
  return { exit: 'ok' };
};
