/**
 * What the designer benchmark measures in a page, the same way for the designer and for the bare
 * React Flow page: the time until the canvas has opened, and the frame times while the user pans.
 *
 * The in-page code is kept as plain JavaScript strings (bench/ is type-checked without the DOM lib).
 */
import type * as JourneyModule from '../../e2e/support/journey.js';

export type Page = JourneyModule.Journey['page'];
export type BrowserContext = ReturnType<Page['context']>;
type CdpSession = Awaited<ReturnType<BrowserContext['newCDPSession']>>;

/**
 * Added to every page before its scripts run: from the first frame on, one record per animation
 * frame of the React Flow nodes in the DOM (and how many are still hidden, i.e. not yet measured:
 * React Flow shows a node only once it has its size) and of the viewport transform.
 */
export const OPEN_PROBE = `(() => {
  const frames = [];
  window.__benchOpen = frames;
  const tick = (t) => {
    const viewport = document.querySelector('.react-flow__viewport');
    let count = 0, hidden = 0, edges = 0;
    if (viewport) {
      const nodes = document.querySelectorAll('.react-flow__node');
      count = nodes.length;
      for (const node of nodes) if (node.style.visibility === 'hidden') hidden++;
      edges = document.querySelectorAll('.react-flow__edge').length;
    }
    frames.push({ t, count, hidden, edges, transform: viewport ? viewport.style.transform : '' });
    if (frames.length < 4000 && !window.__benchOpenDone) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** How long the canvas must stay unchanged for it to count as open. */
const STABLE_MS = 500;

/**
 * "Open": the first animation frame (performance.now(), i.e. since navigation start) from which the
 * canvas shows nodes, none of them hidden, and neither the node count nor the viewport changes for
 * STABLE_MS: the nodes are mounted and measured and the first fit has been applied.
 */
const OPEN_CHECK = `(() => {
  const f = window.__benchOpen || [];
  for (let i = 0; i < f.length; i++) {
    const a = f[i];
    if (a.count === 0 || a.hidden > 0 || !a.transform) continue;
    let j = i;
    while (j + 1 < f.length && f[j + 1].count === a.count && f[j + 1].hidden === 0 && f[j + 1].transform === a.transform) j++;
    if (f[j].t - a.t >= ${STABLE_MS}) {
      window.__benchOpenDone = true;
      const shown = [...document.querySelectorAll('.react-flow__node')];
      const mean = (f) => shown.reduce((sum, n) => sum + f(n), 0) / Math.max(1, shown.length);
      return {
        openAt: a.t, nodes: a.count, edges: a.edges, transform: a.transform,
        nodeWidth: mean((n) => n.offsetWidth), nodeHeight: mean((n) => n.offsetHeight),
        nodeElements: mean((n) => n.getElementsByTagName('*').length + 1),
      };
    }
    i = j;
  }
  return null;
})()`;

export interface Opened {
  /** ms from navigation start to the first frame of the settled canvas. */
  openAt: number;
  nodes: number;
  edges: number;
  transform: string;
  /** Mean size of the mounted nodes, CSS px at zoom 1. */
  nodeWidth: number;
  nodeHeight: number;
  /** Mean number of DOM elements per mounted node (its wrapper included). */
  nodeElements: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Navigates and waits for the canvas to open (see OPEN_CHECK). */
export async function openAndWait(page: Page, url: string, timeoutMs = 60_000): Promise<Opened> {
  await page.goto(url);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const opened = (await page.evaluate(OPEN_CHECK)) as Opened | null;
    if (opened) return opened;
    if (Date.now() > deadline) {
      const last = await page.evaluate(`JSON.stringify((window.__benchOpen || []).slice(-3))`);
      if (process.env.BENCH_DESIGNER_SHOT) await page.screenshot({ path: process.env.BENCH_DESIGNER_SHOT });
      throw new Error(`the canvas at ${url} did not settle within ${timeoutMs} ms; last frames: ${String(last)}`);
    }
    await sleep(200);
  }
}

/** The canvas's size in CSS pixels (the designer's is what is left beside its panels). */
export async function canvasSize(page: Page): Promise<{ width: number; height: number }> {
  return (await page.evaluate(`(() => {
    const r = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    return { width: Math.round(r.width), height: Math.round(r.height) };
  })()`)) as { width: number; height: number };
}

/**
 * A point on the empty pane (not on a node, an edge, the minimap or the controls), as near as possible
 * to the canvas's bottom (`from: 'bottom'`) or top edge, around the middle: where a drag starts.
 */
async function panePoint(
  page: Page,
  from: 'bottom' | 'top',
): Promise<{ x: number; y: number; top: number; bottom: number }> {
  const point = (await page.evaluate(`(() => {
    const r = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const margin = 40;
    for (let d = 0; d < r.height / 2 - margin; d += 3) {
      const y = ${from === 'bottom' ? 'r.bottom - margin - d' : 'r.top + margin + d'};
      for (let dx = 0; dx < r.width * 0.25; dx += 3) {
        for (const side of [-1, 1]) {
          const x = r.left + r.width / 2 + side * dx;
          const el = document.elementFromPoint(x, y);
          if (el && el.classList.contains('react-flow__pane')) return { x, y, top: r.top, bottom: r.bottom };
        }
      }
    }
    return null;
  })()`)) as { x: number; y: number; top: number; bottom: number } | null;
  if (!point) throw new Error('no empty spot on the canvas to start a drag from');
  return point;
}

const FRAME_RECORDER_START = `(() => {
  const deltas = [];
  window.__benchFrames = deltas;
  window.__benchFramesOn = true;
  let last;
  const tick = (t) => {
    if (last !== undefined) deltas.push(t - last);
    last = t;
    if (window.__benchFramesOn) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const FRAME_RECORDER_STOP = `(() => { window.__benchFramesOn = false; return window.__benchFrames; })()`;

/** Strokes of the pan gesture: up twice (new rows come into view), then down twice (back to the start). */
export const STROKES: readonly ('up' | 'down')[] = ['up', 'up', 'down', 'down'];
/** Pointer moves per stroke, one per 60 Hz frame for a second and a half, as a hand drags. */
export const MOVES_PER_STROKE = 90;
const MOVE_INTERVAL_MS = 1000 / 60;

export interface PanResult {
  /** Animation-frame intervals while panning, ms. */
  frames: number[];
  /** Main-thread time during the pan (Chrome's Performance.getMetrics deltas), ms. */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  /** How many nodes were mounted when the pan ended. */
  nodesAtEnd: number;
  /** From the first pointer press until the page had handled the last release, ms. */
  durationMs: number;
}

async function metrics(cdp: CdpSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * Drags the empty pane with the mouse: four strokes, each MOVES_PER_STROKE pointer moves sent at 60 Hz
 * over 80% of the canvas's height (and a little sideways), while the page records requestAnimationFrame
 * intervals. The moves go out on the clock, as a hand moves, without waiting for the page to have
 * handled the previous one (Chrome coalesces the moves a busy page has not taken yet), so the gesture
 * lasts about as long on both sides and a slow page shows as long frames, not as a slower hand.
 */
export async function panAndRecord(page: Page): Promise<PanResult> {
  const cdp = await page.context().newCDPSession(page);
  const mouse = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', x: number, y: number) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  try {
    await cdp.send('Performance.enable');
    const before = await metrics(cdp);
    await page.evaluate(FRAME_RECORDER_START);
    const started = Date.now();
    for (const direction of STROKES) {
      const start = await panePoint(page, direction === 'up' ? 'bottom' : 'top');
      const room = direction === 'up' ? start.y - start.top : start.bottom - start.y;
      const travel = (direction === 'up' ? -1 : 1) * Math.min((start.bottom - start.top) * 0.8, room - 10);
      await mouse('mouseMoved', start.x, start.y);
      await mouse('mousePressed', start.x, start.y);
      const sent: Promise<unknown>[] = [];
      const t0 = Date.now();
      for (let i = 1; i <= MOVES_PER_STROKE; i++) {
        const k = i / MOVES_PER_STROKE;
        sent.push(mouse('mouseMoved', start.x + Math.sin(k * Math.PI) * 40, start.y + travel * k));
        const wait = t0 + i * MOVE_INTERVAL_MS - Date.now();
        if (wait > 0) await sleep(wait);
      }
      await mouse('mouseReleased', start.x, start.y + travel);
      await Promise.all(sent);
    }
    const frames = (await page.evaluate(FRAME_RECORDER_STOP)) as number[];
    const durationMs = Date.now() - started;
    const after = await metrics(cdp);
    const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
    const nodesAtEnd = (await page.evaluate(`document.querySelectorAll('.react-flow__node').length`)) as number;
    return {
      frames,
      taskMs: delta('TaskDuration'),
      scriptMs: delta('ScriptDuration'),
      layoutMs: delta('LayoutDuration'),
      styleMs: delta('RecalcStyleDuration'),
      nodesAtEnd,
      durationMs,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
