/**
 * Where the designer's time goes, next to the bare React Flow baseline: the same open and pan as the
 * designer suite, under Chrome's sampling profiler, with both pages built unminified so that the
 * functions keep their names. Not part of `pnpm bench`; run it by hand when a designer target is missed:
 *
 *   npx tsx bench/designer/profile.ts [output folder]
 *
 * It writes ours-open, ours-pan, base-open and base-pan .cpuprofile files (open them in Chrome
 * DevTools' Performance panel) and prints, per profile, the self time per script file and the
 * inclusive time of the functions that tell the designer's costs apart (components, validation, zod,
 * i18n, store selectors).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../../e2e/support/browser.js';
import { apiClient, logIn } from '../../e2e/support/journey.js';
import { repoRoot, startRuntime } from '../../e2e/support/runtime.js';
import { initialViewNodes } from '../../apps/designer/src/editor/canvas/initialView.js';
import type { ScenarioDocument } from '../../packages/scenario-schema/src/index.js';
import { generatedScenario } from '../lib/scenarios.js';
import { startBaselineSite } from './baseline.js';
import { canvasSize, openAndWait, OPEN_PROBE, panAndRecord, type Page } from './measure.js';

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

const INTERESTING =
  /^[A-Z]|validate|normalize|createEditorStore|build(Nodes|Edges)|summarize|nodeExits|safeParse|JsonSchema|useTranslation|useLocalize|checkIfSnapshotChanged|memoizedSelector|setState|renderRootSync|commitRoot|updateNodeInternals|computePosition|\(program\)|\(garbage collector\)|\(idle\)/;

function summary(name: string, profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfByFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((sample, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const leaf = byId.get(sample)!.callFrame;
    const file = leaf.url.split('/').pop() || '(native)';
    selfByFile.set(file, (selfByFile.get(file) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame.functionName || '(anonymous)';
      if (seen.has(frame) || !INTERESTING.test(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  return `== ${name}: ${total.toFixed(0)} ms sampled\n-- self time by script\n${top(selfByFile, 6)}\n-- inclusive time\n${top(inclusive, 30)}\n`;
}

async function profileSide(name: string, page: Page, sameOriginUrl: string, url: string, out: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  // Start from a page of the same origin so that the navigation keeps the renderer being profiled.
  await page.goto(sameOriginUrl);
  await page.waitForTimeout(500);
  await cdp.send('Profiler.start');
  const opened = await openAndWait(page, url);
  const open = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
  await page.waitForTimeout(1_000);
  await cdp.send('Profiler.start');
  const pan = await panAndRecord(page);
  const panned = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
  await cdp.detach();
  writeFileSync(join(out, `${name}-open.cpuprofile`), JSON.stringify(open));
  writeFileSync(join(out, `${name}-pan.cpuprofile`), JSON.stringify(panned));
  return (
    `# ${name}: open ${Math.round(opened.openAt)} ms (${opened.nodes} nodes); pan ${pan.frames.length} frames in ${pan.durationMs} ms, ` +
    `main thread ${Math.round(pan.taskMs)} ms (script ${Math.round(pan.scriptMs)}, style ${Math.round(pan.styleMs)}, layout ${Math.round(pan.layoutMs)})\n` +
    summary(`${name} open`, open) +
    summary(`${name} pan`, panned)
  );
}

const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'ivr-designer-profile-'));
mkdirSync(out, { recursive: true });
const dist = mkdtempSync(join(tmpdir(), 'ivr-designer-unminified-'));
const built = spawnSync(
  'pnpm',
  ['--filter', '@ivr/designer', 'exec', 'vite', 'build', '--minify', 'false', '--outDir', dist, '--emptyOutDir'],
  { cwd: repoRoot, stdio: ['ignore', process.stderr, process.stderr] },
);
if (built.status !== 0) throw new Error('the unminified designer build failed');

const runtime = await startRuntime({ DESIGNER_DIST: dist });
const browser = await launchBrowser();
const site = await startBaselineSite(repoRoot, { minify: false });
try {
  const viewport = { viewport: { width: 1280, height: 800 }, locale: 'en-US' };
  const oursContext = await browser.newContext(viewport);
  await oursContext.addInitScript(OPEN_PROBE);
  const ours = await oursContext.newPage();
  await logIn(ours, runtime.url);
  const doc = generatedScenario(1_000);
  await (await apiClient(runtime.url)).post('/scenarios', { document: doc });
  const editorUrl = `${runtime.url}/scenarios/${doc.id}`;
  await openAndWait(ours, editorUrl);
  site.setFlow(doc, await canvasSize(ours), initialViewNodes(doc as ScenarioDocument, 200) ?? []);
  const baseContext = await browser.newContext(viewport);
  await baseContext.addInitScript(OPEN_PROBE);
  const base = await baseContext.newPage();
  await openAndWait(base, site.url);
  let report = await profileSide('ours', ours, `${runtime.url}/scenarios`, editorUrl, out);
  report += '\n' + (await profileSide('base', base, `${site.url}flow.json`, site.url, out));
  writeFileSync(join(out, 'summary.txt'), report);
  console.log(report);
  console.log(`profiles in ${out}`);
} finally {
  await browser.close();
  await site.close();
  await runtime.stop();
  rmSync(dist, { recursive: true, force: true });
}
