import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { NodeCard } from '../shared/NodeCard';
import type { ScenarioFlowNode } from '../shared/nodeData';

/** A node whose type or version the catalog does not know (an imported or newer document). */
export const UnknownNode = memo(function UnknownNode({ id, data, selected }: NodeProps<ScenarioFlowNode>) {
  return <NodeCard id={id} data={data} selected={selected} accent="#868e96" />;
});
