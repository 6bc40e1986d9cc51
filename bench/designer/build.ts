/**
 * Makes sure the product the designer benchmark opens is built: the runtime (apps/runtime/dist, with
 * the workspace packages it loads) serves the built designer (apps/designer/dist), as `npm start` and
 * the e2e journeys run them. The runtime is built when missing; the designer, which is what is
 * measured, also when it is older than its sources (its own or the two workspace packages it bundles).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of the (non-test) files under `dir` (0 when there is none). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // Tests are not part of a build.
    if (!entry.isFile() || /\.spec\.tsx?$/.test(entry.name)) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** True when `output` is missing or older than any file under `sources`. */
function stale(output: string, ...sources: string[]): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((dir) => newest(dir) > built);
}

function pnpm(root: string, args: string[]): void {
  process.stderr.write(`[designer bench] pnpm ${args.join(' ')}\n`);
  // The suite's stdout is its JSON result: the build's output goes to stderr.
  const result = spawnSync('pnpm', args, { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`pnpm ${args.join(' ')} exited with ${result.status}`);
}

/** Builds what is missing or out of date; returns what was built, for the notes. */
export function ensureBuilt(root: string): string[] {
  const built: string[] = [];
  const packages = ['scenario-schema', 'components', 'esl-emulator'].map((name) => join(root, 'packages', name));
  // The runtime only serves the page and the API here: built when missing, as the e2e journeys want it.
  const serverMissing = [
    join(root, 'apps', 'runtime', 'dist', 'main.js'),
    ...packages.map((dir) => join(dir, 'dist', 'index.js')),
  ].some((file) => !existsSync(file));
  if (serverMissing) {
    pnpm(root, ['build']);
    built.push('pnpm build');
  } else if (
    stale(
      join(root, 'apps', 'designer', 'dist', 'index.html'),
      join(root, 'apps', 'designer', 'src'),
      join(root, 'packages', 'scenario-schema', 'src'),
      join(root, 'packages', 'components', 'src'),
    )
  ) {
    pnpm(root, ['--filter', '@ivr/designer', 'build']);
    built.push('pnpm --filter @ivr/designer build');
  }
  return built;
}
