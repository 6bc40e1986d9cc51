#!/usr/bin/env node
// Makes a fresh machine with only Node 20 and npm ready, then runs what was asked:
//   node scripts/bootstrap.mjs start   install pnpm and the dependencies, build, start the product
//   node scripts/bootstrap.mjs test    the same set-up plus Chromium for the browser journeys, then the whole suite
// `npm start` and `npm test` call it, so the two quick-start commands need nothing installed first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function ensurePnpm() {
  const version = pnpmVersion();
  if (version === PNPM_VERSION) return;
  log(
    version ? `pnpm ${version} found; installing pnpm ${PNPM_VERSION}` : `installing pnpm ${PNPM_VERSION} (npm i -g)`,
  );
  // corepack's own download is refused on some networks; the npm registry is not.
  if (run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`, '--loglevel=error']) !== 0 || pnpmVersion() === null) {
    throw new Error(
      `could not install pnpm ${PNPM_VERSION} with npm; install it yourself (npm i -g pnpm@${PNPM_VERSION})`,
    );
  }
}

function ensureDependencies() {
  const marker = join(root, 'node_modules', '.ivr-installed');
  const lock = join(root, 'pnpm-lock.yaml');
  const lockStamp = String(statSync(lock).mtimeMs) + ':' + readFileSync(lock, 'utf8').length;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === lockStamp) return;
  log('installing dependencies (pnpm install --frozen-lockfile; better-sqlite3 builds from source, about a minute)');
  if (run('pnpm', ['install', '--frozen-lockfile']) !== 0) throw new Error('pnpm install failed');
  writeFileSync(marker, lockStamp);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    log(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) for the browser journeys`);
    return;
  }
  log("installing Debian's chromium for the browser journeys (apt-get)");
  run('apt-get', ['update', '-qq']);
  if (
    run('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }) !== 0
  ) {
    log('apt-get install chromium failed: the browser journeys will fail');
  }
}

const [task = 'setup'] = process.argv.slice(2);
try {
  ensurePnpm();
  ensureDependencies();
  // The browser journeys and the designer benchmark drive Debian's chromium.
  if (task === 'test' || task === 'e2e' || task === 'bench') ensureChromium();
  if (task === 'start') {
    if (run('pnpm', ['run', 'build']) !== 0) process.exit(1);
    process.exit(run('pnpm', ['--filter', '@ivr/runtime', 'run', 'serve']));
  }
  if (task === 'test') process.exit(run('node', ['scripts/test.mjs', ...process.argv.slice(3)]));
  if (task === 'e2e') process.exit(run('pnpm', ['exec', 'vitest', 'run', '--project', 'e2e']));
  if (task === 'bench') process.exit(run('node', ['bench/run.mjs', ...process.argv.slice(3)]));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
