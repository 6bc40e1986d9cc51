import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { NodeCard } from '../shared/NodeCard';
import type { ScenarioFlowNode } from '../shared/nodeData';

/** SMS and e-mail steps. Memoised: React Flow re-renders a node only when its own props change. */
export const MessagingNode = memo(function MessagingNode({ id, data, selected }: NodeProps<ScenarioFlowNode>) {
  return <NodeCard id={id} data={data} selected={selected} accent="#fd7e14" />;
});
