import type { z } from 'zod';
import { exitsOf, type Catalog, type ComponentDefinition } from '../catalog.js';
import { CURRENT_FORMAT, scenarioDocumentSchema, type ScenarioDocument } from '../document.js';
import { createEnvironment } from '../expressions/environment.js';
import { RESERVED_NAMES } from '../expressions/system-variables.js';
import { valueFitsType } from '../expressions/value-types.js';
import { KNOWN_FORMATS } from '../migrations/migrate.js';
import { pointer, type Diagnostic } from './diagnostics.js';
import { checkNodeExpressions } from './node-expressions.js';
import { checkGraph } from './graph-checks.js';

export interface ValidateOptions {
  /** Tells whether a scenario id exists (for sub-scenario, service and callback references). */
  scenarioExists?: (id: string) => boolean;
}

/** A node whose component is known, with its params after defaults. */
export interface ResolvedNode {
  index: number;
  id: string;
  definition: ComponentDefinition;
  params: Record<string, unknown>;
  paramsValid: boolean;
}

/**
 * Checks a scenario document against the schema, the catalog and the graph rules. Returns every
 * finding as a diagnostic; never throws, whatever it is given.
 */
export function validate(doc: unknown, catalog: Catalog, options: ValidateOptions = {}): Diagnostic[] {
  try {
    return validateUnsafe(doc, catalog, options);
  } catch (error) {
    return [
      {
        severity: 'error',
        code: 'validator-internal',
        message: `the validator failed: ${error instanceof Error ? error.message : String(error)}`,
        path: '',
      },
    ];
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function validateUnsafe(doc: unknown, catalog: Catalog, options: ValidateOptions): Diagnostic[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return [{ severity: 'error', code: 'not-an-object', message: 'a scenario must be a JSON object', path: '' }];
  }
  const format = (doc as Record<string, unknown>).format;
  if (format !== CURRENT_FORMAT) {
    const known = typeof format === 'string' && KNOWN_FORMATS.includes(format);
    return [
      {
        severity: 'error',
        code: 'format-unsupported',
        message: known
          ? `format ${String(format)} is older than ${CURRENT_FORMAT}: migrate the document first (pnpm ivr migrate)`
          : `format must be "${CURRENT_FORMAT}", got ${JSON.stringify(format) ?? 'nothing'}`,
        path: '/format',
      },
    ];
  }
  const parsed = scenarioDocumentSchema.safeParse(doc);
  if (!parsed.success) return parsed.error.issues.map(schemaIssueToDiagnostic);
  const scenario = parsed.data;

  const diagnostics: Diagnostic[] = [];
  diagnostics.push(...checkDeclarations(scenario));
  const nodeIds = new Set<string>();
  scenario.nodes.forEach((node, index) => {
    if (nodeIds.has(node.id)) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-node-id',
        message: `node id "${node.id}" is used more than once`,
        nodeId: node.id,
        path: pointer('nodes', index, 'id'),
      });
    }
    nodeIds.add(node.id);
  });
  diagnostics.push(...checkReferences(scenario, nodeIds));

  const resolved: ResolvedNode[] = [];
  scenario.nodes.forEach((node, index) => {
    const result = resolveNode(scenario, catalog, index);
    diagnostics.push(...result.diagnostics);
    if (result.node) resolved.push(result.node);
  });

  const env = createEnvironment([...scenario.params, ...scenario.variables]);
  const writable = new Set([...scenario.variables.map((v) => v.name), ...scenario.params.map((p) => p.name)]);
  for (const node of resolved) {
    diagnostics.push(...checkExits(scenario, node));
    diagnostics.push(...checkNodeExpressions(env, writable, node, options));
  }
  diagnostics.push(...checkGraph(scenario, resolved, nodeIds));

  for (const id of Object.keys(scenario.layout)) {
    if (!nodeIds.has(id)) {
      diagnostics.push({
        severity: 'warning',
        code: 'layout-unknown-node',
        message: `the layout has a position for "${id}", which is not a node`,
        path: pointer('layout', id),
      });
    }
  }
  return diagnostics;
}

function schemaIssueToDiagnostic(issue: z.core.$ZodIssue): Diagnostic {
  const path = pointer(...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
  const where = path || 'the document';
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  return { severity: 'error', code: 'schema-invalid', message: `${where}: ${message}`, path };
}

function checkDeclarations(scenario: ScenarioDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = new Set<string>();
  const declared = [
    ...scenario.params.map((p, i) => ({ name: p.name, type: p.type, value: p.default, path: ['params', i] as const })),
    ...scenario.variables.map((v, i) => ({
      name: v.name,
      type: v.type,
      value: v.initial,
      path: ['variables', i] as const,
    })),
  ];
  for (const item of declared) {
    const [section, index] = item.path;
    if (RESERVED_NAMES.has(item.name)) {
      out.push({
        severity: 'error',
        code: 'reserved-name',
        message: `"${item.name}" is reserved; choose another name`,
        path: pointer(section, index, 'name'),
      });
    }
    if (names.has(item.name)) {
      out.push({
        severity: 'error',
        code: 'duplicate-name',
        message: `"${item.name}" is declared more than once`,
        path: pointer(section, index, 'name'),
      });
    }
    names.add(item.name);
    if (item.value !== undefined && !valueFitsType(item.value, item.type)) {
      out.push({
        severity: 'error',
        code: 'initial-value-type',
        message: `the ${section === 'params' ? 'default' : 'initial value'} of "${item.name}" is not a ${item.type}`,
        path: pointer(section, index, section === 'params' ? 'default' : 'initial'),
      });
    }
  }
  scenario.returns.forEach((name, i) => {
    if (!names.has(name)) {
      out.push({
        severity: 'error',
        code: 'return-undeclared',
        message: `returns "${name}", which is not a declared variable or param`,
        path: pointer('returns', i),
      });
    }
  });
  return out;
}

function checkReferences(scenario: ScenarioDocument, nodeIds: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!nodeIds.has(scenario.start)) {
    out.push({
      severity: 'error',
      code: 'start-missing',
      message: `start is "${scenario.start}", but there is no such node`,
      path: '/start',
    });
  }
  for (const handler of ['onError', 'onHangup'] as const) {
    const target = scenario[handler];
    if (target !== undefined && !nodeIds.has(target)) {
      out.push({
        severity: 'error',
        code: 'handler-missing',
        message: `${handler} is "${target}", but there is no such node`,
        path: pointer(handler),
      });
    }
  }
  scenario.nodes.forEach((node, index) => {
    for (const [exit, target] of Object.entries(node.exits)) {
      if (!nodeIds.has(target)) {
        out.push({
          severity: 'error',
          code: 'exit-target-missing',
          message: `exit "${exit}" leads to "${target}", which is not a node`,
          nodeId: node.id,
          path: pointer('nodes', index, 'exits', exit),
        });
      }
    }
  });
  return out;
}

function resolveNode(
  scenario: ScenarioDocument,
  catalog: Catalog,
  index: number,
): { node?: ResolvedNode; diagnostics: Diagnostic[] } {
  const node = scenario.nodes[index]!;
  const at = (...rest: Array<string | number>) => pointer('nodes', index, ...rest);
  const versions = catalog.versions(node.type);
  if (versions.length === 0) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'unknown-component',
          message: `"${node.type}" is not a known component`,
          nodeId: node.id,
          path: at('type'),
        },
      ],
    };
  }
  const definition = catalog.get(node.type, node.typeVersion);
  if (!definition) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'unknown-component-version',
          message: `${node.type} has no version ${node.typeVersion} (known: ${versions.join(', ')})`,
          nodeId: node.id,
          path: at('typeVersion'),
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  if (!definition.kinds.includes(scenario.kind)) {
    diagnostics.push({
      severity: 'error',
      code: 'component-kind-not-allowed',
      message: `${node.type} cannot be used in a ${scenario.kind} scenario (allowed: ${definition.kinds.join(', ')})`,
      nodeId: node.id,
      path: at('type'),
    });
  }
  if (!definition.implemented) {
    diagnostics.push({
      severity: 'warning',
      code: 'component-not-implemented',
      message: `${node.type} has no executor yet: a run stops with an error at this node`,
      nodeId: node.id,
      path: at('type'),
    });
  }
  const parsed = definition.params.safeParse(node.params);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const segments = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const message = issue.code === 'unrecognized_keys' ? `unknown param(s) ${issue.keys.join(', ')}` : issue.message;
      diagnostics.push({
        severity: 'error',
        code: 'params-invalid',
        message: segments.length ? `${segments.join('.')}: ${message}` : message,
        nodeId: node.id,
        path: at('params', ...segments),
      });
    }
  }
  const params = (parsed.success ? parsed.data : node.params) as Record<string, unknown>;
  return { node: { index, id: node.id, definition, params, paramsValid: parsed.success }, diagnostics };
}

function checkExits(scenario: ScenarioDocument, node: ResolvedNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  const wired = scenario.nodes[node.index]!.exits;
  let exits;
  try {
    exits = exitsOf(node.definition, node.params);
  } catch {
    // Exits derived from params that did not validate: the params diagnostics already say why.
    return out;
  }
  const known = new Set(exits.map((e) => e.id));
  for (const exit of Object.keys(wired)) {
    if (!known.has(exit)) {
      out.push({
        severity: 'error',
        code: 'unknown-exit',
        message: `${node.definition.type} has no exit "${exit}" (it has: ${[...known].join(', ') || 'none'})`,
        nodeId: node.id,
        path: pointer('nodes', node.index, 'exits', exit),
      });
    }
  }
  for (const exit of exits) {
    if (exit.wiring === 'required' && wired[exit.id] === undefined) {
      out.push({
        severity: 'error',
        code: 'exit-unconnected',
        message: `exit "${exit.id}" (${exit.label.en}) is not connected`,
        nodeId: node.id,
        path: pointer('nodes', node.index, 'exits', exit.id),
      });
    }
  }
  return out;
}
