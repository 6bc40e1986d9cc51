import { describe, expect, it } from 'vitest';
import { undeclaredVariable } from './quickFix';
import { emptyDocument } from '../../testing/fixtureCatalog';

describe('declare-variable quick fix', () => {
  const doc = {
    ...emptyDocument(),
    nodes: [{ id: 'ask', type: 'input', typeVersion: 1, params: { into: 'pin' }, exits: {} }],
  };
  it('reads the target name from the document', () => {
    const d = {
      severity: 'error',
      code: 'variable-target-undeclared',
      message: 'x',
      nodeId: 'ask',
      path: '/nodes/0/params/into',
    } as const;
    expect(undeclaredVariable(d, doc)).toBe('pin');
  });
  it('reads the name an expression uses from the message', () => {
    const d = {
      severity: 'error',
      code: 'undefined-variable',
      message: '{{ total }}: total is not declared',
      path: '/x',
    } as const;
    expect(undeclaredVariable(d, doc)).toBe('total');
  });
  it('offers nothing for other problems or names already declared', () => {
    expect(
      undeclaredVariable({ severity: 'error', code: 'start-missing', message: '', path: '/start' }, doc),
    ).toBeNull();
    const d = {
      severity: 'error',
      code: 'undefined-variable',
      message: 'orderId is not declared',
      path: '/x',
    } as const;
    expect(undeclaredVariable(d, doc)).toBeNull();
  });
});
