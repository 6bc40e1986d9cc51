import { describe, expect, it } from 'vitest';
import { compare, matches, type Observed } from './expectations.js';

const observed: Observed = {
  heard: ['Welcome to the shop', 'Enter your order number', 'Order 123 is shipped', 'Goodbye'],
  bridged: ['201'],
  variables: { status: 'shipped', attempts: 2, row: { id: '1', tags: ['a'] } },
  status: 'completed',
  result: 'told',
  lastNode: 'bye',
  hangupCause: 'NORMAL_CLEARING',
  sql: async () => [{ n: 1 }],
  http: [{ connection: 'crm', method: 'POST', path: '/survey', body: { answer: '1', caller: '100' } }],
  sms: [{ to: '79161234567', text: 'Thanks' }],
  mail: [],
};

describe('scenario test expectations', () => {
  it('passes when everything expected happened', async () => {
    expect(
      await compare(observed, {
        heard: ['order number', 'shipped'],
        notHeard: ['Sorry'],
        bridged: ['201'],
        variables: { status: 'shipped', row: { tags: ['a'] } },
        status: 'completed',
        result: 'told',
        sql: [{ connection: 'shop', query: 'SELECT 1', rows: [{ n: 1 }] }],
        http: [{ connection: 'crm', method: 'post', path: '/survey', body: { answer: '1' } }],
        sms: [{ to: '79161234567' }],
      }),
    ).toEqual([]);
  });

  it('says precisely what differs', async () => {
    const failures = await compare(observed, {
      heard: ['shipped', 'order number'],
      notHeard: ['Goodbye'],
      bridged: ['202'],
      variables: { attempts: 3 },
      status: 'failed',
      sql: [{ connection: 'shop', query: 'SELECT 1', rows: [{ n: 2 }] }],
      http: [{ connection: 'crm', path: '/other' }],
      sms: [],
    });
    expect(failures).toHaveLength(8);
    expect(failures[0]).toContain('expected to hear "order number" (in order)');
    expect(failures.join('\n')).toContain('expected variable attempts = 3, got 2');
  });

  it('matches partially and compares numbers with their text form', () => {
    expect(matches({ a: 1, b: 2 }, { a: 1 })).toBe(true);
    expect(matches([1, 2], [1])).toBe(false);
    expect(matches('42', 42)).toBe(true);
    expect(matches(undefined, null)).toBe(false);
  });
});
