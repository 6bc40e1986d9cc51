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
  runs: [
    { scenario: 'sms-after-call', args: { phone: '79161234567' }, status: 'completed', variables: { sent: true } },
    { scenario: 'enter-pbx', args: {}, status: 'hangup', result: 'connected', variables: {} },
  ],
  callbacks: [{ to: '79161234567', scenario: 'greeting', status: 'called' }],
  excel: async (file) => {
    if (file !== 'campaign.xlsx') throw new Error(`no file "${file}" in the file store`);
    return [
      { Phone: '79161234567', Result: 'listened to the end' },
      { Phone: '79167654321', Result: 'failed' },
    ];
  },
  payments: { operations: 1 },
  sentHeaders: { 'X-Payment-Status': 'approved', 'X-Order-Id': 'A-100' },
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

  it('checks runs in order, callbacks, workbook rows and payments', async () => {
    expect(
      await compare(observed, {
        runs: [
          { scenario: 'sms-after-call', variables: { sent: true } },
          { scenario: 'enter-pbx', result: 'connected' },
        ],
        callbacks: [{ status: 'called' }],
        excel: [{ file: 'campaign.xlsx', rows: [{ Result: 'listened to the end' }, { Result: 'failed' }] }],
        payments: { operations: 1 },
        sentHeaders: { 'X-Payment-Status': 'approved' },
      }),
    ).toEqual([]);
    const failures = await compare(observed, {
      runs: [{ scenario: 'enter-pbx' }, { scenario: 'sms-after-call' }],
      callbacks: [{ status: 'deferred' }],
      excel: [
        { file: 'campaign.xlsx', rows: [{ Result: 'failed' }, { Result: 'failed' }] },
        { file: 'missing.xlsx', rows: [] },
      ],
      payments: { operations: 0 },
      sentHeaders: { 'X-Payment-Status': 'declined' },
    });
    expect(failures).toHaveLength(6);
    expect(failures[0]).toContain('expected a run {"scenario":"sms-after-call"} (in order)');
    expect(failures.join('\n')).toContain('no file "missing.xlsx"');
    expect(failures.join('\n')).toContain('expected 0 payment operation(s) at the processor, got 1');
  });

  it('matches partially and compares numbers with their text form', () => {
    expect(matches({ a: 1, b: 2 }, { a: 1 })).toBe(true);
    expect(matches([1, 2], [1])).toBe(false);
    expect(matches('42', 42)).toBe(true);
    expect(matches(undefined, null)).toBe(false);
  });
});
