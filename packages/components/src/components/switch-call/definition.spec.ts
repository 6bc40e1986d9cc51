import { describe, expect, it } from 'vitest';
import { exitsFor } from '../../registry.js';
import { switchCallDefinition, switchCallParams } from './definition.js';

const targets = [{ type: 'extension', value: '101' }];

describe('switch-call', () => {
  it('has "answered" only when the scenario continues after the conversation', () => {
    const ids = (input: object) => exitsFor(switchCallDefinition, switchCallParams.parse(input)).map((e) => e.id);
    expect(ids({ targets })).toEqual(['answered', 'busy', 'noanswer', 'failed', 'error']);
    expect(ids({ targets, continueAfterBridge: false })).toEqual(['busy', 'noanswer', 'failed', 'error']);
  });

  it('defaults to sequential ringing for 30 s with ringback', () => {
    expect(switchCallParams.parse({ targets })).toMatchObject({
      strategy: 'sequential',
      ringTimeout: 30,
      ringback: 'ring',
      headers: {},
      targets: [{ type: 'extension', value: '101' }],
    });
  });

  it('needs a gateway name for a gateway target and valid SIP header names', () => {
    expect(switchCallParams.safeParse({ targets: [{ type: 'gateway', value: '123' }] }).success).toBe(false);
    expect(switchCallParams.safeParse({ targets: [{ type: 'gateway', value: '123', gateway: 'gsm' }] }).success).toBe(
      true,
    );
    expect(switchCallParams.safeParse({ targets, headers: { 'X-Bad Header': '1' } }).success).toBe(false);
  });
});
