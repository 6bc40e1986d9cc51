import { describe, expect, it } from 'vitest';
import { toFormValues, toRequestBody, type ResourceField } from './resourceFields';

const fields: ResourceField[] = [
  { name: 'name', label: 'common.name', kind: 'text', required: true },
  { name: 'priority', label: 'x', kind: 'number', defaultValue: 0 },
  { name: 'enabled', label: 'x', kind: 'boolean', defaultValue: true },
  { name: 'description', label: 'x', kind: 'textarea', nullable: true },
  { name: 'timeConditions', label: 'x', kind: 'json', nullable: true },
];

describe('admin resource forms', () => {
  it('round-trips a record through the form', () => {
    const record = { name: 'Main', priority: 5, enabled: false, description: null, timeConditions: [{ days: [1] }] };
    const values = toFormValues(fields, record);
    expect(values.timeConditions).toContain('"days"');
    expect(toRequestBody(fields, values)).toEqual({ ...record, description: null });
  });
  it('sends nulls for empty nullable fields and defaults for new records', () => {
    expect(toRequestBody(fields, toFormValues(fields, null))).toEqual({
      name: undefined,
      priority: 0,
      enabled: true,
      description: null,
      timeConditions: null,
    } as never);
  });
  it('names the field whose JSON does not parse', () => {
    expect(() => toRequestBody(fields, { ...toFormValues(fields, null), timeConditions: '[' })).toThrow(
      'timeConditions',
    );
  });
});
