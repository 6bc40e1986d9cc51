/** Parking, conference conversion, originate with correlation, control reconnects, the reaper. */
import { startEmulator } from '@ivr/esl-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, eventually, scenario, startHarness, type Harness } from './__fixtures__/telephony-harness.js';
import { DEFAULT_TELEPHONY_CONFIG } from './config.js';
import { TelephonyService } from './telephony-service.js';

describe('switch control over the inbound connection', () => {
  let h: Harness;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    h = await startHarness({
      conf: scenario('conf', [
        { type: 'answer' },
        { type: 'conference', params: { room: 'room1' } },
        { type: 'hangup' },
      ]),
      parkt: scenario('parkt', [
        { type: 'answer' },
        { type: 'park', params: { timeoutMs: 1000 } },
        { type: 'play', params: { prompt: { file: '/prompts/thanks.wav' } } },
      ]),
      ctl: scenario('ctl', [
        { type: 'answer' },
        {
          type: 'collect',
          params: { prompt: { file: '/prompts/enter.wav' }, max: 1 },
          exits: { ok: 'n2', noinput: 'n2' },
        },
        { type: 'switchvar', params: { name: 'ivr_runtime_node' } },
        { type: 'hangup' },
      ]),
      dialer: scenario(
        'dialer',
        [
          { type: 'dial', params: { targets: [{ type: 'uri', value: 'sofia/external/customer@127.0.0.1' }] } },
          { type: 'play', params: { prompt: { tts: 'This is a reminder' } } },
        ],
        'service',
      ),
    });
    h.routes.set('710', { park: 'my_lot', firstSlot: 711, lastSlot: 715, announce: true, timeoutMs: 60_000 });
    h.routes.set('711', { pickup: 'my_lot', slot: '711' });
    h.routes.set('20', { scenarioId: 'conf' });
    h.routes.set('21', { scenarioId: 'parkt' });
    h.routes.set('22', { scenarioId: 'ctl' });
    h.emulator.defineEndpoint({ match: 'customer', outcome: 'answer' });
    h.emulator.defineEndpoint({ match: 'customer-busy', outcome: 'busy' });
    h.emulator.defineEndpoint({ match: 'customer-away', outcome: 'noanswer' });
  });

  afterAll(async () => {
    await h.close();
  });

  it('parks a call in the first free slot and bridges it to the caller who dials the slot', async () => {
    const parked = h.emulator.placeCall({ from: '200', to: '710' });
    await eventually(async () => (await h.service.switchPort.parkedCalls('my_lot')).length === 1);
    expect(await h.service.switchPort.parkedCalls('my_lot')).toMatchObject([{ slot: '711', callId: parked.uuid }]);
    const retriever = h.emulator.placeCall({ from: '201', to: '711' });
    await eventually(() =>
      h.lifecycle.some((e) => e.type === 'bridged' && e.callId === parked.uuid && e.peerCallId === retriever.uuid),
    );
    expect(await h.service.switchPort.parkedCalls('my_lot')).toEqual([]);
    parked.hangup();
    await Promise.all([parked.ended(), retriever.ended()]);
    await eventually(() => h.service.legs.size === 0);
  });

  it('returns from a park that times out, and the call stays controllable', async () => {
    const call = h.emulator.placeCall({ from: '200', to: '21' });
    const result = await h.result(call.uuid);
    expect(result).toMatchObject({ status: 'completed', returns: { outcome: 'timeout', slot: '711' } });
    expect(
      h.emulator.history(call.uuid)!.entries.some((e) => e.type === 'play' && e.target === '/prompts/thanks.wav'),
    ).toBe(true);
  });

  it('converts a two-member conference into a direct bridge', async () => {
    const a = h.emulator.placeCall({ from: '301', to: '20' });
    const b = h.emulator.placeCall({ from: '302', to: '20' });
    expect(await h.service.switchPort.waitForConferenceSize('room1', 2, 5000, { signal })).toBe(true);
    const members = await h.service.switchPort.conferenceMembers('room1');
    expect(members.map((m) => m.callId).sort()).toEqual([a.uuid, b.uuid].sort());
    await h.service.switchPort.bridgeCalls(a.uuid, b.uuid);
    expect(await h.service.switchPort.waitForConferenceSize('room1', 0, 5000, { signal })).toBe(true);
    expect(await h.service.switchPort.conferenceMembers('room1')).toEqual([]);
    await eventually(() =>
      h.lifecycle.some((e) => e.type === 'bridged' && e.callId === a.uuid && e.peerCallId === b.uuid),
    );
    a.hangup();
    const [ra, rb] = await Promise.all([h.result(a.uuid), h.result(b.uuid)]);
    expect(ra.status).toBe('hangup');
    expect(rb.status).toBe('hangup');
    expect(ra.error).toBeUndefined();
  });

  it('originates with a correlation variable and hands the answered leg to the run that asked', async () => {
    const result = await h.service.switchPort.originate({
      target: { type: 'uri', value: 'sofia/external/customer@127.0.0.1' },
      ringTimeoutMs: 5000,
      callerId: { number: '100' },
      headers: { 'X-Campaign': 'c1' },
      attachToRun: true,
      signal,
    });
    expect(result.outcome).toBe('answered');
    if (result.outcome !== 'answered') return;
    const taken = h.service.takeOriginatedLeg(result.callId)!;
    expect(taken).toBeDefined();
    expect(taken.leg.info().uuid).toBe(result.callId);
    await taken.leg.port.play({ tts: 'Your appointment is tomorrow' }, { signal });
    await taken.end();
    const history = h.emulator.history(result.callId)!.entries;
    expect(history.some((e) => e.type === 'play' && e.text === 'Your appointment is tomorrow')).toBe(true);
    expect(h.lifecycle.filter((e) => e.callId === result.callId).map((e) => e.type)).toEqual([
      'ringing',
      'answered',
      'ended',
    ]);
  });

  it("runs a service scenario whose dial's answered leg becomes the run's call", async () => {
    const result = await h.engine.run({ scenarioId: 'dialer' });
    expect(result).toMatchObject({ status: 'completed', returns: { outcome: 'answered' } });
    const callId = String(result.returns.answeredBy);
    expect(h.emulator.history(callId)!.entries.some((e) => e.type === 'play' && e.text === 'This is a reminder')).toBe(
      true,
    );
    expect(h.service.legs.has(callId)).toBe(true);
    await h.service.endLeg(callId);
    await eventually(() => !h.service.legs.has(callId));
    expect(h.emulator.call(callId).active).toBe(false);
  });

  it.each([
    ['customer-busy', { outcome: 'busy', cause: 'USER_BUSY' }],
    ['customer-away', { outcome: 'noanswer', cause: 'NO_ANSWER' }],
  ])('reports an originate to %s from the BACKGROUND_JOB', async (user, expected) => {
    const result = await h.service.switchPort.originate({
      target: { type: 'uri', value: `sofia/external/${user}@127.0.0.1` },
      ringTimeoutMs: 2000,
      headers: {},
      attachToRun: true,
      signal,
    });
    expect(result).toEqual(expected);
  });

  it('kills a ringing originate when its step is aborted', async () => {
    const controller = new AbortController();
    const pending = h.service.switchPort.originate({
      target: { type: 'uri', value: 'sofia/external/customer-away@127.0.0.1' },
      ringTimeoutMs: 600_000,
      headers: {},
      attachToRun: true,
      signal: controller.signal,
    });
    const created = await activity(
      h.emulator,
      undefined,
      (e) => e.type === 'created' && e.to === 'sofia/external/customer-away@127.0.0.1',
    );
    controller.abort(new Error('step timeout'));
    await expect(pending).rejects.toThrow('step timeout');
    await h.emulator.call(created.uuid).ended();
  });

  it('keeps a call running while the control connection drops and comes back', async () => {
    const control = h.service.controlConnections[0]!;
    const before = control.connects;
    const call = h.emulator.placeCall({ from: '400', to: '22' });
    await activity(h.emulator, call.uuid, (e) => e.type === 'play' && e.target === '/prompts/enter.wav');
    control.drop();
    expect(control.connected).toBe(false);
    // The next step needs the control connection: it waits for the reconnection.
    await call.pressDigits('5');
    const result = await h.result(call.uuid);
    expect(result).toMatchObject({ status: 'completed', returns: { digits: '5', cause: 'test-node' } });
    expect(control.connects).toBe(before + 1);
  });

  it('kills orphaned channels of this runtime and leaves live calls alone', async () => {
    const live = h.emulator.placeCall({ from: '500', to: '22' });
    await activity(h.emulator, live.uuid, (e) => e.type === 'play' && e.target === '/prompts/enter.wav');
    const orphan = await h.service.switchPort.originate({
      target: { type: 'uri', value: 'sofia/external/customer@127.0.0.1' },
      ringTimeoutMs: 5000,
      headers: {},
      attachToRun: false,
      signal,
    });
    expect(orphan.outcome).toBe('answered');
    const killed = await h.service.reapOrphans();
    expect(killed).toEqual([orphan.outcome === 'answered' ? orphan.callId : '']);
    expect(live.active).toBe(true);
    await live.pressDigits('1');
    expect((await h.result(live.uuid)).status).toBe('completed');
  });

  it('exposes capacity for health and refuses an originate when the switch is full', async () => {
    const status = h.service.status();
    expect(status).toMatchObject({
      mode: 'embedded',
      switches: [{ connected: true, capacity: { maxSessions: 1000 } }],
    });
    const control = h.service.controlConnections[0]!;
    const real = control.capacity!;
    Object.defineProperty(control, 'capacity', {
      configurable: true,
      get: () => ({ ...real, sessions: real.maxSessions }),
    });
    Object.defineProperty(control, 'freeSessions', { configurable: true, get: () => 0 });
    try {
      await expect(
        h.service.switchPort.originate({
          target: { type: 'uri', value: 'sofia/external/customer@127.0.0.1' },
          ringTimeoutMs: 1000,
          headers: {},
          attachToRun: true,
          signal,
        }),
      ).rejects.toThrow(/no switch can take another call: full/);
    } finally {
      Reflect.deleteProperty(control, 'capacity');
      Reflect.deleteProperty(control, 'freeSessions');
    }
  });
});

describe('a real switch restarted', () => {
  it('reconnects the control connection with back-off and re-subscribes', async () => {
    const first = await startEmulator({ port: 0, control: false, heartbeatSeconds: 0, timeScale: 0.01 });
    const port = first.esl.port;
    const service = new TelephonyService({
      ...DEFAULT_TELEPHONY_CONFIG,
      switches: [{ host: '127.0.0.1', port, password: 'ClueCon' }],
      listenPort: 0,
      nodeId: 'restart-node',
      reaper: { intervalMs: 0, graceMs: 0 },
    });
    await service.start();
    let second: Awaited<ReturnType<typeof startEmulator>> | undefined;
    try {
      const control = service.controlConnections[0]!;
      expect(control.connects).toBe(1);
      await first.close();
      await eventually(() => !control.connected);
      second = await startEmulator({ port, control: false, heartbeatSeconds: 1, timeScale: 0.01 });
      await eventually(() => control.connected, 10_000);
      expect(control.connects).toBe(2);
      // Re-subscribed: a HEARTBEAT on the new connection updates capacity.
      const before = control.capacity!.updatedAt.getTime();
      second.emulator.switch.fireHeartbeat();
      await eventually(() => control.capacity!.updatedAt.getTime() > before);
      expect(
        await service.switchPort
          .getCallVariable('00000000-0000-0000-0000-000000000000', 'x')
          .catch((e: Error) => e.message),
      ).toMatch(/No such channel/);
    } finally {
      await service.stop();
      await second?.close();
    }
  });
});
