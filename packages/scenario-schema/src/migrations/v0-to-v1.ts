/**
 * Format 0 (the pre-release editor's): positions lived inside each node (`position`), exits were
 * a list of `{ exit, to }` under `next`, nodes had no typeVersion, labels were on the node and
 * variables had no scope (they were all per run). Format 1 keeps layout apart from behaviour.
 */
export function migrateV0ToV1(doc: Record<string, unknown>): Record<string, unknown> {
  const { nodes: rawNodes, variables: rawVariables, layout: rawLayout, ...rest } = doc;
  const layout: Record<string, unknown> = { ...(isObject(rawLayout) ? rawLayout : {}) };
  const nodes = (Array.isArray(rawNodes) ? rawNodes : []).map((raw) => {
    if (!isObject(raw)) return raw;
    const { position, next, label, typeVersion, exits, ...node } = raw;
    const id = String(node.id ?? '');
    if (isObject(position)) {
      layout[id] = {
        x: Number(position.x ?? 0),
        y: Number(position.y ?? 0),
        ...(typeof label === 'string' ? { label } : {}),
      };
    }
    const migratedExits: Record<string, unknown> = isObject(exits) ? { ...exits } : {};
    if (Array.isArray(next)) {
      for (const link of next) if (isObject(link) && typeof link.exit === 'string') migratedExits[link.exit] = link.to;
    }
    return { ...node, typeVersion: typeVersion ?? 1, params: node.params ?? {}, exits: migratedExits };
  });
  const variables = (Array.isArray(rawVariables) ? rawVariables : []).map((v) =>
    isObject(v) && v.scope === undefined ? { ...v, scope: 'run' } : v,
  );
  return { ...rest, format: 'ivr-scenario/1', variables, nodes, layout };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
