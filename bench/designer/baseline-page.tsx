/**
 * The designer benchmark's baseline: bare React Flow, nothing of the app around it. It fetches
 * flow.json (the same 1,000 nodes and edges, at the same positions, that the designer shows, and the
 * size of the designer's canvas) and renders them with the React Flow settings the designer's canvas
 * uses: smoothstep edges, onlyRenderVisibleElements past 200 nodes, the same first fit (the start and
 * the 29 nodes after it, maxZoom 1), Background, MiniMap and Controls. Each node is a minimal memoised
 * component of about the designer's card's DOM (a title row, an id line, a summary line and one labelled
 * handle per exit), with no store, no i18n and no catalog look-ups.
 *
 * Built by bench/designer/baseline.ts with esbuild (react and @xyflow/react from apps/designer), not
 * type-checked by bench/tsconfig.json (which takes .ts files only): it is plain React Flow usage.
 */
import { memo, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  Background,
  Controls,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';

type CardData = { title: string; summary: string; exits: string[] };
type CardNode = Node<CardData, 'card'>;

interface FlowFile {
  canvas: { width: number; height: number };
  nodes: CardNode[];
  edges: Edge[];
  fitNodes: { id: string }[];
  onlyRenderVisibleElements: boolean;
}

const Card = memo(function Card({ id, data }: NodeProps<CardNode>) {
  return (
    <div className="card" data-testid={`node-${id}`}>
      <Handle type="target" position={Position.Left} id="in" className="handle" />
      <div className="header">
        <span className="icon" />
        <span className="title">{data.title}</span>
      </div>
      <div className="meta">{id}</div>
      {data.summary && <div className="summary">{data.summary}</div>}
      <div className="exits">
        {data.exits.map((exit) => (
          <div key={exit} className="exit">
            <span>{exit}</span>
            <Handle type="source" position={Position.Right} id={exit} className="handle source" />
          </div>
        ))}
      </div>
    </div>
  );
});

const nodeTypes = { card: Card };
const defaultEdgeOptions = { type: 'smoothstep' } as const;

function Baseline() {
  const [flow, setFlow] = useState<FlowFile | null>(null);
  useEffect(() => {
    void fetch('flow.json')
      .then((r) => r.json() as Promise<FlowFile>)
      .then(setFlow);
  }, []);
  return flow ? <Flow flow={flow} /> : null;
}

/** Controlled, as in React Flow's own examples (useNodesState / useEdgesState), like the designer's canvas. */
function Flow({ flow }: { flow: FlowFile }) {
  const [nodes, , onNodesChange] = useNodesState(flow.nodes);
  const [edges, , onEdgesChange] = useEdgesState(flow.edges);
  return (
    <div style={{ width: flow.canvas.width, height: flow.canvas.height, position: 'relative' }} data-testid="canvas">
      <ReactFlow<CardNode>
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onlyRenderVisibleElements={flow.onlyRenderVisibleElements}
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={{ nodes: flow.fitNodes, maxZoom: 1 }}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <ReactFlowProvider>
      <Baseline />
    </ReactFlowProvider>
  </StrictMode>,
);
