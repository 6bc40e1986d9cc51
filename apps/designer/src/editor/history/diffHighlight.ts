import type { LayoutEntry, ScenarioDocument, ScenarioNode } from '@ivr/scenario-schema';

export type DiffStatus = 'added' | 'removed' | 'changed';

/** What the canvas highlights while a published version is compared with the draft. */
export interface DiffHighlight {
  version: number;
  status: ReadonlyMap<string, DiffStatus>;
  /** Nodes of the version that the draft no longer has, drawn as ghosts where they were. */
  removed: readonly { node: ScenarioNode; position: LayoutEntry }[];
}

/**
 * Node-level diff of a published version against the draft, computed in the browser so that
 * unsaved edits are compared too. Layout moves are not changes: they never change behaviour.
 */
export function diffDocuments(version: number, base: ScenarioDocument, draft: ScenarioDocument): DiffHighlight {
  const before = new Map(base.nodes.map((n) => [n.id, n]));
  const status = new Map<string, DiffStatus>();
  for (const node of draft.nodes) {
    const old = before.get(node.id);
    if (!old) status.set(node.id, 'added');
    else if (!sameNode(old, node)) status.set(node.id, 'changed');
  }
  const draftIds = new Set(draft.nodes.map((n) => n.id));
  const removed = base.nodes
    .filter((n) => !draftIds.has(n.id))
    .map((node) => {
      status.set(node.id, 'removed');
      return { node, position: base.layout[node.id] ?? { x: 0, y: 0 } };
    });
  return { version, status, removed };
}

function sameNode(a: ScenarioNode, b: ScenarioNode): boolean {
  return (
    a.type === b.type &&
    a.typeVersion === b.typeVersion &&
    a.maxPasses === b.maxPasses &&
    stableJson(a.params) === stableJson(b.params) &&
    stableJson(a.exits) === stableJson(b.exits)
  );
}

/** JSON with sorted keys: key order is not a change. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
