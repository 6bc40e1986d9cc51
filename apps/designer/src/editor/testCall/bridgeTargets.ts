import type { ScenarioDocument } from '@ivr/scenario-schema';

/** A dial string with no expression in it: a number the panel can tell the emulator how to answer. */
const literal = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && !value.includes('{{') && !value.includes('${');

/**
 * The numbers the scenario may bridge to (switch-call targets, dial, transfer destinations), so the
 * panel can offer them for answer / busy / decline / ringing before the call reaches them.
 */
export function bridgeTargets(doc: Pick<ScenarioDocument, 'nodes'>): string[] {
  const out = new Set<string>();
  for (const node of doc.nodes) {
    const params = node.params as Record<string, unknown>;
    const add = (target: unknown) => {
      if (target && typeof target === 'object' && 'value' in target) {
        const value = (target as { value: unknown }).value;
        if (literal(value)) out.add(value.trim());
      }
    };
    if (node.type === 'switch-call' && Array.isArray(params.targets)) params.targets.forEach(add);
    else if (node.type === 'dial') add(params.target);
    else if (node.type === 'transfer' && literal(params.destination)) out.add(params.destination.trim());
  }
  return [...out];
}
