/**
 * Designer in headless Chromium: the time to open a 1,000-node scenario in the editor and the frame
 * times while panning it, against bare React Flow drawing the same nodes (bench/designer/baseline-page.tsx)
 * on a canvas of the same size, measured the same way in the same browser, turn about.
 *
 * The product runs as the e2e journeys run it (e2e/support: the built runtime on a fresh SQLite data
 * folder, serving the built designer; Debian's Chromium through playwright-core). Those modules find
 * the repository from their own location, so they are loaded from their sources with tsx's tsImport
 * rather than bundled into this file.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type * as JourneyModule from '../../e2e/support/journey.js';
import { initialViewNodes } from '../../apps/designer/src/editor/canvas/initialView.js';
import type { ScenarioDocument } from '../../packages/scenario-schema/src/index.js';
import { startBaselineSite, type BaselineSite } from '../designer/baseline.js';
import { ensureBuilt } from '../designer/build.js';
import {
  canvasSize,
  openAndWait,
  OPEN_PROBE,
  MOVES_PER_STROKE,
  panAndRecord,
  STROKES,
  type BrowserContext,
  type Opened,
  type Page,
  type PanResult,
} from '../designer/measure.js';
import { generatedScenario } from '../lib/scenarios.js';
import { emit, median, percentile, repoRoot, round, row, type Row } from '../lib/report.js';

const NODES = 1_000;
/** Measured runs per side, after one warm-up each (which fills the HTTP cache and sizes the baseline's canvas). */
const RUNS = Number(process.env.BENCH_DESIGNER_RUNS ?? 5);
const TARGET_RATIO = 1.3;
/** Quiet time between "open" and the pan, so that work started by the opening is not counted as panning. */
const SETTLE_MS = 1_000;
const VIEWPORT = { width: 1280, height: 800 };
/** The designer's threshold past which React Flow renders only visible elements (ScenarioCanvas.tsx). */
const VISIBLE_ONLY_THRESHOLD = 200;
/** A frame longer than 1.5 frames of a 60 Hz display has missed its vsync. */
const LONG_FRAME_MS = 25;

const root = repoRoot();
const started = Date.now();
const loadStart = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  emit({
    suite: 'designer',
    rows: [],
    notes: [],
    skipped: `no browser at ${chromium}: install Debian's chromium (apt-get install chromium), as \`node scripts/bootstrap.mjs test\` does`,
  });
  process.exit(0);
}
const built = ensureBuilt(root);
const journey = (await tsImport(
  pathToFileURL(join(root, 'e2e', 'support', 'journey.ts')).href,
  import.meta.url,
)) as typeof JourneyModule;

interface Run {
  open: Opened;
  pan: PanResult;
}

/** One run in a page of its own tab: from a blank page, open `url`, settle, pan. */
async function measure(page: Page, url: string): Promise<Run> {
  await page.goto('about:blank');
  const open = await openAndWait(page, url);
  await page.waitForTimeout(SETTLE_MS);
  const pan = await panAndRecord(page);
  process.stderr.write(
    `[designer bench] ${url}: open ${Math.round(open.openAt)} ms, ${open.nodes} nodes; pan ${pan.durationMs} ms, ${pan.frames.length} frames\n`,
  );
  return { open, pan };
}

const doc = generatedScenario(NODES);
const fitNodes = initialViewNodes(doc as ScenarioDocument, VISIBLE_ONLY_THRESHOLD) ?? [];

let j: JourneyModule.Journey | undefined;
let site: BaselineSite | undefined;
let baselineContext: BrowserContext | undefined;
const cleanUp = async () => {
  await baselineContext?.close().catch(() => undefined);
  await site?.close().catch(() => undefined);
  await j?.close().catch(() => undefined);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(1)));
}

const ours: Run[] = [];
const base: Run[] = [];
let canvas = { width: 0, height: 0 };
try {
  j = await journey.startJourney('bench-designer');
  // The designer keeps its session in sessionStorage, which belongs to the tab: every run of ours
  // navigates the tab that logged in.
  const oursPage = j.page;
  await oursPage.context().addInitScript(OPEN_PROBE);
  await journey.logIn(oursPage, j.runtime.url);
  const api = await journey.apiClient(j.runtime.url);
  await api.post('/scenarios', { document: doc });
  const editorUrl = `${j.runtime.url}/scenarios/${doc.id}`;

  site = await startBaselineSite(root);
  baselineContext = await j.browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  baselineContext.setDefaultTimeout(journey.WAIT);
  await baselineContext.addInitScript(OPEN_PROBE);
  const basePage = await baselineContext.newPage();

  // Warm-up, one full run each (not counted); the designer's canvas size (what its panels leave) is
  // the baseline page's canvas size.
  await measure(oursPage, editorUrl);
  canvas = await canvasSize(oursPage);
  site.setFlow(doc, canvas, fitNodes);
  await measure(basePage, site.url);

  for (let i = 0; i < RUNS; i++) {
    // ABBA order, so that neither side always runs right after the other.
    if (i % 2 === 0) {
      ours.push(await measure(oursPage, editorUrl));
      base.push(await measure(basePage, site.url));
    } else {
      base.push(await measure(basePage, site.url));
      ours.push(await measure(oursPage, editorUrl));
    }
  }
} finally {
  await cleanUp();
}

// ---- report ----

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
/** The median over runs of a per-run figure. */
const per = (runs: Run[], f: (run: Run) => number) => median(runs.map(f));
/** Frame-time percentiles over the frames of all runs of a side together (a run has only some 30-60 frames). */
const pooled = (runs: Run[], p: number) => percentile(sorted(runs.flatMap((r) => r.pan.frames)), p);
const longShare = (run: Run) =>
  (100 * run.pan.frames.filter((d) => d > LONG_FRAME_MS).length) / Math.max(1, run.pan.frames.length);
const fps = (run: Run) => (1000 * run.pan.frames.length) / run.pan.frames.reduce((a, b) => a + b, 0);

const BASELINE = 'bare React Flow, same nodes and canvas size';
const group = 'Designer (headless Chromium)';
const rows: Row[] = [];
const within = (o: number, b: number) => (o / b <= TARGET_RATIO ? 'pass' : 'miss');

const openOurs = per(ours, (r) => r.open.openAt);
const openBase = per(base, (r) => r.open.openAt);
rows.push(
  row({
    group,
    metric: `open ${NODES.toLocaleString('en')}-node scenario`,
    unit: 'ms',
    ours: round(openOurs, 0),
    baselineName: BASELINE,
    baseline: round(openBase, 0),
    target: `<= ${TARGET_RATIO}x baseline`,
    status: within(openOurs, openBase),
    note: 'navigation start to the first frame of the settled canvas (nodes mounted and measured, first fit applied, nothing changing for 500 ms)',
  }),
);
const p95Ours = pooled(ours, 95);
const p95Base = pooled(base, 95);
rows.push(
  row({
    group,
    metric: 'panning frame time p95',
    unit: 'ms',
    ours: round(p95Ours, 1),
    baselineName: BASELINE,
    baseline: round(p95Base, 1),
    target: `<= ${TARGET_RATIO}x baseline`,
    status: within(p95Ours, p95Base),
    note: 'the target is judged on p95 (frames of all runs pooled): the median frame is mostly what both pages share (software raster of the same nodes and edges, quantised to vsyncs), the tail is where a page’s own extra work shows as the stutter a user sees; the frame rate row gives the mean',
  }),
);
for (const p of [50, 99]) {
  rows.push(
    row({
      group,
      metric: `panning frame time p${p}`,
      unit: 'ms',
      ours: round(pooled(ours, p), 1),
      baselineName: BASELINE,
      baseline: round(pooled(base, p), 1),
    }),
  );
}
rows.push(
  row({
    group,
    metric: 'panning frame rate',
    unit: 'frames/s',
    ours: round(per(ours, fps), 1),
    baselineName: BASELINE,
    baseline: round(per(base, fps), 1),
  }),
  row({
    group,
    metric: `panning frames over ${LONG_FRAME_MS} ms (missed vsync)`,
    unit: '%',
    ours: round(per(ours, longShare), 1),
    baselineName: BASELINE,
    baseline: round(per(base, longShare), 1),
  }),
);
const mainThread: [string, keyof PanResult][] = [
  ['main-thread busy while panning', 'taskMs'],
  ['script while panning', 'scriptMs'],
  ['style recalculation while panning', 'styleMs'],
  ['layout while panning', 'layoutMs'],
];
for (const [metric, key] of mainThread) {
  rows.push(
    row({
      group,
      metric,
      unit: 'ms',
      ours: round(
        per(ours, (r) => r.pan[key] as number),
        0,
      ),
      baselineName: BASELINE,
      baseline: round(
        per(base, (r) => r.pan[key] as number),
        0,
      ),
      note: key === 'taskMs' ? 'Chrome Performance.getMetrics TaskDuration over the whole pan gesture' : undefined,
    }),
  );
}
rows.push(
  row({
    group,
    metric: 'nodes mounted when opened',
    unit: 'nodes',
    ours: per(ours, (r) => r.open.nodes),
    baselineName: BASELINE,
    baseline: per(base, (r) => r.open.nodes),
    note: 'React Flow renders only visible elements past 200 nodes; both canvases open on the same fit',
  }),
  row({
    group,
    metric: 'edges mounted when opened',
    unit: 'edges',
    ours: per(ours, (r) => r.open.edges),
    baselineName: BASELINE,
    baseline: per(base, (r) => r.open.edges),
  }),
  row({
    group,
    metric: 'mean node size when opened (width x height)',
    unit: 'px',
    ours: round(
      per(ours, (r) => r.open.nodeWidth),
      0,
    ),
    baselineName: BASELINE,
    baseline: round(
      per(base, (r) => r.open.nodeWidth),
      0,
    ),
    note: `heights: ours ${round(
      per(ours, (r) => r.open.nodeHeight),
      0,
    )} px, baseline ${round(
      per(base, (r) => r.open.nodeHeight),
      0,
    )} px (CSS px at zoom 1)`,
  }),
  row({
    group,
    metric: 'DOM elements per node',
    unit: 'elements',
    ours: round(
      per(ours, (r) => r.open.nodeElements),
      1,
    ),
    baselineName: BASELINE,
    baseline: round(
      per(base, (r) => r.open.nodeElements),
      1,
    ),
    note: 'mean over the nodes mounted when opened, React Flow’s node wrapper and handles included',
  }),
  row({
    group,
    metric: `pan gesture duration (${STROKES.length * MOVES_PER_STROKE} pointer moves)`,
    unit: 'ms',
    ours: per(ours, (r) => r.pan.durationMs),
    baselineName: BASELINE,
    baseline: per(base, (r) => r.pan.durationMs),
    note: 'paced at 60 Hz; longer when the page acknowledges input late',
  }),
  row({
    group,
    metric: 'nodes mounted after panning',
    unit: 'nodes',
    ours: per(ours, (r) => r.pan.nodesAtEnd),
    baselineName: BASELINE,
    baseline: per(base, (r) => r.pan.nodesAtEnd),
  }),
);

const zoomOf = (transform: string) => Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? NaN);
emit({
  suite: 'designer',
  rows,
  notes: [
    `Headless Chromium (/usr/bin/chromium --no-sandbox --disable-gpu --disable-background-networking, through playwright-core as the e2e journeys launch it): software rendering and compositing on a 2-core machine, so absolute frame times are those of a slow machine; both sides run in the same browser, one page at a time, ${RUNS} runs each after a warm-up, alternating (ABBA); medians of the per-run figures (frame-time percentiles: over the pooled frames, see Panning). bench/designer/profile.ts (npx tsx) profiles both pages, unminified, with Chrome's sampling profiler.`,
    `Ours: the built designer served by the built runtime (fresh SQLite data folder, admin session), the editor page /scenarios/${doc.id} of a ${NODES.toLocaleString('en')}-node generated scenario (bench/lib/scenarios.ts, its layout: 20 nodes a row, 260 x 160 px apart) created through the API; the whole app is in the page (toolbar, palette, canvas, problems tabs, inspector). Browser viewport ${VIEWPORT.width}x${VIEWPORT.height}; the canvas React Flow gets is ${canvas.width}x${canvas.height}.`,
    `Baseline: bench/designer/baseline-page.tsx, bare React Flow (controlled, useNodesState/useEdgesState) with the designer's canvas settings (smoothstep edges, onlyRenderVisibleElements, the same first fit on the start and the 29 nodes after it, maxZoom 1, Background, MiniMap, Controls) on a ${canvas.width}x${canvas.height} canvas, the same nodes, positions and edges; each node a minimal memoised card of about the designer's card's DOM and size (title row, id line, summary line, one labelled handle per exit of the component; no SVG icons, see the DOM elements row), no store, i18n or catalog. Built with esbuild (production React, minified) and served by node:http; it fetches its flow as JSON as the designer fetches the scenario.`,
    `Open: performance.now() of the first animation frame (so from navigation start, page scripts and data fetch included) from which the canvas shows its nodes, none still hidden for want of a size, with the node count and viewport unchanged for 500 ms. Warm HTTP cache on both sides (assets cached as the runtime serves them). On both sides React Flow first mounts all 1,000 nodes (a node is rendered until its handles have been measured, even with onlyRenderVisibleElements), then keeps the visible ones after the fit, so the cost of one node component counts 1,000 times here. First-fit zoom: ours ${zoomOf(ours[0]?.open.transform ?? '')}, baseline ${zoomOf(base[0]?.open.transform ?? '')}.`,
    `Panning: after ${SETTLE_MS} ms of quiet, ${STROKES.length} mouse drags of the empty pane (${STROKES.join(', ')}; each ${MOVES_PER_STROKE} pointer moves sent at 60 Hz without waiting for the page, over 80% of the canvas height), so rows come into view and React Flow mounts and unmounts nodes; frame times are requestAnimationFrame intervals recorded in the page, percentiles taken over the frames of all runs of a side together; main-thread times are Chrome's Performance.getMetrics deltas over the gesture.`,
    ...(built.length > 0 ? [`Built before measuring: ${built.join('; ')}.`] : []),
    `Suite wall time ${Math.round((Date.now() - started) / 1000)} s; load average ${loadStart} at the start, ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end (the machine may be shared: the ABBA order spreads the noise over both sides).`,
  ],
});
