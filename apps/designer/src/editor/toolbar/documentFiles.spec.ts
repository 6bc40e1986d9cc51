import { describe, expect, it } from 'vitest';
import { parseScenarioDocument } from './documentFiles';
import { emptyDocument } from '../../testing/fixtureCatalog';

describe('importing a scenario document', () => {
  it('accepts a document and an export bundle, filling defaults', () => {
    const { params: _p, returns: _r, layout: _l, ...minimal } = emptyDocument();
    const direct = parseScenarioDocument(JSON.stringify(minimal));
    expect('doc' in direct && direct.doc.layout).toEqual({});
    const other = { ...emptyDocument(), id: 'other' };
    const bundle = JSON.stringify({ scenarios: [other, emptyDocument()] });
    const picked = parseScenarioDocument(bundle, 'test');
    expect('doc' in picked && picked.doc.id).toBe('test');
    const first = parseScenarioDocument(bundle);
    expect('doc' in first && first.doc.id).toBe('other');
  });
  it('explains what is wrong with anything else', () => {
    expect(parseScenarioDocument('{')).toMatchObject({ error: expect.any(String) });
    expect(parseScenarioDocument(JSON.stringify({ ...emptyDocument(), kind: 'nope' }))).toMatchObject({
      error: expect.stringContaining('kind'),
    });
  });
});
