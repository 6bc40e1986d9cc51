import type { Environment } from '@marcbachmann/cel-js';
import { checkExpression } from '../expressions/check.js';
import { parseTemplate } from '../expressions/template.js';
import { pointer, type Diagnostic } from './diagnostics.js';
import { collectStrings, matchParamPath } from './param-paths.js';
import type { ValidateOptions, ResolvedNode } from './validate.js';

/** Checks a node's expressions, `{{ }}` templates, variable targets and scenario references. */
export function checkNodeExpressions(
  env: Environment,
  writable: ReadonlySet<string>,
  node: ResolvedNode,
  options: ValidateOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { definition, params } = node;
  const at = (segments: Array<string | number>) => pointer('nodes', node.index, 'params', ...segments);
  const handled = new Set<string>();

  for (const [pattern, expected] of Object.entries(definition.expressions ?? {})) {
    for (const match of matchParamPath(params, pattern)) {
      handled.add(at(match.segments));
      if (typeof match.value !== 'string') continue;
      const { problem } = checkExpression(env, match.value, expected);
      if (problem) {
        out.push({
          severity: 'error',
          code: problem.code,
          message: problem.message,
          nodeId: node.id,
          path: at(match.segments),
        });
      }
    }
  }
  for (const pattern of definition.literals ?? []) {
    for (const match of matchParamPath(params, pattern)) handled.add(at(match.segments));
  }
  for (const pattern of definition.variableTargets ?? []) {
    for (const match of matchParamPath(params, pattern)) {
      handled.add(at(match.segments));
      if (typeof match.value !== 'string' || match.value === '') continue;
      if (!writable.has(match.value)) {
        out.push({
          severity: 'error',
          code: 'variable-target-undeclared',
          message: `writes into "${match.value}", which is not a declared variable`,
          nodeId: node.id,
          path: at(match.segments),
        });
      }
    }
  }
  for (const pattern of definition.scenarioRefs ?? []) {
    for (const match of matchParamPath(params, pattern)) {
      handled.add(at(match.segments));
      if (typeof match.value !== 'string' || match.value === '' || !options.scenarioExists) continue;
      if (!options.scenarioExists(match.value)) {
        out.push({
          severity: 'error',
          code: 'scenario-ref-missing',
          message: `scenario "${match.value}" does not exist`,
          nodeId: node.id,
          path: at(match.segments),
        });
      }
    }
  }

  for (const match of collectStrings(params)) {
    const path = at(match.segments);
    if (handled.has(path) || !(match.value as string).includes('{{')) continue;
    const { segments, error } = parseTemplate(match.value as string);
    if (error) {
      out.push({ severity: 'error', code: 'expression-syntax', message: error.message, nodeId: node.id, path });
      continue;
    }
    for (const segment of segments) {
      if (segment.kind !== 'expr') continue;
      const { problem } = checkExpression(env, segment.source);
      if (problem) {
        out.push({
          severity: 'error',
          code: problem.code,
          message: `{{ ${segment.source} }}: ${problem.message}`,
          nodeId: node.id,
          path,
        });
      }
    }
  }
  return out;
}
