import { SCENARIO_KINDS, type ScenarioKind } from '@ivr/scenario-schema';

/** Every kind: call components too, since their precondition (call / answered) is what limits them. */
export const ALL_KINDS: readonly ScenarioKind[] = SCENARIO_KINDS;
