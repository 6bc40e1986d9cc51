import type { ComponentDefinition } from '@ivr/scenario-schema';
import { defaultParams, paramsJsonSchema } from '../../catalog/componentSchemas';
import { describeParams, emptyValue } from '../../forms/schemaForm/fieldModel';

/**
 * The params of a freshly dropped node: the schema's defaults, plus an empty value of the right
 * shape for each required param without one, so the form opens with its sections ready and the
 * validator speaks about what is missing inside them rather than "expected object".
 */
export function initialParams(definition: ComponentDefinition): Record<string, unknown> {
  const params = defaultParams(definition);
  const spec = describeParams(paramsJsonSchema(definition), definition);
  for (const field of spec.fields ?? []) {
    if (field.required && params[field.name] === undefined) params[field.name] = emptyValue(field);
  }
  return params;
}
