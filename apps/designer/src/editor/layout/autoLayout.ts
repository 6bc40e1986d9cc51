import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ScenarioDocument } from '@ivr/scenario-schema';
import type { Position } from '../store/documentModel';

const DEFAULT_SIZE = { width: 220, height: 120 };

/** The ELK graph for a scenario: nodes at their measured size, ports in exit order so wires do not cross needlessly. */
export function toElkGraph(
  doc: ScenarioDocument,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): ElkNode {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const edges: ElkExtendedEdge[] = [];
  const children: ElkNode[] = doc.nodes.map((node) => {
    const size = measured[node.id] ?? DEFAULT_SIZE;
    const exits = Object.entries(node.exits).filter(([, target]) => ids.has(target));
    for (const [exit, target] of exits) {
      edges.push({ id: `${node.id}->${exit}`, sources: [`${node.id}.port.${exit}`], targets: [target] });
    }
    return {
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: exits.map(([exit], index) => ({
        id: `${node.id}.port.${exit}`,
        layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(index) },
      })),
    };
  });
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
    },
    children,
    edges,
  };
}

/**
 * Positions for every node by ELK's layered algorithm. ELK is loaded on first use: it is large and
 * most editing sessions never lay out automatically.
 */
export async function autoLayout(
  doc: ScenarioDocument,
  measured: Readonly<Record<string, { width: number; height: number }>>,
): Promise<Record<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const result = await new ELK().layout(toElkGraph(doc, measured));
  const positions: Record<string, Position> = {};
  for (const child of result.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
