import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { NodeCard } from '../shared/NodeCard';
import type { ScenarioFlowNode } from '../shared/nodeData';

/** SQL, HTTP and Excel steps. Memoised: React Flow re-renders a node only when its own props change. */
export const DataNode = memo(function DataNode({ id, data, selected }: NodeProps<ScenarioFlowNode>) {
  return <NodeCard id={id} data={data} selected={selected} accent="#7950f2" />;
});
