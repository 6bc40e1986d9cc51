import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { NodeCard } from '../shared/NodeCard';
import type { ScenarioFlowNode } from '../shared/nodeData';

/** Card capture: the card is locked so a reader sees the node handles card data. Memoised: React Flow re-renders a node only when its own props change. */
export const PaymentsNode = memo(function PaymentsNode({ id, data, selected }: NodeProps<ScenarioFlowNode>) {
  return <NodeCard id={id} data={data} selected={selected} accent="#e64980" />;
});
