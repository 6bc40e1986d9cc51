import type { ScenarioDocument } from '../document.js';
import { pointer, type Diagnostic } from './diagnostics.js';
import type { ResolvedNode } from './validate.js';

interface Edge {
  from: string;
  exit: string;
  to: string;
}

/** Reachability, busy loops, and where a call leg can exist. */
export function checkGraph(
  scenario: ScenarioDocument,
  resolved: readonly ResolvedNode[],
  nodeIds: ReadonlySet<string>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const indexOf = new Map(scenario.nodes.map((n, i) => [n.id, i] as const));
  const byId = new Map(resolved.map((n) => [n.id, n] as const));
  const edges: Edge[] = [];
  for (const node of scenario.nodes) {
    for (const [exit, to] of Object.entries(node.exits)) if (nodeIds.has(to)) edges.push({ from: node.id, exit, to });
  }
  const successors = new Map<string, string[]>();
  for (const edge of edges) successors.set(edge.from, [...(successors.get(edge.from) ?? []), edge.to]);

  const entries = [scenario.start, scenario.onError, scenario.onHangup].filter(
    (id): id is string => id !== undefined && nodeIds.has(id),
  );
  const reachable = reach(entries, successors);
  for (const node of scenario.nodes) {
    if (!reachable.has(node.id)) {
      out.push({
        severity: 'warning',
        code: 'unreachable-node',
        message: `nothing leads to "${node.id}"`,
        nodeId: node.id,
        path: pointer('nodes', indexOf.get(node.id)!),
      });
    }
  }

  for (const component of stronglyConnected([...nodeIds], successors)) {
    const cyclic = component.length > 1 || (successors.get(component[0]!) ?? []).includes(component[0]!);
    if (!cyclic) continue;
    const guarded = component.some((id) => {
      const node = scenario.nodes[indexOf.get(id)!]!;
      return node.maxPasses !== undefined || byId.get(id)?.definition.waits === true;
    });
    if (guarded) continue;
    const first = [...component].sort((a, b) => indexOf.get(a)! - indexOf.get(b)!)[0]!;
    out.push({
      severity: 'error',
      code: 'loop-without-wait',
      message: `the loop ${component.join(' -> ')} never waits: add a waiting step or set maxPasses on one of its nodes`,
      nodeId: first,
      path: pointer('nodes', indexOf.get(first)!),
    });
  }

  if (scenario.onHangup !== undefined && nodeIds.has(scenario.onHangup)) {
    for (const id of reach([scenario.onHangup], successors)) {
      const node = byId.get(id);
      if (node && node.definition.precondition !== 'none') {
        out.push({
          severity: 'error',
          code: 'call-component-in-hangup-handler',
          message: `${node.definition.type} needs the call, but "${id}" runs after the caller hung up (onHangup)`,
          nodeId: id,
          path: pointer('nodes', node.index),
        });
      }
    }
  }

  if (scenario.kind === 'service') out.push(...checkServiceCalls(scenario, byId, edges, entries, reachable));
  return out;
}

/**
 * In a service scenario a call exists only after a dial is answered. A node that needs the call
 * must have an answered dial on every path that reaches it (a must-analysis to a fixed point).
 */
function checkServiceCalls(
  scenario: ScenarioDocument,
  byId: ReadonlyMap<string, ResolvedNode>,
  edges: readonly Edge[],
  entries: readonly string[],
  reachable: ReadonlySet<string>,
): Diagnostic[] {
  const hasCall = new Map<string, boolean>();
  for (const id of reachable) hasCall.set(id, !entries.includes(id));
  const incoming = new Map<string, Edge[]>();
  for (const edge of edges) incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of reachable) {
      if (!hasCall.get(id)) continue;
      const ok = (incoming.get(id) ?? []).every((edge) => {
        if (!reachable.has(edge.from)) return true;
        const establishes = byId.get(edge.from)?.definition.establishesCall?.includes(edge.exit) ?? false;
        return establishes || hasCall.get(edge.from) === true;
      });
      if (!ok) {
        hasCall.set(id, false);
        changed = true;
      }
    }
  }
  const out: Diagnostic[] = [];
  for (const node of byId.values()) {
    if (node.definition.precondition === 'none' || !reachable.has(node.id) || hasCall.get(node.id)) continue;
    out.push({
      severity: 'error',
      code: 'call-precondition',
      message: `${node.definition.type} needs a call, but in a service scenario a path reaches "${node.id}" before a dial is answered`,
      nodeId: node.id,
      path: pointer('nodes', node.index),
    });
  }
  return out;
}

function reach(entries: readonly string[], successors: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>(entries);
  const stack = [...entries];
  while (stack.length) {
    for (const next of successors.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** Tarjan's algorithm, iterative so that a long chain of nodes cannot overflow the stack. */
function stronglyConnected(ids: readonly string[], successors: ReadonlyMap<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const succ = successors.get(frame.id) ?? [];
      if (frame.next < succ.length) {
        const next = succ[frame.next++]!;
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ id: next, next: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        result.push(component.reverse());
      }
    }
  }
  return result;
}
