import type { ScenarioDocument } from '@ivr/scenario-schema';

/** How many nodes the first view of a large scenario shows: enough to read, few enough to mount at once. */
const FIRST_VIEW_NODES = 30;

/**
 * The nodes the canvas fits into view when it opens. A small scenario is shown whole; a large one
 * opens on its start and what follows it, at a readable zoom, so only those nodes are mounted
 * (React Flow renders only visible nodes past a threshold) and the rest come in as the user pans.
 */
export function initialViewNodes(doc: ScenarioDocument, largeFrom: number): { id: string }[] | undefined {
  if (doc.nodes.length < largeFrom) return undefined;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const first = byId.has(doc.start) ? doc.start : doc.nodes[0]?.id;
  if (!first) return undefined;
  const seen = new Set([first]);
  const queue = [first];
  while (queue.length > 0 && seen.size < FIRST_VIEW_NODES) {
    const node = byId.get(queue.shift()!);
    for (const target of Object.values(node?.exits ?? {})) {
      if (seen.size >= FIRST_VIEW_NODES) break;
      if (byId.has(target) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].map((id) => ({ id }));
}
