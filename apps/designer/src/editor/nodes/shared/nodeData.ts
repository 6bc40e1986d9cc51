import type { Node } from '@xyflow/react';
import type { ScenarioNode } from '@ivr/scenario-schema';
import type { DiffStatus } from '../../history/diffHighlight';

/** What a canvas node carries: the DSL node itself, so a param edit reaches the card by reference. */
export interface ScenarioNodeData extends Record<string, unknown> {
  node: ScenarioNode;
  label?: string;
  isStart: boolean;
  diff?: DiffStatus;
}

export type ScenarioFlowNode = Node<ScenarioNodeData>;
