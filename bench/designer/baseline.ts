/**
 * The bare React Flow page (baseline-page.tsx): built with esbuild into a temporary folder (react and
 * @xyflow/react taken from apps/designer's dependencies, production mode, minified like the designer's
 * Vite build) and served by a tiny node:http server, with the flow to draw written next to it as
 * flow.json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { catalog, exitsFor } from '../../packages/components/src/index.js';
import type { ScenarioDocumentInput } from '../../packages/scenario-schema/src/index.js';

export interface CanvasSize {
  width: number;
  height: number;
}

export interface BaselineSite {
  url: string;
  /** Writes flow.json: the nodes and edges of `doc`, drawn on a canvas of `canvas` size. */
  setFlow(doc: ScenarioDocumentInput, canvas: CanvasSize, fitNodes: { id: string }[]): void;
  close(): Promise<void>;
}

/** The designer's threshold (ScenarioCanvas.tsx VISIBLE_ONLY_THRESHOLD): past it only visible elements render. */
const VISIBLE_ONLY_THRESHOLD = 200;
const SUMMARY_LENGTH = 60;

/** A one-line summary of the params, of about the length the designer's cards show. */
function summary(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const text = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) return value.length ? `[${value.length}]` : '';
    if (value && typeof value === 'object') return Object.values(value).map(text).find(Boolean) ?? '';
    return '';
  };
  for (const value of Object.values(params)) {
    const part = text(value);
    if (part) parts.push(part);
  }
  const line = parts.join(' · ');
  return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line;
}

/**
 * The document as React Flow nodes and edges, at the document's layout positions. Each card gets the
 * component's title and one handle per exit of the component (as the designer's cards show them,
 * wired or not), worked out here once rather than in the page.
 */
export function flowOf(doc: ScenarioDocumentInput) {
  const layout = doc.layout ?? {};
  const ids = new Set(doc.nodes.map((n) => n.id));
  const nodes = doc.nodes.map((node) => {
    const params = (node.params ?? {}) as Record<string, unknown>;
    const definition = catalog.get(node.type, node.typeVersion);
    let exits = Object.keys(node.exits ?? {});
    if (definition) {
      const parsed = definition.params.safeParse(params);
      const all = exitsFor(definition, (parsed.success ? parsed.data : params) as never).map((e) => e.id);
      exits = [...new Set([...all, ...exits])];
    }
    return {
      id: node.id,
      type: 'card',
      position: { x: layout[node.id]?.x ?? 0, y: layout[node.id]?.y ?? 0 },
      data: { title: definition?.title.en ?? node.type, summary: summary(params), exits },
    };
  });
  const edges = doc.nodes.flatMap((node) =>
    Object.entries(node.exits ?? {})
      .filter(([, target]) => ids.has(target))
      .map(([exit, target]) => ({
        id: `${node.id}:${exit}`,
        source: node.id,
        sourceHandle: exit,
        target,
        targetHandle: 'in',
      })),
  );
  return { nodes, edges };
}

/** Close to the designer's NodeCard.module.css, so a node is of about the same size and paint. */
const PAGE_CSS = `
html, body { margin: 0; height: 100%; line-height: 1.55; font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
.card { min-width: 180px; max-width: 260px; background: white; border: 1px solid #ced4da; border-top: 3px solid #4c6ef5;
  border-radius: 6px; font-size: 12px; box-shadow: 0 1px 2px rgb(0 0 0 / 8%); }
.header { display: flex; align-items: center; gap: 6px; padding: 6px 8px 0; color: #4c6ef5; }
.icon { width: 16px; height: 16px; border-radius: 3px; background: #4c6ef5; }
.title { flex: 1; font-weight: 600; color: #212529; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.meta { padding: 0 8px; color: #868e96; font-size: 10px; font-family: ui-monospace, monospace; }
.summary { padding: 2px 8px; color: #495057; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.exits { margin-top: 4px; border-top: 1px solid #f1f3f5; padding: 2px 0; }
.exit { position: relative; text-align: right; padding: 1px 14px 1px 8px; color: #343a40; }
.handle { width: 9px; height: 9px; background: #4c6ef5; border: 1px solid white; }
.source { right: -5px; }
`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Builds the page and starts serving it on a free loopback port (`minify: false` for readable profiles). */
export async function startBaselineSite(root: string, { minify = true } = {}): Promise<BaselineSite> {
  const dir = mkdtempSync(join(tmpdir(), 'ivr-bench-designer-'));
  let server: Server | undefined;
  try {
    await build({
      entryPoints: { app: join(root, 'bench', 'designer', 'baseline-page.tsx') },
      outdir: dir,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify,
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      // bench/ has no dependencies of its own: React and React Flow are the designer's.
      nodePaths: [join(root, 'apps', 'designer', 'node_modules')],
      logLevel: 'warning',
    });
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare React Flow</title>
<link rel="stylesheet" href="/app.css"><style>${PAGE_CSS}</style></head>
<body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`,
    );
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const file = path === '/' ? 'index.html' : normalize(path).replace(/^[/\\]+/, '');
      const full = join(dir, file);
      if (file.includes('..') || !existsSync(full)) {
        res.writeHead(404).end();
        return;
      }
      // As the runtime serves the designer: assets cached, the page and the data not.
      const cache = file.endsWith('.js') || file.endsWith('.css') ? 'max-age=3600' : 'no-cache';
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': cache,
      });
      res.end(readFileSync(full));
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(0, '127.0.0.1', () => resolve());
    });
    const address = listening.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      url: `http://127.0.0.1:${port}/`,
      setFlow(doc, canvas, fitNodes) {
        const { nodes, edges } = flowOf(doc);
        const onlyRenderVisibleElements = nodes.length > VISIBLE_ONLY_THRESHOLD;
        writeFileSync(
          join(dir, 'flow.json'),
          JSON.stringify({ canvas, nodes, edges, fitNodes, onlyRenderVisibleElements }),
        );
      },
      close: async () => {
        const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
        listening.closeAllConnections();
        await closed;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
