import type { NodeTypes } from '@xyflow/react';
import type { ComponentCategory } from '@ivr/scenario-schema';
import { FlowNode } from './flow/FlowNode';
import { CallNode } from './call/CallNode';
import { DataNode } from './data/DataNode';
import { MessagingNode } from './messaging/MessagingNode';
import { PaymentsNode } from './payments/PaymentsNode';
import { UnknownNode } from './unknown/UnknownNode';
import { RemovedNode } from './removed/RemovedNode';

/**
 * Module scope on purpose: a nodeTypes object created during render makes React Flow re-mount
 * every node on every render.
 */
export const nodeTypes = {
  flow: FlowNode,
  call: CallNode,
  data: DataNode,
  messaging: MessagingNode,
  payments: PaymentsNode,
  unknown: UnknownNode,
  removed: RemovedNode,
} satisfies NodeTypes & Record<ComponentCategory, unknown>;

export type CanvasNodeType = keyof typeof nodeTypes;
