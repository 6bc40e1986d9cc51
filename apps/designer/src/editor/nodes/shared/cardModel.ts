/**
 * What a node card shows that is derived from the node and its component: the exits (a zod parse of
 * the params), the stray exits, the params summary. Worked out once per node object and shared by the
 * card and the canvas (which places the card's handles before the card is mounted), so opening or
 * panning a large scenario does not parse every node's params again on every render.
 */
import type { Catalog, ComponentDefinition, ExitDefinition, ScenarioNode } from '@ivr/scenario-schema';
import { nodeExits, paramsJsonSchema } from '../../../catalog/componentSchemas';
import { summarizeParams } from './summarizeParams';

export interface CardModel {
  definition: ComponentDefinition | undefined;
  /** The component's exits with these params, one per id. */
  exits: readonly ExitDefinition[];
  /** Exits the node is wired from that the component does not have (yet): they still need a handle. */
  strayExits: readonly string[];
  /** One line telling this node apart from others of its type ('' when there is nothing to say). */
  summary: string;
}

interface ParamsModel {
  exits: readonly ExitDefinition[];
  summary: string;
}

const NO_EXITS: readonly ExitDefinition[] = [];
const NO_STRAY: readonly string[] = [];

/** Node objects are replaced on every edit, so a node object (and a params object) always means the same card. */
const byCatalog = new WeakMap<Catalog, WeakMap<ScenarioNode, CardModel>>();
const byDefinition = new WeakMap<ComponentDefinition, WeakMap<object, ParamsModel>>();

function paramsModel(definition: ComponentDefinition, params: Record<string, unknown>): ParamsModel {
  let cache = byDefinition.get(definition);
  if (!cache) {
    cache = new WeakMap();
    byDefinition.set(definition, cache);
  }
  let model = cache.get(params);
  if (!model) {
    model = {
      exits: nodeExits(definition, params).exits,
      summary: summarizeParams(params, paramsJsonSchema(definition)),
    };
    cache.set(params, model);
  }
  return model;
}

export function cardModel(catalog: Catalog, node: ScenarioNode): CardModel {
  let cache = byCatalog.get(catalog);
  if (!cache) {
    cache = new WeakMap();
    byCatalog.set(catalog, cache);
  }
  let model = cache.get(node);
  if (model) return model;
  const definition = catalog.get(node.type, node.typeVersion);
  const { exits, summary } = definition ? paramsModel(definition, node.params) : { exits: NO_EXITS, summary: '' };
  const known = new Set(exits.map((e) => e.id));
  const stray = Object.keys(node.exits).filter((exit) => !known.has(exit));
  model = { definition, exits, strayExits: stray.length > 0 ? stray : NO_STRAY, summary };
  cache.set(node, model);
  return model;
}
