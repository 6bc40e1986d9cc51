import { describe, expect, it } from 'vitest';
import { paletteEntries } from './paletteEntries';
import { fixtureCatalog } from '../../testing/fixtureCatalog';

const types = (list: { type: string }[]) => list.map((d) => d.type);

describe('palette entries', () => {
  it('offers only the components the kind allows', () => {
    expect(types(paletteEntries(fixtureCatalog, 'service', '', 'en'))).toEqual(['condition']);
    expect(types(paletteEntries(fixtureCatalog, 'ivr', '', 'en'))).toEqual([
      'card-capture',
      'condition',
      'menu',
      'play',
    ]);
  });
  it('searches type ids and titles in every language', () => {
    expect(types(paletteEntries(fixtureCatalog, 'ivr', 'MEN', 'en'))).toEqual(['menu']);
    expect(types(paletteEntries(fixtureCatalog, 'ivr', 'play (ru)', 'en'))).toEqual(['play']);
    expect(paletteEntries(fixtureCatalog, 'ivr', 'zzz', 'en')).toEqual([]);
  });
});
