import { canonicalJson } from './canonical-checksum.js';

export interface ScenarioDiff {
  added: string[];
  removed: string[];
  changed: { nodeId: string; paths: string[] }[];
  /** Top-level fields that differ (name, variables, start, layout...), excluding nodes. */
  meta: string[];
}

type Json = Record<string, unknown>;

/**
 * Compares two scenario documents node by node (nodes are matched by id, so reordering is not a
 * change). Changed nodes list the dotted paths of the leaves that differ.
 */
export function diffScenarios(from: Json, to: Json): ScenarioDiff {
  const fromNodes = nodesById(from);
  const toNodes = nodesById(to);
  const added = [...toNodes.keys()].filter((id) => !fromNodes.has(id));
  const removed = [...fromNodes.keys()].filter((id) => !toNodes.has(id));
  const changed: ScenarioDiff['changed'] = [];
  for (const [id, node] of toNodes) {
    const before = fromNodes.get(id);
    if (!before) continue;
    const paths = changedPaths(before, node, '');
    if (paths.length > 0) changed.push({ nodeId: id, paths });
  }
  const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
  keys.delete('nodes');
  const meta = [...keys].filter((key) => canonicalJson(from[key]) !== canonicalJson(to[key])).sort();
  return { added, removed, changed, meta };
}

function nodesById(doc: Json): Map<string, unknown> {
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const byId = new Map<string, unknown>();
  for (const node of nodes) {
    const id = (node as { id?: unknown } | null)?.id;
    if (typeof id === 'string') byId.set(id, node);
  }
  return byId;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function changedPaths(a: unknown, b: unknown, prefix: string): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => changedPaths(a[key], b[key], prefix ? `${prefix}.${key}` : key));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, index) => changedPaths(item, b[index], `${prefix}[${index}]`));
  }
  return canonicalJson(a) === canonicalJson(b) ? [] : [prefix || '(node)'];
}
