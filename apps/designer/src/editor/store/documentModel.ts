/**
 * Pure edits of a scenario document. The store applies them; keeping them pure makes each edit one
 * immutable step that undo can restore and a test can check without React.
 */
import type { Catalog, LayoutEntry, ScenarioDocument, ScenarioNode, VariableDeclaration } from '@ivr/scenario-schema';
import { nodeExits } from '../../catalog/componentSchemas';
import { initialParams } from './initialParams';

export interface Position {
  x: number;
  y: number;
}

const NODE_ID_UNSAFE = /[^A-Za-z0-9_.-]+/g;

/** A node id not used yet, readable: `menu`, `menu-2`, `menu-3`... */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .replace(NODE_ID_UNSAFE, '-')
      .replace(/^[.-]+/, '')
      .slice(0, 56) || 'node';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function nodeIds(doc: ScenarioDocument): Set<string> {
  return new Set(doc.nodes.map((n) => n.id));
}

export function addNode(
  doc: ScenarioDocument,
  catalog: Catalog,
  type: string,
  typeVersion: number,
  position: Position,
): { doc: ScenarioDocument; id: string } {
  const definition = catalog.get(type, typeVersion);
  const id = uniqueNodeId(type, nodeIds(doc));
  const node: ScenarioNode = {
    id,
    type,
    typeVersion,
    params: definition ? initialParams(definition) : {},
    exits: {},
  };
  const hasStart = doc.nodes.some((n) => n.id === doc.start);
  return {
    id,
    doc: {
      ...doc,
      // The first node of an empty scenario is where it starts; nobody has to find the setting.
      start: hasStart ? doc.start : id,
      nodes: [...doc.nodes, node],
      layout: { ...doc.layout, [id]: { x: Math.round(position.x), y: Math.round(position.y) } },
    },
  };
}

export function moveNodes(doc: ScenarioDocument, positions: Readonly<Record<string, Position>>): ScenarioDocument {
  const layout = { ...doc.layout };
  for (const [id, position] of Object.entries(positions)) {
    layout[id] = { ...layout[id], x: Math.round(position.x), y: Math.round(position.y) };
  }
  return { ...doc, layout };
}

export function mapNode(
  doc: ScenarioDocument,
  id: string,
  change: (node: ScenarioNode) => ScenarioNode,
): ScenarioDocument {
  let changed = false;
  const nodes = doc.nodes.map((node) => {
    if (node.id !== id) return node;
    const next = change(node);
    changed = next !== node;
    return next;
  });
  return changed ? { ...doc, nodes } : doc;
}

export function connect(doc: ScenarioDocument, source: string, exit: string, target: string): ScenarioDocument {
  if (!doc.nodes.some((n) => n.id === target)) return doc;
  return mapNode(doc, source, (node) =>
    node.exits[exit] === target ? node : { ...node, exits: { ...node.exits, [exit]: target } },
  );
}

export function disconnect(doc: ScenarioDocument, source: string, exit: string): ScenarioDocument {
  return mapNode(doc, source, (node) => {
    if (!(exit in node.exits)) return node;
    const { [exit]: _removed, ...exits } = node.exits;
    return { ...node, exits };
  });
}

/** Removes nodes, every exit that led to them, their layout, and handlers that named them. */
export function removeNodes(doc: ScenarioDocument, ids: ReadonlySet<string>): ScenarioDocument {
  if (ids.size === 0) return doc;
  const nodes = doc.nodes
    .filter((n) => !ids.has(n.id))
    .map((node) => {
      const dangling = Object.entries(node.exits).filter(([, target]) => ids.has(target));
      if (dangling.length === 0) return node;
      return { ...node, exits: Object.fromEntries(Object.entries(node.exits).filter(([, t]) => !ids.has(t))) };
    });
  const layout = Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !ids.has(id)));
  const next: ScenarioDocument = { ...doc, nodes, layout };
  if (doc.onError !== undefined && ids.has(doc.onError)) delete next.onError;
  if (doc.onHangup !== undefined && ids.has(doc.onHangup)) delete next.onHangup;
  return next;
}

/** Sets (or with `undefined`, removes) the value at `path` inside a node's params. */
export function setParam(
  doc: ScenarioDocument,
  catalog: Catalog,
  nodeId: string,
  path: readonly (string | number)[],
  value: unknown,
): ScenarioDocument {
  return mapNode(doc, nodeId, (node) => {
    const params = setIn(node.params, path, value) as Record<string, unknown>;
    return pruneVanishedExits({ ...node, params }, catalog);
  });
}

export function replaceParams(
  doc: ScenarioDocument,
  catalog: Catalog,
  nodeId: string,
  params: Record<string, unknown>,
): ScenarioDocument {
  return mapNode(doc, nodeId, (node) => pruneVanishedExits({ ...node, params }, catalog));
}

/**
 * A derived exit that no longer exists (a menu option removed) must not stay wired: the wire would
 * point from nowhere. Only when the params are valid, so a half-typed value never drops a wire.
 */
function pruneVanishedExits(node: ScenarioNode, catalog: Catalog): ScenarioNode {
  const definition = catalog.get(node.type, node.typeVersion);
  if (!definition || typeof definition.exits !== 'function') return node;
  const { exits, derivedFromValidParams } = nodeExits(definition, node.params);
  if (!derivedFromValidParams) return node;
  const known = new Set(exits.map((e) => e.id));
  const kept = Object.entries(node.exits).filter(([exit]) => known.has(exit));
  return kept.length === Object.keys(node.exits).length ? node : { ...node, exits: Object.fromEntries(kept) };
}

export function setLayoutLabel(doc: ScenarioDocument, nodeId: string, label: string): ScenarioDocument {
  const entry: LayoutEntry = { x: 0, y: 0, ...doc.layout[nodeId] };
  if (label) entry.label = label;
  else delete entry.label;
  return { ...doc, layout: { ...doc.layout, [nodeId]: entry } };
}

/** Renames a node everywhere it is named: exits, start, handlers, layout. */
export function renameNode(doc: ScenarioDocument, from: string, to: string): ScenarioDocument {
  if (from === to || doc.nodes.some((n) => n.id === to)) return doc;
  const swap = (id: string) => (id === from ? to : id);
  const layout = Object.fromEntries(Object.entries(doc.layout).map(([id, entry]) => [swap(id), entry]));
  const next: ScenarioDocument = {
    ...doc,
    start: swap(doc.start),
    layout,
    nodes: doc.nodes.map((node) => {
      const exits = Object.fromEntries(Object.entries(node.exits).map(([exit, target]) => [exit, swap(target)]));
      return { ...node, id: swap(node.id), exits };
    }),
  };
  if (doc.onError !== undefined) next.onError = swap(doc.onError);
  if (doc.onHangup !== undefined) next.onHangup = swap(doc.onHangup);
  return next;
}

export function setVariables(doc: ScenarioDocument, variables: VariableDeclaration[]): ScenarioDocument {
  return { ...doc, variables };
}

/** Immutable set at a path of object keys and array indices; `undefined` deletes an object key. */
export function setIn(target: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(target) || (typeof head === 'number' && (target === undefined || target === null))) {
    const array = Array.isArray(target) ? [...(target as unknown[])] : [];
    const index = Number(head);
    const next = setIn(array[index], rest, value);
    if (next === undefined && rest.length === 0) array.splice(index, 1);
    else array[index] = next;
    return array;
  }
  const object = { ...((target ?? {}) as Record<string, unknown>) };
  const next = setIn(object[head], rest, value);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

export function getIn(target: unknown, path: readonly (string | number)[]): unknown {
  let current = target;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
