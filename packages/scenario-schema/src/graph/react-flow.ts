import type { LayoutEntry, ScenarioDocument, ScenarioNode } from '../document.js';

/** What a canvas node carries: the executable node minus its id and exits, plus presentation. */
export interface FlowNodeData extends Record<string, unknown> {
  component: string;
  typeVersion: number;
  params: Record<string, unknown>;
  maxPasses?: number;
  label?: string;
  color?: string;
  /** False when the document had no layout entry for the node (its position was made up). */
  positioned: boolean;
  /** The made-up position of an unpositioned node: moving it away from there records a layout entry. */
  autoPosition?: { x: number; y: number };
  /** Order of the node's exits in the document, so that a round trip keeps it. */
  exitOrder: string[];
}

/** Shapes compatible with @xyflow/react's Node and Edge, without depending on React. */
export interface FlowNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: FlowNodeData;
}

export interface FlowEdge {
  id: string;
  source: string;
  /** The exit id: one source handle per exit. */
  sourceHandle: string;
  target: string;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export interface ToGraphOptions {
  /** React Flow node type for a scenario node (the designer maps components to categories). */
  nodeType?: (node: ScenarioNode) => string;
}

export const edgeId = (source: string, exit: string): string => `${source}:${exit}`;

const AUTO_SPACING = { x: 280, y: 160, columns: 6 };

export function toGraph(doc: ScenarioDocument, options: ToGraphOptions = {}): FlowGraph {
  const nodeType = options.nodeType ?? (() => 'component');
  const nodes: FlowNode[] = doc.nodes.map((node, i) => {
    const layout = doc.layout[node.id];
    const data: FlowNodeData = {
      component: node.type,
      typeVersion: node.typeVersion,
      params: node.params,
      positioned: layout !== undefined,
      exitOrder: Object.keys(node.exits),
    };
    const position = layout
      ? { x: layout.x, y: layout.y }
      : { x: (i % AUTO_SPACING.columns) * AUTO_SPACING.x, y: Math.floor(i / AUTO_SPACING.columns) * AUTO_SPACING.y };
    if (!layout) data.autoPosition = { ...position };
    if (node.maxPasses !== undefined) data.maxPasses = node.maxPasses;
    if (layout?.label !== undefined) data.label = layout.label;
    if (layout?.color !== undefined) data.color = layout.color;
    return {
      id: node.id,
      type: nodeType(node),
      position,
      data,
    };
  });
  const edges: FlowEdge[] = doc.nodes.flatMap((node) =>
    Object.entries(node.exits).map(([exit, target]) => ({
      id: edgeId(node.id, exit),
      source: node.id,
      sourceHandle: exit,
      target,
    })),
  );
  return { nodes, edges };
}

/**
 * Writes a canvas back into a document: nodes, exits and layout come from the graph, everything
 * else (kind, variables, start, handlers...) from `base`. Layout entries for ids that are not
 * nodes are kept as they were, so a round trip loses nothing.
 */
export function fromGraph(graph: FlowGraph, base: ScenarioDocument): ScenarioDocument {
  const exitsBySource = new Map<string, Map<string, string>>();
  for (const edge of graph.edges) {
    const exits = exitsBySource.get(edge.source) ?? new Map<string, string>();
    exits.set(edge.sourceHandle, edge.target);
    exitsBySource.set(edge.source, exits);
  }
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const layout: Record<string, LayoutEntry> = {};
  for (const [id, entry] of Object.entries(base.layout)) if (!nodeIds.has(id)) layout[id] = entry;

  const nodes: ScenarioNode[] = graph.nodes.map((flowNode) => {
    const wired = exitsBySource.get(flowNode.id) ?? new Map<string, string>();
    const exits: Record<string, string> = {};
    for (const exit of flowNode.data.exitOrder ?? []) {
      const target = wired.get(exit);
      if (target !== undefined) exits[exit] = target;
    }
    for (const [exit, target] of wired) if (!(exit in exits)) exits[exit] = target;
    const node: ScenarioNode = {
      id: flowNode.id,
      type: flowNode.data.component,
      typeVersion: flowNode.data.typeVersion,
      params: flowNode.data.params,
      exits,
    };
    if (flowNode.data.maxPasses !== undefined) node.maxPasses = flowNode.data.maxPasses;
    const auto = flowNode.data.autoPosition;
    const moved = !auto || auto.x !== flowNode.position.x || auto.y !== flowNode.position.y;
    const positioned = flowNode.data.positioned !== false || moved;
    if (positioned || flowNode.data.label !== undefined || flowNode.data.color !== undefined) {
      const entry: LayoutEntry = { x: flowNode.position.x, y: flowNode.position.y };
      if (flowNode.data.label !== undefined) entry.label = flowNode.data.label;
      if (flowNode.data.color !== undefined) entry.color = flowNode.data.color;
      layout[flowNode.id] = entry;
    }
    return node;
  });
  // Keep the key order of the base layout where ids survive, so a diff of the file stays small.
  const ordered: Record<string, LayoutEntry> = {};
  for (const id of Object.keys(base.layout)) if (layout[id]) ordered[id] = layout[id];
  for (const [id, entry] of Object.entries(layout)) if (!ordered[id]) ordered[id] = entry;
  return { ...base, nodes, layout: ordered };
}
