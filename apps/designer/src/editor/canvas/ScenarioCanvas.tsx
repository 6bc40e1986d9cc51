import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { nodeTypes } from '../nodes/nodeTypes';
import type { ScenarioFlowNode } from '../nodes/shared/nodeData';
import { CardContextProvider } from '../nodes/shared/CardContext';
import { useEditor, useEditorStoreApi } from '../store/EditorStoreContext';
import { PALETTE_DRAG_TYPE, parsePaletteDrag } from '../palette/paletteDrag';
import { createFlowBuilder } from './flowElements';
import { initialViewNodes } from './initialView';

/** Past this many nodes React Flow renders only what is on screen (its own performance advice). */
const VISIBLE_ONLY_THRESHOLD = 200;

/** Quiet time after React Flow's last measurement before the sizes go to the store. */
const MEASURED_BATCH_MS = 200;

const defaultEdgeOptions = { type: 'smoothstep' } as const;
const tracedEdgeStyle = { stroke: '#7048e8', strokeWidth: 2.5 };

export function ScenarioCanvas() {
  const store = useEditorStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const inputs = useEditor(
    useShallow((s) => ({
      doc: s.doc,
      catalog: s.catalog,
      selectedNodes: s.selectedNodes,
      selectedEdges: s.selectedEdges,
      diff: s.diff,
    })),
  );
  const readOnly = useEditor((s) => s.readOnly);
  // One builder per canvas: it keeps the previous nodes and edges to hand back unchanged ones.
  const [builder] = useState(createFlowBuilder);
  // Decided once, when the canvas opens; later fits (toolbar, layout) show everything.
  const [fitViewOptions] = useState(() => {
    const nodes = initialViewNodes(store.getState().doc, VISIBLE_ONLY_THRESHOLD);
    // includeHiddenNodes: the fit counts the given nodes at the size flowElements gives them before
    // they are measured (React Flow fits once the first cards on screen are measured; the others
    // may not be mounted yet).
    return nodes ? { nodes, maxZoom: 1, includeHiddenNodes: true } : { maxZoom: 1.2 };
  });
  // Sizes are read, not subscribed to: a card's size arriving changes nothing React Flow does not
  // know already, and rebuilding every node for it made each batch of sizes a long frame while panning.
  const nodes = useMemo(
    () => builder.buildNodes({ ...inputs, measured: store.getState().measured }),
    [builder, inputs, store],
  );
  const builtEdges = useMemo(
    () => builder.buildEdges({ ...inputs, measured: store.getState().measured }),
    [builder, inputs, store],
  );
  // A test call or replay marks the wires it went along; only those edges become new objects.
  const trace = useEditor((s) => s.trace);
  const edges = useMemo(() => {
    if (!trace || trace.visitedEdges.size === 0) return builtEdges;
    return builtEdges.map((edge) =>
      trace.visitedEdges.has(edge.id)
        ? { ...edge, animated: true, style: tracedEdgeStyle, data: { ...edge.data, traced: true } }
        : edge,
    );
  }, [builtEdges, trace]);

  // Sizes React Flow measures go to the store in one batch once it stops measuring: while the user
  // pans a large scenario it measures every card that comes into view, frame after frame, and a store
  // update per frame re-runs every subscriber. React Flow has the sizes already; the builder keeps
  // them for the node objects it makes in between.
  const pendingSizes = useRef<Record<string, { width: number; height: number }>>({});
  const sizesTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flushSizes = useCallback(() => {
    clearTimeout(sizesTimer.current);
    const sizes = pendingSizes.current;
    pendingSizes.current = {};
    if (Object.keys(sizes).length > 0) store.getState().setMeasured(sizes);
  }, [store]);
  useEffect(() => flushSizes, [flushSizes]);

  // Stable callbacks read the store when called, so they never change identity.
  const onNodesChange = useCallback(
    (changes: NodeChange<ScenarioFlowNode>[]) => {
      const state = store.getState();
      const positions: Record<string, { x: number; y: number }> = {};
      let dragEnded = false;
      const sizes: Record<string, { width: number; height: number }> = {};
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          positions[change.id] = change.position;
          if (change.dragging === false) dragEnded = true;
        } else if (change.type === 'position' && change.dragging === false) {
          dragEnded = true;
        } else if (change.type === 'select' && !change.id.startsWith('removed:')) {
          state.setSelection('nodes', change.id, change.selected);
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes[change.id] = change.dimensions;
        }
      }
      if (Object.keys(sizes).length > 0) {
        builder.noteMeasured(sizes);
        Object.assign(pendingSizes.current, sizes);
        clearTimeout(sizesTimer.current);
        sizesTimer.current = setTimeout(flushSizes, MEASURED_BATCH_MS);
      }
      if (Object.keys(positions).length > 0) state.moveNodes(positions, dragEnded);
      else if (dragEnded) state.endGesture();
    },
    [store, builder, flushSizes],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const change of changes) {
        if (change.type === 'select') store.getState().setSelection('edges', change.id, change.selected);
      }
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.sourceHandle)
        store.getState().connect(connection.source, connection.sourceHandle, connection.target);
    },
    [store],
  );

  // Dragging the end of an existing wire to another node moves the wire.
  const onReconnect = useCallback(
    (edge: Edge, connection: Connection) => {
      if (!edge.sourceHandle || !connection.sourceHandle) return;
      store
        .getState()
        .rewire(
          { source: edge.source, exit: edge.sourceHandle },
          { source: connection.source, exit: connection.sourceHandle, target: connection.target },
        );
    },
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const component = parsePaletteDrag(event.dataTransfer.getData(PALETTE_DRAG_TYPE));
      if (!component) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addNode(component.type, component.typeVersion, position);
    },
    [store, screenToFlowPosition],
  );

  return (
    <div style={{ flex: 1, minHeight: 0, position: 'relative' }} data-testid="canvas">
      <CardContextProvider>
        <ReactFlow<ScenarioFlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onReconnect={onReconnect}
          edgesReconnectable={!readOnly}
          onDragOver={onDragOver}
          onDrop={onDrop}
          // Deleting goes through the editor's own shortcut so nodes and wires leave in one undo step.
          deleteKeyCode={null}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_THRESHOLD}
          minZoom={0.05}
          maxZoom={2}
          fitView
          fitViewOptions={fitViewOptions}
        >
          <Background gap={16} />
          <MiniMap pannable zoomable nodeStrokeWidth={3} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </CardContextProvider>
    </div>
  );
}
