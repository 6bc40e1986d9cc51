/**
 * Turns the scenario document into React Flow nodes and edges, re-using the previous objects for
 * everything that did not change. React Flow and the memoised node components compare by reference,
 * so during a drag only the dragged node's object is new and only that node re-renders — what keeps
 * a 1,000-node scenario smooth.
 */
import type { Edge } from '@xyflow/react';
import type { Catalog, LayoutEntry, ScenarioDocument, ScenarioNode } from '@ivr/scenario-schema';
import type { DiffHighlight, DiffStatus } from '../history/diffHighlight';
import type { ScenarioFlowNode } from '../nodes/shared/nodeData';
import { cardModel } from '../nodes/shared/cardModel';
import { cardGeometry } from '../nodes/shared/cardGeometry';
import type { CanvasNodeType } from '../nodes/nodeTypes';
import { edgeId } from '../store/editorStore';

export interface FlowInputs {
  doc: ScenarioDocument;
  catalog: Catalog;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Readonly<Record<string, { width: number; height: number }>>;
  diff: DiffHighlight | null;
}

interface NodeCacheEntry {
  catalog: Catalog;
  node: ScenarioNode;
  layout: LayoutEntry | undefined;
  selected: boolean;
  isStart: boolean;
  measured: { width: number; height: number } | undefined;
  diff: DiffStatus | undefined;
  flowNode: ScenarioFlowNode;
}

interface EdgeCacheEntry {
  node: ScenarioNode;
  selectedKey: string;
  edges: Edge[];
}

export function createFlowBuilder() {
  const nodeCache = new Map<string, NodeCacheEntry>();
  const edgeCache = new Map<string, EdgeCacheEntry>();
  const fallbackPositions = new Map<string, { x: number; y: number }>();
  /** Sizes React Flow reported that may not have reached the store's `measured` yet (see ScenarioCanvas). */
  const reported = new Map<string, { width: number; height: number }>();
  const ghostCache = new Map<
    string,
    {
      ghost: DiffHighlight['removed'][number];
      measured: { width: number; height: number } | undefined;
      flowNode: ScenarioFlowNode;
    }
  >();

  function nodeType(catalog: Catalog, node: ScenarioNode): CanvasNodeType {
    return catalog.get(node.type, node.typeVersion)?.category ?? 'unknown';
  }

  function buildNodes({ doc, catalog, selectedNodes, measured, diff }: FlowInputs): ScenarioFlowNode[] {
    const seen = new Set<string>();
    const out: ScenarioFlowNode[] = doc.nodes.map((node, index) => {
      seen.add(node.id);
      const layout = doc.layout[node.id];
      const selected = selectedNodes.has(node.id);
      const isStart = doc.start === node.id;
      const size = reported.get(node.id) ?? measured[node.id];
      const status = diff?.status.get(node.id);
      const cached = nodeCache.get(node.id);
      if (
        cached &&
        cached.catalog === catalog &&
        cached.node === node &&
        cached.layout === layout &&
        cached.selected === selected &&
        cached.isStart === isStart &&
        cached.measured === size &&
        cached.diff === status
      ) {
        return cached.flowNode;
      }
      const flowNode: ScenarioFlowNode = {
        id: node.id,
        type: nodeType(catalog, node),
        position: layout ? { x: layout.x, y: layout.y } : fallbackPosition(node.id, index),
        data: { node, label: layout?.label, isStart, diff: status },
        selected,
        // Measured: React Flow keeps the handles it measured. Not yet: the card's size and handles
        // worked out from its layout, so that React Flow need not mount a card off screen to find
        // its handles (it renders every node without them, onlyRenderVisibleElements or not).
        ...(size ? { measured: size } : unmeasured(catalog, node, status)),
      };
      // Keep `data` identical when only position or selection changed: the card then skips rendering.
      if (
        cached &&
        cached.catalog === catalog &&
        cached.node === node &&
        cached.isStart === isStart &&
        cached.diff === status &&
        cached.layout?.label === layout?.label
      ) {
        flowNode.data = cached.flowNode.data;
      }
      nodeCache.set(node.id, { catalog, node, layout, selected, isStart, measured: size, diff: status, flowNode });
      return flowNode;
    });
    for (const id of nodeCache.keys()) if (!seen.has(id)) nodeCache.delete(id);
    for (const ghost of diff?.removed ?? []) {
      const id = `removed:${ghost.node.id}`;
      const size = reported.get(id) ?? measured[id];
      const cached = ghostCache.get(id);
      if (cached && cached.ghost === ghost && cached.measured === size) {
        out.push(cached.flowNode);
        continue;
      }
      // Ghosts keep their measured size too: without it React Flow keeps an unmeasured node hidden.
      const flowNode: ScenarioFlowNode = {
        id,
        type: 'removed',
        position: { x: ghost.position.x, y: ghost.position.y },
        data: { node: ghost.node, isStart: false, diff: 'removed' },
        draggable: false,
        selectable: false,
        connectable: false,
        ...(size ? { measured: size } : {}),
      };
      ghostCache.set(id, { ghost, measured: size, flowNode });
      out.push(flowNode);
    }
    return out;
  }

  function unmeasured(catalog: Catalog, node: ScenarioNode, status: DiffStatus | undefined) {
    const { width, height, handles } = cardGeometry(cardModel(catalog, node), status !== undefined);
    return { initialWidth: width, initialHeight: height, handles };
  }

  /** A node without a layout entry (hand-written document) still needs somewhere to stand. */
  function fallbackPosition(id: string, index: number) {
    let position = fallbackPositions.get(id);
    if (!position) {
      position = { x: (index % 10) * 260, y: Math.floor(index / 10) * 200 };
      fallbackPositions.set(id, position);
    }
    return position;
  }

  function buildEdges({ doc, selectedEdges }: FlowInputs): Edge[] {
    const ids = new Set(doc.nodes.map((n) => n.id));
    const out: Edge[] = [];
    for (const node of doc.nodes) {
      const selectedKey = Object.keys(node.exits)
        .filter((exit) => selectedEdges.has(edgeId(node.id, exit)))
        .join(',');
      let cached = edgeCache.get(node.id);
      if (!cached || cached.node !== node || cached.selectedKey !== selectedKey) {
        const edges: Edge[] = Object.entries(node.exits).map(([exit, target]) => ({
          id: edgeId(node.id, exit),
          source: node.id,
          sourceHandle: exit,
          target,
          targetHandle: 'in',
          selected: selectedEdges.has(edgeId(node.id, exit)),
        }));
        cached = { node, selectedKey, edges };
        edgeCache.set(node.id, cached);
      }
      // An exit to a node that is gone has nothing to draw to; the problems panel reports it.
      for (const edge of cached.edges) if (ids.has(edge.target)) out.push(edge);
    }
    return out;
  }

  /**
   * Sizes React Flow has just measured, before the store has them: a node object made in between
   * carries them (and not the handles worked out for an unmeasured card, which would replace the
   * measured ones).
   */
  function noteMeasured(sizes: Record<string, { width: number; height: number }>) {
    for (const [id, size] of Object.entries(sizes)) reported.set(id, size);
  }

  return { buildNodes, buildEdges, noteMeasured };
}
