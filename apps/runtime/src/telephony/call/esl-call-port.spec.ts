/** The CallPort's media, recording, variable and transfer operations on a live emulated leg. */
import { existsSync } from 'node:fs';
import type { CallLeg } from '../../engine/engine.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activity, startHarness, type Harness } from '../__fixtures__/telephony-harness.js';

describe('EslCallPort', () => {
  let h: Harness;
  let leg: CallLeg;
  let end: () => Promise<void>;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    h = await startHarness({});
    h.emulator.defineEndpoint({ match: 'customer', outcome: 'answer' });
  });

  beforeEach(async () => {
    const result = await h.service.switchPort.originate({
      target: { type: 'uri', value: 'sofia/external/customer@127.0.0.1' },
      ringTimeoutMs: 5000,
      headers: {},
      attachToRun: true,
      signal,
    });
    if (result.outcome !== 'answered') throw new Error(result.outcome);
    ({ leg, end } = h.service.takeOriginatedLeg(result.callId)!);
  });

  afterAll(async () => {
    await h.close();
  });

  const history = () => h.emulator.history(leg.port.id)!.entries;

  it('says numbers and money with mod_say and plays tones', async () => {
    await leg.port.play({ say: { type: 'number', value: '123' }, tone: '%(100,0,800)' }, { signal });
    await leg.port.play({ say: { type: 'money', value: '10.50' } }, { signal, language: 'en' });
    const plays = history().filter((e) => e.type === 'play');
    expect(plays.map((e) => (e.type === 'play' ? [e.kind, e.text ?? e.target] : []))).toEqual([
      ['say', 'one hundred twenty three'],
      ['tone', 'tone_stream://%(100,0,800)'],
      ['say', 'ten dollars and fifty cents'],
    ]);
    await end();
  });

  it('reports the key that interrupted a prompt', async () => {
    const playing = leg.port.play(
      { tts: 'A long message that the caller interrupts. '.repeat(5) },
      { signal, bargeInKeys: '#' },
    );
    await activity(h.emulator, leg.port.id, (e) => e.type === 'play');
    await h.emulator.pressDigits(leg.port.id, '#');
    expect(await playing).toEqual({ interruptedBy: '#' });
    await end();
  });

  it('records a message ended by the terminator key', async () => {
    const recording = leg.port.record({
      beep: true,
      maxLengthMs: 60_000,
      silenceTimeoutMs: 0,
      terminators: '#',
      format: 'wav',
      signal,
    });
    await activity(h.emulator, leg.port.id, (e) => e.type === 'record-start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.emulator.pressDigits(leg.port.id, '#');
    const result = await recording;
    expect(result.outcome).toBe('recorded');
    if (result.outcome === 'recorded') {
      expect(result.durationMs).toBeGreaterThan(0);
      expect(existsSync(result.file)).toBe(true);
    }
    expect(history().some((e) => e.type === 'play' && e.kind === 'tone')).toBe(true);
    await end();
  });

  it('records the whole call with a masked span', async () => {
    const { file } = await leg.port.startSessionRecording({ format: 'wav', stereo: false });
    await leg.port.maskRecording();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await leg.port.unmaskRecording();
    await leg.port.stopSessionRecording();
    const recordings = h.emulator.switch.histories.get(leg.port.id)!.recordings;
    expect(recordings).toHaveLength(1);
    expect(recordings[0]).toMatchObject({ path: file, session: true });
    expect(recordings[0]!.masked).toHaveLength(1);
    expect(recordings[0]!.masked[0]!.toMs).toBeDefined();
    expect(history().map((e) => e.type)).toEqual(
      expect.arrayContaining(['record-start', 'mask', 'unmask', 'record-stop']),
    );
    await end();
  });

  it('sends DTMF and reads and writes channel variables', async () => {
    await leg.port.sendDtmf('12#', 100);
    expect(history()).toContainEqual(expect.objectContaining({ type: 'dtmf-sent', digits: '12#' }));
    await leg.port.setVariable('ivr_note', 'two words');
    expect(await leg.port.getVariable('ivr_note')).toBe('two words');
    expect(await leg.port.getVariable('ivr_never_set')).toBeUndefined();
    await expect(leg.port.getVariable('bad name; uuid_kill')).rejects.toThrow(/not a channel variable/);
    await end();
  });

  it('transfers to a dialplan extension and lets the dialplan finish the call', async () => {
    await leg.port.transfer({
      destination: '9997',
      method: 'dialplan',
      context: 'public',
      headers: { 'X-Reason': 'menu' },
    });
    await end();
    const entries = history();
    const transferAt = entries.findIndex((e) => e.type === 'transfer');
    expect(transferAt).toBeGreaterThan(-1);
    expect(entries.slice(transferAt).some((e) => e.type === 'play' && e.target.endsWith('welcome.wav'))).toBe(true);
    expect(entries.at(-1)).toMatchObject({ type: 'hangup', cause: 'NORMAL_CLEARING' });
  });
});
