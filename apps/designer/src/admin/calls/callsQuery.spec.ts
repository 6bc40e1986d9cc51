import { describe, expect, it } from 'vitest';
import { callsQueryString, traceCallId } from './callsQuery';

describe('calls filters', () => {
  it('sends only the filters that are set, dates as ISO instants', () => {
    const query = new URLSearchParams(
      callsQueryString({ caller: ' 100 ', from: '2026-01-02T03:04', result: '' }, 50, 100),
    );
    expect(query.get('caller')).toBe('100');
    expect(query.get('from')).toBe(new Date('2026-01-02T03:04').toISOString());
    expect(query.has('result')).toBe(false);
    expect(query.get('limit')).toBe('50');
    expect(query.get('offset')).toBe('100');
  });
});

describe('replay link', () => {
  it('uses the caller leg, where the steps are recorded', () => {
    expect(
      traceCallId({
        id: 'cdr',
        legs: [
          { uuid: 'b', role: 'callee' },
          { uuid: 'a', role: 'caller' },
        ],
      }),
    ).toBe('a');
    expect(traceCallId({ id: 'cdr', legs: [] })).toBe('cdr');
  });
});
