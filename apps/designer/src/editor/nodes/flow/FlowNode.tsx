import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { NodeCard } from '../shared/NodeCard';
import type { ScenarioFlowNode } from '../shared/nodeData';

/** Branching, variables and scenario calls. Memoised: React Flow re-renders a node only when its own props change. */
export const FlowNode = memo(function FlowNode({ id, data, selected }: NodeProps<ScenarioFlowNode>) {
  return <NodeCard id={id} data={data} selected={selected} accent="#4c6ef5" />;
});
