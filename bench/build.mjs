/**
 * Compiles a benchmark entry (TypeScript) into one ES module under node_modules/.cache/ivr-bench,
 * the way production runs our code: plain JavaScript, no loader. Our sources (relative imports and
 * the @ivr/* workspace packages, from their `source` export) are bundled; every other package stays
 * a real node_modules import, resolved to its absolute path so it loads exactly as it would in the
 * runtime. (tsx would add a loader thread to process.cpuUsage and a keepNames wrapper on every
 * closure, which is not what production pays.)
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'node_modules', '.cache', 'ivr-bench');

const externalPackages = {
  name: 'external-packages',
  setup(b) {
    // Workspace packages resolve as the runtime sees them (bench/ itself depends on none of them).
    b.onResolve({ filter: /^@ivr\// }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const resolved = await b.resolve(args.path, {
        resolveDir: join(root, 'apps', 'runtime'),
        kind: args.kind,
        pluginData: 'inner',
      });
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
    });
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      if (args.path.startsWith('node:') || args.path.startsWith('@ivr/')) return undefined;
      const resolved = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'inner',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      // A Node builtin imported without `node:` resolves to itself.
      if (!resolved.path.startsWith('/')) return { path: args.path, external: true };
      return { path: resolved.path, external: true };
    });
  },
};

/** Builds `entry` (a path relative to bench/) and returns the output file. */
export async function buildEntry(entry) {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(root, 'bench', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [externalPackages],
    // Bundled CommonJS-style code may call require(); give it Node's.
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
    },
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const entry of process.argv.slice(2)) console.log(await buildEntry(entry));
}
