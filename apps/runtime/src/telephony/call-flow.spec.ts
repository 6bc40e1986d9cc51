/** Calls placed on the emulator reach the outbound server and run scenarios on the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, scenario, startHarness, type Harness } from './__fixtures__/telephony-harness.js';
import { NO_ROUTE_CAUSE } from './telephony-service.js';

const target = (user: string) => [{ type: 'uri', value: `sofia/external/${user}@127.0.0.1` }];

describe('inbound calls through the outbound socket server', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      ivr: scenario('ivr', [
        { type: 'answer' },
        { type: 'play', params: { prompt: { file: '/prompts/welcome.wav', tts: 'Hello there' } } },
        {
          type: 'collect',
          params: { prompt: { file: '/prompts/enter.wav' }, max: 4 },
          exits: { ok: 'n3', noinput: 'n3' },
        },
        { type: 'hangup' },
      ]),
      secure: scenario('secure', [
        { type: 'answer' },
        {
          type: 'collect',
          params: { prompt: { file: '/prompts/card.wav' }, max: 16, secure: true },
          exits: { ok: 'n2', noinput: 'n2' },
        },
        { type: 'hangup' },
      ]),
      bridge: scenario('bridge', [{ type: 'answer' }, { type: 'bridge', params: { targets: target('agent-ok') } }]),
      busy: scenario('busy', [{ type: 'answer' }, { type: 'bridge', params: { targets: target('agent-busy') } }]),
      noanswer: scenario('noanswer', [
        { type: 'answer' },
        { type: 'bridge', params: { targets: target('agent-ringing'), ringTimeoutMs: 2000 } },
      ]),
      unreachable: scenario('unreachable', [
        { type: 'answer' },
        { type: 'bridge', params: { targets: target('agent-down') } },
      ]),
      decline: scenario('decline', [
        { type: 'answer' },
        { type: 'bridge', params: { targets: target('agent-decline') } },
      ]),
      hunt: scenario('hunt', [
        { type: 'answer' },
        {
          type: 'bridge',
          params: {
            targets: [...target('agent-busy'), ...target('agent-down'), ...target('agent-ok')],
            strategy: 'sequential',
          },
        },
      ]),
      headers: scenario('headers', [
        { type: 'answer' },
        { type: 'headers', params: { set: { 'X-Payment-Ref': 'PR-778899' } } },
        { type: 'bridge', params: { targets: target('agent-ok'), headers: { 'X-Payment-Status': 'approved' } } },
      ]),
    });
    const e = h.emulator;
    e.defineEndpoint({ match: 'agent-ok', outcome: 'answer', hangupAfterSeconds: 1 });
    e.defineEndpoint({ match: 'agent-busy', outcome: 'busy' });
    e.defineEndpoint({ match: 'agent-ringing', outcome: 'noanswer' });
    e.defineEndpoint({ match: 'agent-down', outcome: 'unreachable' });
    e.defineEndpoint({ match: 'agent-decline', outcome: 'decline' });
    for (const id of ['ivr', 'secure', 'bridge', 'busy', 'noanswer', 'unreachable', 'decline', 'hunt', 'headers']) {
      h.routes.set(
        `1${['ivr', 'secure', 'bridge', 'busy', 'noanswer', 'unreachable', 'decline', 'hunt', 'headers'].indexOf(id)}`,
        { scenarioId: id },
      );
    }
  });

  afterAll(async () => {
    await h.close();
  });

  const dial = (number: string, headers?: Record<string, string>) =>
    h.emulator.placeCall({ from: '79161234567', to: number, ...(headers ? { headers } : {}) });

  it('answers, plays file and TTS, collects digits with barge-in, hangs up', async () => {
    const call = dial('10');
    const prompt = activity(
      h.emulator,
      call.uuid,
      (entry) => entry.type === 'play' && entry.target === '/prompts/enter.wav',
    );
    await prompt;
    await call.pressDigits('12#', 50);
    const result = await h.result(call.uuid);
    expect(result).toMatchObject({ status: 'completed', returns: { digits: '12', terminator: '#' } });
    const summary = await call.ended();
    const history = h.emulator.history(call.uuid)!.entries;
    expect(history.filter((e) => e.type === 'play').map((e) => (e.type === 'play' ? e.kind : ''))).toEqual([
      'file',
      'tts',
      'file',
    ]);
    expect(history.find((e) => e.type === 'play' && e.kind === 'tts')).toMatchObject({ text: 'Hello there' });
    expect(summary).toBeDefined();
    expect(h.lifecycle.filter((e) => e.callId === call.uuid).map((e) => e.type)).toEqual([
      'ringing',
      'answered',
      'ended',
    ]);
    expect(h.lifecycle.find((e) => e.callId === call.uuid && e.type === 'ended')).toMatchObject({
      cause: 'NORMAL_CLEARING',
      answered: true,
    });
  });

  it('collects secure digits without putting them in a channel variable', async () => {
    const call = dial('11');
    const seenVars: string[] = [];
    const off = h.emulator.onEvent((ev) => {
      if (ev.uniqueId === call.uuid)
        for (const [name, value] of ev.headers)
          if (name.startsWith('variable_') && name !== 'variable_digits_dialed' && value.includes('4111111111111111'))
            seenVars.push(name);
    });
    await activity(h.emulator, call.uuid, (entry) => entry.type === 'play' && entry.target === '/prompts/card.wav');
    await call.pressDigits('4111111111111111', 20);
    const result = await h.result(call.uuid);
    off();
    expect(result.returns).toMatchObject({ digitCount: '16', digits: '' });
    expect(seenVars).toEqual([]);
  });

  it.each([
    ['12', 'answered', undefined],
    ['13', 'busy', 'USER_BUSY'],
    ['14', 'noanswer', 'NO_ANSWER'],
    ['15', 'failed', 'NORMAL_TEMPORARY_FAILURE'],
    ['16', 'failed', 'CALL_REJECTED'],
  ])('bridges (number %s) and reads the outcome %s from the channel variables', async (number, outcome, cause) => {
    const call = dial(number);
    const result = await h.result(call.uuid);
    expect(result.status).toBe('completed');
    expect(result.returns.outcome).toBe(outcome);
    if (cause) expect(result.returns.cause).toBe(cause);
    else expect(result.returns.answeredBy).not.toBe('');
    // continue_on_fail kept the caller up until the run ended and hung up normally.
    const summary = await call.ended();
    expect(summary).toBeDefined();
    const hangup = h.emulator.history(call.uuid)!.entries.find((e) => e.type === 'hangup');
    expect(hangup).toMatchObject({ cause: 'NORMAL_CLEARING' });
  });

  it('hunts sequentially: busy, unreachable, then the one that answers', async () => {
    const call = dial('17');
    const result = await h.result(call.uuid);
    expect(result.returns.outcome).toBe('answered');
    const attempts = h.emulator.history(call.uuid)!.entries.filter((e) => e.type === 'bridge-attempt');
    expect(attempts.map((e) => (e.type === 'bridge-attempt' ? e.target : ''))).toEqual([
      'sofia/external/agent-busy@127.0.0.1',
      'sofia/external/agent-down@127.0.0.1',
      'sofia/external/agent-ok@127.0.0.1',
    ]);
    expect(h.lifecycle.some((e) => e.callId === call.uuid && e.type === 'bridged')).toBe(true);
  });

  it('reads incoming X- headers and sends headers out with the bridge', async () => {
    const invites: Array<Record<string, string | undefined>> = [];
    const off = h.emulator.onEvent((ev) => {
      if (ev.name === 'CHANNEL_OUTGOING' || (ev.name === 'CHANNEL_ANSWER' && ev.get('Call-Direction') === 'outbound')) {
        invites.push({
          ref: ev.get('variable_sip_h_X-Payment-Ref'),
          status: ev.get('variable_sip_h_X-Payment-Status'),
        });
      }
    });
    const call = dial('18', { 'X-Order-Id': '12345' });
    const result = await h.result(call.uuid);
    off();
    expect(result.returns).toMatchObject({ orderId: '12345', outcome: 'answered' });
    expect(invites).toContainEqual({ ref: 'PR-778899', status: 'approved' });
  });

  it('hangs up a call no route takes, with a clear cause', async () => {
    const call = dial('999');
    await call.ended();
    expect(h.emulator.history(call.uuid)!.entries.find((e) => e.type === 'hangup')).toMatchObject({
      cause: NO_ROUTE_CAUSE,
    });
  });
});
