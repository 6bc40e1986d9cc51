/** A hangup (or an abort) during each blocking operation leaves no listener, timer or socket behind. */
import type { CallActivityEntry } from '@ivr/esl-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EslCallPort } from './call/esl-call-port.js';
import { activity, eventually, scenario, startHarness, type Harness } from './__fixtures__/telephony-harness.js';

const LONG_TEXT = 'Please hold the line. '.repeat(20);

function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('hangup during a blocking operation', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      play: scenario('play', [{ type: 'answer' }, { type: 'play', params: { prompt: { tts: LONG_TEXT }, keys: '#' } }]),
      collect: scenario('collect', [
        { type: 'answer' },
        { type: 'collect', params: { prompt: { file: '/prompts/enter.wav' }, firstMs: 60_000 } },
      ]),
      bridge: scenario('bridge', [
        { type: 'answer' },
        {
          type: 'bridge',
          params: { targets: [{ type: 'uri', value: 'sofia/external/nobody@127.0.0.1' }], ringTimeoutMs: 600_000 },
        },
      ]),
      park: scenario('park', [{ type: 'answer' }, { type: 'park', params: { timeoutMs: 600_000 } }]),
      conference: scenario('conference', [{ type: 'answer' }, { type: 'conference', params: { room: 'lonely' } }]),
      record: scenario('record', [{ type: 'answer' }, { type: 'record' }]),
    });
    h.emulator.defineEndpoint({ match: 'nobody', outcome: 'noanswer' });
    h.emulator.defineEndpoint({ match: 'customer', outcome: 'answer' });
    for (const [i, id] of ['play', 'collect', 'bridge', 'park', 'conference', 'record'].entries())
      h.routes.set(`3${i}`, { scenarioId: id });
  });

  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['play', '30', (e: CallActivityEntry) => e.type === 'play' && e.kind === 'tts'],
    ['collect', '31', (e: CallActivityEntry) => e.type === 'play-end' && e.target === '/prompts/enter.wav'],
    ['bridge', '32', (e: CallActivityEntry) => e.type === 'bridge-attempt'],
    ['park', '33', (e: CallActivityEntry) => e.type === 'park'],
    ['conference', '34', (e: CallActivityEntry) => e.type === 'conference-join'],
    ['record', '35', (e: CallActivityEntry) => e.type === 'record-start'],
  ])('%s: the run ends as a hangup and the leg lets go of everything', async (_name, number, blocking) => {
    const call = h.emulator.placeCall({ from: '600', to: number });
    await activity(h.emulator, call.uuid, blocking);
    // Let the runtime see the switch's events and enter the wait (the digit timers for collect).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const port = h.port(call.uuid)!;
    call.hangup('NORMAL_CLEARING');
    const result = await h.result(call.uuid);
    expect(result.status).toBe('hangup');
    expect(result.error).toBeUndefined();
    await port.finished;
    expect(port.activeWaits).toBe(0);
    await eventually(() => h.service.legs.size === 0 && h.service.status().activeCalls === 0);
    const ended = h.lifecycle.find((e) => e.type === 'ended' && e.callId === call.uuid);
    expect(ended).toMatchObject({ cause: 'NORMAL_CLEARING', answered: true });
    await eventually(() => h.emulator.activeCalls === 0);
    // Between calls nothing in this process needs a timer: any left would be a leak.
    await eventually(() => timers() === 0, 2000);
  });

  it('leaves no call socket behind', async () => {
    await eventually(() => h.emulator.activeCalls === 0);
    expect(h.service.status().callSockets).toBe(0);
  });

  it('stops its own media with uuid_break when the step is aborted', async () => {
    const signal = new AbortController().signal;
    const result = await h.service.switchPort.originate({
      target: { type: 'uri', value: 'sofia/external/customer@127.0.0.1' },
      ringTimeoutMs: 5000,
      headers: {},
      attachToRun: true,
      signal,
    });
    if (result.outcome !== 'answered') throw new Error(result.outcome);
    const taken = h.service.takeOriginatedLeg(result.callId)!;
    const breaks: string[] = [];
    const off = h.emulator.onEvent((ev) => {
      if (ev.name === 'API' && ev.get('API-Command') === 'uuid_break')
        breaks.push(ev.get('API-Command-Argument') ?? '');
    });
    const step = new AbortController();
    const playing = taken.leg.port.play({ tts: LONG_TEXT }, { signal: step.signal });
    await activity(h.emulator, result.callId, (e) => e.type === 'play');
    step.abort(new Error('step timed out'));
    await expect(playing).rejects.toThrow('step timed out');
    expect(breaks).toContain(`${result.callId} all`);
    expect((taken.leg.port as EslCallPort).activeWaits).toBe(0);
    // On a real FreeSWITCH the leg stays up after uuid_break and could play on. The emulator ends
    // the socket's park loop with it and hangs up (reported), so this test stops here.
    await taken.end();
    off();
    expect(h.emulator.call(result.callId).active).toBe(false);
  });
});
