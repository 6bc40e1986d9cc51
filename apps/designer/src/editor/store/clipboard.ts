/**
 * Copy/paste of nodes as JSON text, so nodes travel through the system clipboard between tabs and
 * scenarios. Pasted nodes get fresh ids; wires inside the copied set follow them, wires to nodes
 * left behind are dropped (they may not exist in the target scenario).
 */
import type { LayoutEntry, ScenarioDocument, ScenarioNode, VariableDeclaration } from '@ivr/scenario-schema';
import { uniqueNodeId } from './documentModel';

export const CLIPBOARD_FORMAT = 'ivr-designer-clipboard/1';

export interface ClipboardPayload {
  format: typeof CLIPBOARD_FORMAT;
  nodes: ScenarioNode[];
  layout: Record<string, LayoutEntry>;
  /** Variables the copied nodes mention, declared in the target on paste when missing there. */
  variables: VariableDeclaration[];
}

export function copyNodes(doc: ScenarioDocument, ids: ReadonlySet<string>): ClipboardPayload | null {
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const layout: Record<string, LayoutEntry> = {};
  for (const node of nodes) {
    const entry = doc.layout[node.id];
    if (entry) layout[node.id] = entry;
  }
  const text = JSON.stringify(nodes.map((n) => n.params));
  const variables = doc.variables.filter((v) => new RegExp(`\\b${v.name}\\b`).test(text));
  return structuredClone({ format: CLIPBOARD_FORMAT, nodes, layout, variables });
}

export function parseClipboard(text: string): ClipboardPayload | null {
  try {
    const value = JSON.parse(text) as Partial<ClipboardPayload>;
    if (value.format !== CLIPBOARD_FORMAT || !Array.isArray(value.nodes)) return null;
    return {
      format: CLIPBOARD_FORMAT,
      nodes: value.nodes,
      layout: value.layout ?? {},
      variables: value.variables ?? [],
    };
  } catch {
    return null;
  }
}

export function pasteNodes(
  doc: ScenarioDocument,
  payload: ClipboardPayload,
  offset: { x: number; y: number },
): { doc: ScenarioDocument; pastedIds: string[] } {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  for (const node of payload.nodes) {
    const id = uniqueNodeId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const layout = { ...doc.layout };
  const pasted = payload.nodes.map((node, index) => {
    const id = renamed.get(node.id)!;
    const exits: Record<string, string> = {};
    for (const [exit, target] of Object.entries(node.exits)) {
      const mapped = renamed.get(target);
      if (mapped) exits[exit] = mapped;
    }
    const entry = payload.layout[node.id] ?? { x: index * 40, y: index * 40 };
    layout[id] = { ...entry, x: entry.x + offset.x, y: entry.y + offset.y };
    return { ...structuredClone(node), id, exits };
  });
  const declared = new Set(doc.variables.map((v) => v.name));
  const variables = [...doc.variables, ...payload.variables.filter((v) => !declared.has(v.name))];
  const hasStart = doc.nodes.some((n) => n.id === doc.start);
  return {
    pastedIds: pasted.map((n) => n.id),
    doc: {
      ...doc,
      start: hasStart || pasted.length === 0 ? doc.start : pasted[0]!.id,
      nodes: [...doc.nodes, ...pasted],
      layout,
      variables,
    },
  };
}
