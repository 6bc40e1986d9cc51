import { matchParamPath, type Catalog } from '@ivr/scenario-schema';

/**
 * Ids of the scenarios a document calls (sub-scenario, start service, callback), read from the
 * param paths each component declares as scenario references.
 */
export function referencedScenarioIds(document: unknown, catalog: Catalog): Set<string> {
  const ids = new Set<string>();
  const nodes = (document as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return ids;
  for (const node of nodes) {
    const { type, typeVersion, params } = (node ?? {}) as { type?: unknown; typeVersion?: unknown; params?: unknown };
    if (typeof type !== 'string' || typeof typeVersion !== 'number') continue;
    const definition = catalog.get(type, typeVersion);
    for (const path of definition?.scenarioRefs ?? []) {
      for (const match of matchParamPath(params, path)) {
        if (typeof match.value === 'string' && match.value !== '') ids.add(match.value);
      }
    }
  }
  return ids;
}
