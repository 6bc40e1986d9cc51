import {
  exitsOf,
  ScenarioExpressions,
  type Catalog,
  type ComponentDefinition,
  type ScenarioDocument,
  type ScenarioNode,
  type VariableDeclaration,
} from '@ivr/scenario-schema';

/** A node ready to run: its definition and its params with defaults applied, parsed once. */
export interface ProgramNode {
  node: ScenarioNode;
  definition: ComponentDefinition | undefined;
  params: Record<string, unknown>;
  /** Exits that fall back to the scenario's onError when unwired. */
  errorExits: ReadonlySet<string>;
  paramsError?: string;
}

/**
 * A published scenario version compiled for running: nodes by id, params parsed, expressions
 * cached. Built once per (scenario, version) and shared by every run of it.
 */
export class ScenarioProgram {
  readonly nodes = new Map<string, ProgramNode>();
  readonly expressions: ScenarioExpressions;
  readonly declarations = new Map<string, VariableDeclaration>();
  readonly sensitive = new Set<string>();
  /** Variables marked for CTI (screen pops); never a sensitive one. */
  readonly exported = new Set<string>();

  constructor(
    readonly document: ScenarioDocument,
    readonly version: number,
    catalog: Catalog,
  ) {
    this.expressions = new ScenarioExpressions([...document.params, ...document.variables]);
    for (const param of document.params) {
      this.declarations.set(param.name, { name: param.name, type: param.type, scope: 'run' });
    }
    for (const variable of document.variables) {
      this.declarations.set(variable.name, variable);
      if (variable.sensitive) this.sensitive.add(variable.name);
      else if (variable.export) this.exported.add(variable.name);
    }
    for (const node of document.nodes) this.nodes.set(node.id, compileNode(node, catalog));
  }

  get id(): string {
    return this.document.id;
  }
}

function compileNode(node: ScenarioNode, catalog: Catalog): ProgramNode {
  const definition = catalog.get(node.type, node.typeVersion);
  if (!definition) return { node, definition, params: node.params, errorExits: new Set(['error']) };
  const parsed = definition.params.safeParse(node.params);
  const params = (parsed.success ? parsed.data : node.params) as Record<string, unknown>;
  let errorExits = new Set<string>(['error']);
  try {
    errorExits = new Set(
      exitsOf(definition, params)
        .filter((e) => e.wiring === 'error')
        .map((e) => e.id),
    );
    errorExits.add('error');
  } catch {
    // Exits derived from broken params: the params error below stops the node anyway.
  }
  return {
    node,
    definition,
    params,
    errorExits,
    ...(parsed.success ? {} : { paramsError: parsed.error.issues.map((i) => i.message).join('; ') }),
  };
}
