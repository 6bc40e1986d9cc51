import { describe, expect, it } from 'vitest';
import type { CallRecordsService } from '../calls/call-records.service.js';
import { CdrRecorder } from './cdr-recorder.js';

/** A CDR store that is away for the first `failures` writes. */
function flakyStore(failures: number) {
  const rows = new Map<string, Record<string, unknown>>();
  const writes: string[] = [];
  let left = failures;
  const fail = () => {
    if (left > 0) {
      left -= 1;
      throw new Error('database away');
    }
  };
  const store = {
    async start(record: Record<string, unknown>, id: string) {
      fail();
      writes.push('start');
      rows.set(id, { ...record });
      return id;
    },
    async update(id: string, changes: Record<string, unknown>) {
      fail();
      writes.push(Object.keys(changes).join(','));
      Object.assign(rows.get(id) ?? {}, changes);
    },
  };
  return { store: store as unknown as CallRecordsService, rows, writes };
}

const at = new Date('2026-01-01T10:00:00Z');

describe('CdrRecorder', () => {
  it('retries the writes of a call in order while the database is away, with one record', async () => {
    const { store, rows, writes } = flakyStore(3);
    const errors: unknown[] = [];
    const recorder = new CdrRecorder(store, (error) => errors.push(error), { minDelayMs: 5, maxDelayMs: 20 });
    recorder.handle({ type: 'ringing', callId: 'c1', direction: 'inbound', from: '100', to: '200', switchId: 's', at });
    recorder.handle({ type: 'answered', callId: 'c1', at });
    recorder.handle({
      type: 'ended',
      callId: 'c1',
      cause: 'NORMAL_CLEARING',
      at,
      answered: true,
      durationMs: 5,
      talkMs: 4,
    });
    recorder.runEnded('c1', { scenarioId: 'x', version: 1, status: 'completed', result: 'done' });
    for (let i = 0; i < 200 && writes.length < 4; i++) await new Promise((r) => setTimeout(r, 5));
    expect(writes).toEqual([
      'start',
      'answeredAt',
      'endedAt,durationMs,hangupCause',
      'scenarioId,scenarioVersion,result',
    ]);
    expect(rows.size).toBe(1);
    expect([...rows.values()][0]).toMatchObject({ callee: '200', result: 'done', hangupCause: 'NORMAL_CLEARING' });
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });

  it('gives up after giveUpAfterMs and reports it', async () => {
    const { store } = flakyStore(1_000_000);
    const errors: unknown[] = [];
    const recorder = new CdrRecorder(store, (error) => errors.push(error), {
      minDelayMs: 5,
      maxDelayMs: 5,
      giveUpAfterMs: 50,
    });
    recorder.handle({ type: 'ringing', callId: 'c2', direction: 'inbound', from: '1', to: '2', switchId: 's', at });
    for (let i = 0; i < 100 && errors.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(errors).toHaveLength(2); // the first failure, then the giving up
  });
});
