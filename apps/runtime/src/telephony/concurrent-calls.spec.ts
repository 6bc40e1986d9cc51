/** Many calls at once through one adapter: every run completes, nothing errors, nothing is left. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, scenario, startHarness, type Harness } from './__fixtures__/telephony-harness.js';

const CALLS = 500;

describe(`${CALLS} concurrent calls`, () => {
  let h: Harness;
  const errors: unknown[] = [];

  beforeAll(async () => {
    h = await startHarness(
      {
        short: scenario('short', [
          { type: 'answer' },
          { type: 'play', params: { prompt: { file: '/prompts/welcome.wav' } } },
          { type: 'collect', params: { max: 1, firstMs: 200 }, exits: { ok: 'n3', noinput: 'n3' } },
          { type: 'hangup' },
        ]),
      },
      { commandTimeoutMs: 30_000 },
    );
    h.routes.set('50', { scenarioId: 'short' });
  });

  afterAll(async () => {
    await h.close();
  });

  it('runs every call to completion without an error', async () => {
    const calls = Array.from({ length: CALLS }, (_, i) =>
      h.emulator.placeCall({ from: `7900${String(i).padStart(4, '0')}`, to: '50' }),
    );
    const results = await Promise.all(calls.map((call) => h.result(call.uuid)));
    const statuses = new Map<string, number>();
    for (const result of results) {
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      if (result.error) errors.push(result.error);
    }
    expect(Object.fromEntries(statuses)).toEqual({ completed: CALLS });
    expect(errors).toEqual([]);
    await Promise.all(calls.map((call) => call.ended()));
    await eventually(() => h.service.legs.size === 0, 15_000);
    const ended = h.lifecycle.filter((e) => e.type === 'ended');
    expect(ended).toHaveLength(CALLS);
    expect(ended.every((e) => e.type === 'ended' && e.cause === 'NORMAL_CLEARING')).toBe(true);
  }, 120_000);
});
