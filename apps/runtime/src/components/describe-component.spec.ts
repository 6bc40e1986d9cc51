import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../scenarios/scenario-catalog.js';
import { describeComponent } from './components.controller.js';

describe('describeComponent over the real catalog', () => {
  const components = defaultCatalog().list();

  it('turns every component params schema into JSON Schema', () => {
    expect(components.length).toBeGreaterThan(10);
    for (const definition of components) {
      const described = describeComponent(definition);
      expect(described.paramsJsonSchema.description ?? '', definition.type).not.toMatch(/not representable/);
      expect(described.paramsJsonSchema.type, definition.type).toBe('object');
    }
  });

  it('gives static exits as a list and derived exits as null', () => {
    const menu = components.find((c) => c.type === 'menu');
    if (menu) expect(describeComponent(menu).exits).toBeNull();
    const statics = components.filter((c) => typeof c.exits !== 'function');
    for (const definition of statics) expect(Array.isArray(describeComponent(definition).exits)).toBe(true);
  });
});
