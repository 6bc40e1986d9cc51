import { createStore } from 'zustand/vanilla';
import { temporal, type TemporalState } from 'zundo';
import type { StoreApi } from 'zustand';
import { edgeId, type Catalog, type ScenarioDocument, type VariableDeclaration } from '@ivr/scenario-schema';
import type { Diagnostic } from '../../api/types';
import * as model from './documentModel';
import { copyNodes, pasteNodes, type ClipboardPayload } from './clipboard';
import type { DiffHighlight } from '../history/diffHighlight';
import type { TraceHighlight } from '../testCall/liveCall';

/** What undo/redo restores: the document only. Selection, sizes and diagnostics are not edits. */
export interface EditorHistoryState {
  doc: ScenarioDocument;
}

export interface EditorState extends EditorHistoryState {
  catalog: Catalog;
  /** The document as last loaded or saved: the draft is dirty when `doc` differs from it. */
  savedDoc: ScenarioDocument;
  revision: number;
  readOnly: boolean;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** Node sizes measured by React Flow; kept so a re-created node object does not lose them. */
  measured: Readonly<Record<string, { width: number; height: number }>>;
  diagnostics: readonly Diagnostic[];
  /** The worst severity per node, so each canvas node subscribes to one string. */
  nodeSeverity: ReadonlyMap<string, Diagnostic['severity']>;
  diff: DiffHighlight | null;
  /** A test call or replay: the node the call is at and the path it took; not an edit. */
  trace: TraceHighlight | null;

  addNode(type: string, typeVersion: number, position: model.Position): string;
  /** Positions during a drag: every call of one drag is one undo step; `done` ends the gesture. */
  moveNodes(positions: Record<string, model.Position>, done: boolean): void;
  connect(source: string, exit: string, target: string): void;
  disconnect(source: string, exit: string): void;
  /** Moves a wire (its target, or its exit) in one undo step. */
  rewire(from: { source: string; exit: string }, to: { source: string; exit: string; target: string }): void;
  deleteElements(nodeIds: readonly string[], edgeIds: readonly string[]): void;
  deleteSelection(): void;
  setParam(nodeId: string, path: readonly (string | number)[], value: unknown): void;
  replaceParams(nodeId: string, params: Record<string, unknown>): void;
  renameNode(from: string, to: string): void;
  setLabel(nodeId: string, label: string): void;
  setVariables(variables: VariableDeclaration[], coalesceKey?: string): void;
  /** The scenario's typed inputs and the names it hands back to a calling scenario. */
  setParams(params: ScenarioDocument['params'], coalesceKey?: string): void;
  setReturns(returns: string[]): void;
  setScenarioField<K extends 'name' | 'description' | 'start' | 'onError' | 'onHangup'>(
    field: K,
    value: ScenarioDocument[K],
  ): void;
  applyLayout(positions: Record<string, model.Position>): void;
  replaceDocument(doc: ScenarioDocument): void;
  /** Loads a document from the server: a fresh history, nothing dirty. */
  loadDocument(doc: ScenarioDocument, revision: number, readOnly?: boolean): void;
  markSaved(doc: ScenarioDocument, revision: number): void;
  select(nodeIds: Iterable<string>, edgeIds?: Iterable<string>): void;
  setSelection(kind: 'nodes' | 'edges', id: string, selected: boolean): void;
  setMeasured(sizes: Record<string, { width: number; height: number }>): void;
  setDiagnostics(diagnostics: readonly Diagnostic[]): void;
  setDiff(diff: DiffHighlight | null): void;
  setTrace(trace: TraceHighlight | null): void;
  copySelection(): ClipboardPayload | null;
  paste(payload: ClipboardPayload, offset?: { x: number; y: number }): string[];
  /** Ends a typing burst or drag so the next edit starts a new undo step. */
  endGesture(): void;
  undo(): void;
  redo(): void;
}

export interface EditorStoreOptions {
  catalog: Catalog;
  doc: ScenarioDocument;
  revision?: number;
  readOnly?: boolean;
  /** Clock for grouping typing bursts; tests pass a fake one. */
  now?: () => number;
}

/** Keystrokes in one field closer together than this are one undo step. */
export const TYPING_BURST_MS = 1000;
const HISTORY_LIMIT = 200;

/** Edge ids as the shared graph conversion makes them: `source:exit` (neither may contain a colon). */
export { edgeId };

export function createEditorStore(options: EditorStoreOptions) {
  const now = options.now ?? (() => Date.now());
  // The open gesture: edits carrying the same key while it is open are merged into one undo step.
  let gesture: { key: string; at: number; open: boolean } | null = null;

  return createStore<EditorState>()(
    temporal(
      (set, get, api) => {
        // zundo types the store's `temporal` as unknown inside the creator; it is there at call time.
        const history = () =>
          (api as unknown as { temporal: StoreApi<TemporalState<EditorHistoryState>> }).temporal.getState();
        /**
         * Applies a document edit. With a key, an edit that continues the open gesture (same key,
         * a drag still going, or a typing burst within TYPING_BURST_MS) is not recorded again, so
         * undo goes back to before the gesture started.
         */
        function edit(change: (doc: ScenarioDocument) => ScenarioDocument, key?: string, keepOpen = false) {
          const state = get();
          if (state.readOnly) return;
          const next = change(state.doc);
          if (next === state.doc) return;
          const at = now();
          const continues =
            key !== undefined &&
            gesture !== null &&
            gesture.key === key &&
            (gesture.open || at - gesture.at < TYPING_BURST_MS);
          if (continues) history().pause();
          set({ doc: next });
          if (continues) history().resume();
          gesture = key === undefined ? null : { key, at, open: keepOpen };
        }

        return {
          catalog: options.catalog,
          doc: options.doc,
          savedDoc: options.doc,
          revision: options.revision ?? 0,
          readOnly: options.readOnly ?? false,
          selectedNodes: new Set<string>(),
          selectedEdges: new Set<string>(),
          measured: {},
          diagnostics: [],
          nodeSeverity: new Map(),
          diff: null,
          trace: null,

          addNode(type, typeVersion, position) {
            let id = '';
            edit((doc) => {
              const result = model.addNode(doc, get().catalog, type, typeVersion, position);
              id = result.id;
              return result.doc;
            });
            if (id) set({ selectedNodes: new Set([id]), selectedEdges: new Set() });
            return id;
          },
          moveNodes(positions, done) {
            const key = `move:${Object.keys(positions).sort().join(',')}`;
            edit((doc) => model.moveNodes(doc, positions), key, !done);
            if (done) gesture = null;
          },
          connect(source, exit, target) {
            edit((doc) => model.connect(doc, source, exit, target));
          },
          disconnect(source, exit) {
            edit((doc) => model.disconnect(doc, source, exit));
          },
          rewire(from, to) {
            edit((doc) => model.connect(model.disconnect(doc, from.source, from.exit), to.source, to.exit, to.target));
          },
          deleteElements(nodeIds, edgeIds) {
            const nodes = new Set(nodeIds);
            edit((doc) => {
              let next = model.removeNodes(doc, nodes);
              for (const id of edgeIds) {
                const edge = parseEdgeId(id);
                if (edge && !nodes.has(edge.source)) next = model.disconnect(next, edge.source, edge.exit);
              }
              return next;
            });
            set({ selectedNodes: new Set(), selectedEdges: new Set() });
          },
          deleteSelection() {
            const { selectedNodes, selectedEdges } = get();
            get().deleteElements([...selectedNodes], [...selectedEdges]);
          },
          setParam(nodeId, path, value) {
            edit((doc) => model.setParam(doc, get().catalog, nodeId, path, value), `param:${nodeId}:${path.join('/')}`);
          },
          replaceParams(nodeId, params) {
            edit((doc) => model.replaceParams(doc, get().catalog, nodeId, params), `params:${nodeId}`);
          },
          renameNode(from, to) {
            edit((doc) => model.renameNode(doc, from, to));
            const selectedNodes = new Set([...get().selectedNodes].map((id) => (id === from ? to : id)));
            const measured = { ...get().measured };
            if (measured[from]) measured[to] = measured[from];
            set({ selectedNodes, measured });
          },
          setLabel(nodeId, label) {
            edit((doc) => model.setLayoutLabel(doc, nodeId, label), `label:${nodeId}`);
          },
          setVariables(variables, coalesceKey) {
            edit((doc) => model.setVariables(doc, variables), coalesceKey);
          },
          setParams(params, coalesceKey) {
            edit((doc) => ({ ...doc, params }), coalesceKey);
          },
          setReturns(returns) {
            edit((doc) => ({ ...doc, returns }));
          },
          setScenarioField(field, value) {
            edit((doc) => {
              if (doc[field] === value) return doc;
              const next = { ...doc };
              if (value === undefined || value === '') delete next[field];
              else next[field] = value;
              return next;
            }, `scenario:${field}`);
          },
          applyLayout(positions) {
            edit((doc) => model.moveNodes(doc, positions));
          },
          replaceDocument(doc) {
            edit(() => doc);
            set({ selectedNodes: new Set(), selectedEdges: new Set() });
          },
          loadDocument(doc, revision, readOnly) {
            gesture = null;
            set({
              doc,
              savedDoc: doc,
              revision,
              readOnly: readOnly ?? get().readOnly,
              selectedNodes: new Set(),
              selectedEdges: new Set(),
              diff: null,
            });
            history().clear();
          },
          markSaved(doc, revision) {
            set({ savedDoc: doc, revision });
          },
          select(nodeIds, edgeIds = []) {
            set({ selectedNodes: new Set(nodeIds), selectedEdges: new Set(edgeIds) });
          },
          setSelection(kind, id, selected) {
            const key = kind === 'nodes' ? 'selectedNodes' : 'selectedEdges';
            const current = get()[key];
            if (current.has(id) === selected) return;
            const next = new Set(current);
            if (selected) next.add(id);
            else next.delete(id);
            set(key === 'selectedNodes' ? { selectedNodes: next } : { selectedEdges: next });
          },
          setMeasured(sizes) {
            set({ measured: { ...get().measured, ...sizes } });
          },
          setDiagnostics(diagnostics) {
            const nodeSeverity = new Map<string, Diagnostic['severity']>();
            for (const d of diagnostics) {
              if (d.nodeId && nodeSeverity.get(d.nodeId) !== 'error') nodeSeverity.set(d.nodeId, d.severity);
            }
            set({ diagnostics, nodeSeverity });
          },
          setDiff(diff) {
            set({ diff });
          },
          setTrace(trace) {
            set({ trace });
          },
          copySelection() {
            return copyNodes(get().doc, get().selectedNodes);
          },
          paste(payload, offset = { x: 60, y: 60 }) {
            let pastedIds: string[] = [];
            edit((doc) => {
              const result = pasteNodes(doc, payload, offset);
              pastedIds = result.pastedIds;
              return result.doc;
            });
            set({ selectedNodes: new Set(pastedIds), selectedEdges: new Set() });
            return pastedIds;
          },
          endGesture() {
            gesture = null;
          },
          undo() {
            gesture = null;
            history().undo();
          },
          redo() {
            gesture = null;
            history().redo();
          },
        };
      },
      {
        partialize: (state): EditorHistoryState => ({ doc: state.doc }),
        equality: (past, current) => past.doc === current.doc,
        limit: HISTORY_LIMIT,
      },
    ),
  );
}

export type EditorStore = ReturnType<typeof createEditorStore>;

export function parseEdgeId(id: string): { source: string; exit: string } | null {
  const at = id.lastIndexOf(':');
  if (at < 0) return null;
  return { source: id.slice(0, at), exit: id.slice(at + 1) };
}
