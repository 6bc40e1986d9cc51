import { describe, expect, it } from 'vitest';
import { bridgeOutcome, classifyFailure } from './bridge-outcome.js';
import { buildDialString, endpointFor } from './dial-string.js';

describe('dial strings', () => {
  it('joins simultaneous targets with commas and sequential ones with pipes', () => {
    const targets = [
      { type: 'number' as const, value: '+7 (916) 123-45-67' },
      { type: 'extension' as const, value: '101', ringTimeout: 10 },
      { type: 'gateway' as const, value: '555', gateway: 'gsm1' },
    ];
    expect(buildDialString({ targets, strategy: 'simultaneous', ringTimeoutMs: 20_000 })).toBe(
      '{originate_timeout=20}sofia/gateway/default/+79161234567,[leg_timeout=10]user/101,sofia/gateway/gsm1/555',
    );
    expect(buildDialString({ targets, strategy: 'sequential', ringTimeoutMs: 4_500 })).toContain(
      '|[leg_timeout=10]user/101|',
    );
  });

  it('puts caller id and SIP headers in the global variables, quoting values with spaces or commas', () => {
    const dial = buildDialString({
      targets: [{ type: 'uri', value: 'sip:agent@10.0.0.5' }],
      strategy: 'simultaneous',
      ringTimeoutMs: 15_000,
      callerId: { number: '100', name: 'Call Center' },
      headers: { 'X-Order-Id': '12345', 'X-Note': 'a, b' },
    });
    expect(dial).toBe(
      "{originate_timeout=15,origination_caller_id_number=100,origination_caller_id_name='Call Center',sip_h_X-Order-Id=12345,sip_h_X-Note='a, b'}sofia/external/agent@10.0.0.5",
    );
  });

  it('refuses header names that would inject variables', () => {
    expect(() =>
      buildDialString({
        targets: [{ type: 'number', value: '1' }],
        strategy: 'simultaneous',
        ringTimeoutMs: 1000,
        headers: { 'X-A,b=c': 'x' },
      }),
    ).toThrow(/SIP header/);
  });

  it('passes raw dial strings of uri targets through', () => {
    expect(endpointFor({ type: 'uri', value: 'loopback/9997' })).toBe('loopback/9997');
  });
});

describe('bridge outcome from channel variables (esl INDEX items 17-18)', () => {
  it.each([
    [{ originate_disposition: 'SUCCESS', DIALSTATUS: 'SUCCESS' }, { outcome: 'answered' }],
    [
      { originate_disposition: 'USER_BUSY', DIALSTATUS: 'BUSY', last_bridge_proto_specific_hangup_cause: 'sip:486' },
      { outcome: 'busy', cause: 'USER_BUSY' },
    ],
    [
      { originate_disposition: 'NO_ANSWER', DIALSTATUS: 'NOANSWER' },
      { outcome: 'noanswer', cause: 'NO_ANSWER' },
    ],
    [
      {
        originate_disposition: 'CALL_REJECTED',
        DIALSTATUS: 'DONTCALL',
        last_bridge_proto_specific_hangup_cause: 'sip:603',
      },
      { outcome: 'failed', cause: 'CALL_REJECTED' },
    ],
    [
      { originate_disposition: 'NORMAL_TEMPORARY_FAILURE', last_bridge_proto_specific_hangup_cause: 'sip:503' },
      { outcome: 'failed', cause: 'NORMAL_TEMPORARY_FAILURE' },
    ],
    // A stale sip:486 from an earlier bridge must not turn a no-answer into busy.
    [
      { originate_disposition: 'NO_ANSWER', last_bridge_proto_specific_hangup_cause: 'sip:486' },
      { outcome: 'noanswer', cause: 'NO_ANSWER' },
    ],
    [{ DIALSTATUS: 'BUSY' }, { outcome: 'busy', cause: 'USER_BUSY' }],
  ])('%o -> %o', (vars, expected) => {
    expect(bridgeOutcome(vars)).toEqual(expected);
  });

  it('classifies originate failures from BACKGROUND_JOB', () => {
    expect(classifyFailure('USER_BUSY')).toEqual({ outcome: 'busy', cause: 'USER_BUSY' });
    expect(classifyFailure('NO_USER_RESPONSE')).toEqual({ outcome: 'noanswer', cause: 'NO_ANSWER' });
    expect(classifyFailure('CHAN_NOT_IMPLEMENTED')).toEqual({ outcome: 'failed', cause: 'CHAN_NOT_IMPLEMENTED' });
  });
});
