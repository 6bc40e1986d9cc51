import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Catalog, ComponentDefinition } from '@ivr/scenario-schema';
import { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { COMPONENT_CATALOG } from '../scenarios/scenario-catalog.js';

/** A component as the designer needs it: data only, the params as JSON Schema for generated forms. */
export function describeComponent(definition: ComponentDefinition) {
  let paramsJsonSchema: Record<string, unknown>;
  try {
    paramsJsonSchema = z.toJSONSchema(definition.params, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
  } catch (error) {
    paramsJsonSchema = { description: `not representable as JSON Schema: ${(error as Error).message}` };
  }
  return {
    type: definition.type,
    typeVersion: definition.typeVersion,
    category: definition.category,
    icon: definition.icon,
    title: definition.title,
    help: definition.help,
    kinds: definition.kinds,
    precondition: definition.precondition,
    implemented: definition.implemented,
    // Derived exits depend on the params (menu digits): the designer computes them itself.
    exits: typeof definition.exits === 'function' ? null : definition.exits,
    expressions: definition.expressions ?? {},
    variableTargets: definition.variableTargets ?? [],
    scenarioRefs: definition.scenarioRefs ?? [],
    waits: definition.waits ?? false,
    terminal: definition.terminal ?? false,
    sensitive: definition.sensitive ?? false,
    paramsJsonSchema,
  };
}

@ApiTags('components')
@ApiBearerAuth()
@Controller('api/components')
export class ComponentsController {
  private described?: ReturnType<typeof describeComponent>[];

  constructor(@Inject(COMPONENT_CATALOG) private readonly catalog: Catalog) {}

  @Get()
  @MinRole('viewer')
  list() {
    this.described ??= this.catalog.list().map(describeComponent);
    return this.described;
  }
}
