/**
 * The outcome of a bridge, read the way the real FreeSWITCH reports it (esl INDEX items 17-18): the
 * bridge application always answers `_none_`; what happened is in originate_disposition, DIALSTATUS
 * and last_bridge_proto_specific_hangup_cause (`sip:486`).
 */
export type DialFailure = { outcome: 'busy' | 'noanswer' | 'failed'; cause: string };

const BUSY_CAUSES = new Set(['USER_BUSY', 'BUSY']);
const NO_ANSWER_CAUSES = new Set([
  'NO_ANSWER',
  'NOANSWER',
  'NO_USER_RESPONSE',
  'ALLOTTED_TIMEOUT',
  'RECOVERY_ON_TIMER_EXPIRE',
]);

/** Classifies a hangup cause (originate's `-ERR USER_BUSY`, a bridge's disposition). */
export function classifyFailure(cause: string, protoCause?: string): DialFailure {
  if (BUSY_CAUSES.has(cause)) return { outcome: 'busy', cause: 'USER_BUSY' };
  if (NO_ANSWER_CAUSES.has(cause)) return { outcome: 'noanswer', cause: 'NO_ANSWER' };
  // The SIP code only decides when the cause says nothing more precise (it may also be left over
  // from an earlier bridge of the same call).
  const sip = /^sip:(\d{3})$/.exec(protoCause ?? '')?.[1];
  if (cause === 'NORMAL_CLEARING' || cause === '') {
    if (sip === '486' || sip === '600') return { outcome: 'busy', cause: 'USER_BUSY' };
    if (sip === '480' || sip === '408') return { outcome: 'noanswer', cause: 'NO_ANSWER' };
  }
  return { outcome: 'failed', cause: cause || 'NORMAL_TEMPORARY_FAILURE' };
}

/** Maps DIALSTATUS names back to causes when the disposition is missing. */
const DIALSTATUS_CAUSES: Record<string, string> = {
  BUSY: 'USER_BUSY',
  NOANSWER: 'NO_ANSWER',
  DONTCALL: 'CALL_REJECTED',
  CANCEL: 'ORIGINATOR_CANCEL',
};

export interface BridgeVariables {
  originate_disposition?: string | undefined;
  DIALSTATUS?: string | undefined;
  originate_failed_cause?: string | undefined;
  last_bridge_proto_specific_hangup_cause?: string | undefined;
}

/** `answered` when the bridge connected, else the failure. */
export function bridgeOutcome(vars: BridgeVariables): { outcome: 'answered' } | DialFailure {
  const disposition = vars.originate_disposition;
  const dialStatus = vars.DIALSTATUS;
  if (disposition === 'SUCCESS' || dialStatus === 'SUCCESS' || dialStatus === 'ANSWER') return { outcome: 'answered' };
  const cause =
    vars.originate_failed_cause ??
    disposition ??
    (dialStatus ? (DIALSTATUS_CAUSES[dialStatus] ?? dialStatus) : undefined) ??
    'NORMAL_TEMPORARY_FAILURE';
  return classifyFailure(cause, vars.last_bridge_proto_specific_hangup_cause);
}
