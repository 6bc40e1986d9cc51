import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every sample folder's scenario test cases, run the way an admin or CI runs them:
// `pnpm -s ivr test samples/<folder>` in a subprocess (nothing here imports the runtime).
const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const folders = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^[a-z0-9][a-z0-9-]*$/.test(entry.name) && entry.name !== 'node_modules')
  .map((entry) => entry.name)
  .sort();

function ivrTest(folder: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['-s', 'ivr', 'test', join('samples', folder)], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('samples', () => {
  it('has sample folders', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  // A few at a time (maxConcurrency in vitest.config.ts): most of a run is waiting on simulated time.
  describe.concurrent.each(folders)('%s', (folder) => {
    it('passes every scenario test case', async () => {
      const { code, output } = await ivrTest(folder);
      const last = output.trim().split('\n').at(-1) ?? '';
      expect(last, output).toMatch(/^[1-9]\d* passed, 0 failed$/);
      expect(code, output).toBe(0);
    });
  });
});
