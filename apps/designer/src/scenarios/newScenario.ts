import { CURRENT_FORMAT, type ScenarioDocument, type ScenarioKind } from '@ivr/scenario-schema';

/** A scenario id from a name: `Order status` -> `order-status` (ids are lower-case, digits, _ and -). */
export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '')
      .slice(0, 64) || ''
  );
}

export const SCENARIO_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * An empty scenario. `start` names the node the first dropped component will become: until then the
 * validator reports the missing start, which is exactly what the user has to do next.
 */
export function newScenarioDocument(id: string, name: string, kind: ScenarioKind): ScenarioDocument {
  return {
    format: CURRENT_FORMAT,
    id,
    name,
    kind,
    params: [],
    returns: [],
    variables: [],
    start: 'start',
    nodes: [],
    layout: {},
  };
}
