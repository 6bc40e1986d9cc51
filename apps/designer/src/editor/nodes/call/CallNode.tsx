import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { NodeCard } from '../shared/NodeCard';
import type { ScenarioFlowNode } from '../shared/nodeData';

/** Steps that act on the call leg. Memoised: React Flow re-renders a node only when its own props change. */
export const CallNode = memo(function CallNode({ id, data, selected }: NodeProps<ScenarioFlowNode>) {
  return <NodeCard id={id} data={data} selected={selected} accent="#12b886" />;
});
