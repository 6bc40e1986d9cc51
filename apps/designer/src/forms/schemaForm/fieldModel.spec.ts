import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeParams, emptyValue, isVisible, type FieldSpec } from './fieldModel';
import type { JsonSchema } from '../../catalog/componentSchemas';

const label = (en: string) => ({ en, ru: en, es: en });
const ui = (widget: string, extra: Record<string, unknown> = {}) => ({
  ui: { widget, label: label(widget), ...extra },
});

function form(schema: z.ZodType, hints = {}): FieldSpec {
  return describeParams(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, hints);
}
const field = (spec: FieldSpec, name: string) => spec.fields!.find((f) => f.name === name)!;

describe('form generation from JSON Schema', () => {
  it('maps plain types to fields, with required, defaults and bounds', () => {
    const spec = form(
      z.strictObject({
        name: z.string(),
        count: z.number().int().min(1).max(9).default(3),
        ratio: z.number().optional(),
        on: z.boolean().default(true),
        level: z.enum(['a', 'b']),
      }),
    );
    expect(spec.kind).toBe('object');
    expect(spec.fields!.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['name', 'text', true],
      ['count', 'number', false],
      ['ratio', 'number', false],
      ['on', 'boolean', false],
      ['level', 'select', true],
    ]);
    expect(field(spec, 'count')).toMatchObject({ integer: true, min: 1, max: 9, defaultValue: 3 });
    expect(field(spec, 'ratio').integer).toBe(false);
    expect(field(spec, 'level').options).toEqual([{ value: 'a' }, { value: 'b' }]);
  });

  it('follows ui widgets: expressions, templates, variables, durations, localized select options', () => {
    const spec = form(
      z.strictObject({
        when: z.string().meta(ui('expression', { expressionType: 'bool' })),
        text: z.string().meta(ui('template')),
        into: z.string().meta(ui('variable')),
        wait: z.number().default(5).meta(ui('duration')),
        sql: z.string().meta(ui('code-sql')),
        mode: z.enum(['x', 'y']).meta(ui('select', { options: { x: label('Ex'), y: label('Why') } })),
        secret: z
          .string()
          .optional()
          .meta(ui('text', { advanced: true, visibleWhen: { mode: ['y'] } })),
      }),
    );
    expect(spec.fields!.map((f) => f.kind)).toEqual([
      'expression',
      'template',
      'variable',
      'number',
      'code',
      'select',
      'text',
    ]);
    expect(field(spec, 'when').expressionType).toBe('bool');
    expect(field(spec, 'when').label).toEqual(label('expression'));
    expect(field(spec, 'mode').options).toEqual([
      { value: 'x', label: label('Ex') },
      { value: 'y', label: label('Why') },
    ]);
    const secret = field(spec, 'secret');
    expect(secret.advanced).toBe(true);
    expect(isVisible(secret, { mode: 'x' })).toBe(false);
    expect(isVisible(secret, { mode: 'y' })).toBe(true);
  });

  it('describes arrays of objects, enum arrays and nested objects', () => {
    const spec = form(
      z.strictObject({
        options: z.array(z.strictObject({ key: z.enum(['1', '2']), label: z.string().optional() })).min(1),
        days: z.array(z.enum(['mon', 'tue'])),
        prompt: z.strictObject({ tts: z.string().optional(), file: z.string().optional() }).meta(ui('prompt')),
      }),
    );
    const options = field(spec, 'options');
    expect(options.kind).toBe('list');
    expect(options.item!.kind).toBe('object');
    expect(options.item!.fields!.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['key', 'select', true],
      ['label', 'text', false],
    ]);
    expect(emptyValue(options.item!)).toEqual({ key: '1' });
    expect(field(spec, 'days').kind).toBe('multiselect');
    expect(field(spec, 'days').options!.map((o) => o.value)).toEqual(['mon', 'tue']);
    expect(field(spec, 'prompt').fields!.map((f) => f.name)).toEqual(['tts', 'file']);
  });

  it('describes records as maps, typed by the map widget', () => {
    const spec = form(
      z.strictObject({
        map: z.record(z.string(), z.string()).meta(ui('variable-map')),
        args: z.record(z.string(), z.string()).meta(ui('expression-map')),
        headers: z.record(z.string(), z.string()).meta(ui('headers')),
        plain: z.record(z.string(), z.number()),
      }),
    );
    expect(spec.fields!.map((f) => [f.name, f.kind, f.item!.kind])).toEqual([
      ['map', 'map', 'variable'],
      ['args', 'map', 'expression'],
      ['headers', 'map', 'template'],
      ['plain', 'map', 'number'],
    ]);
  });

  it('uses the definition’s expression and variable paths, through lists and maps', () => {
    const spec = form(
      z.strictObject({
        cases: z.array(z.strictObject({ when: z.string(), exit: z.string() })),
        values: z.record(z.string(), z.string()),
        target: z.string(),
      }),
      { expressions: { 'cases[].when': 'bool', 'values.*': 'dyn' }, variableTargets: ['target'] },
    );
    const item = field(spec, 'cases').item!;
    expect(item.fields!.map((f) => f.kind)).toEqual(['expression', 'text']);
    expect(item.fields![0]!.expressionType).toBe('bool');
    expect(field(spec, 'values').item!.kind).toBe('expression');
    expect(field(spec, 'target').kind).toBe('variable');
  });

  it('resolves $ref definitions and nullable unions; unknown shapes fall back to JSON', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/Name' },
        b: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        c: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        d: { anyOf: [{ const: 'x' }, { const: 'y' }] },
      },
      $defs: { Name: { type: 'string', ui: { widget: 'template' } } },
    };
    const spec = describeParams(schema);
    expect(spec.fields!.map((f) => f.kind)).toEqual(['template', 'text', 'json', 'select']);
  });
});
