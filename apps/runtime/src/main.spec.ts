import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

describe('main', () => {
  it('stops start-up on a bad setting with a message that names it, and exit code 1', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ivr-main-'));
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', main], {
        // tsx reads the decorator settings from the nearest tsconfig.json: the app's own.
        cwd: dirname(dirname(main)),
        env: { ...process.env, DATA_DIR: dataDir, PORT: 'eighty', LOG_LEVEL: 'sneaky' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Invalid configuration');
      expect(result.stderr).toMatch(/PORT: must be a whole number/);
      expect(result.stderr).toMatch(/LOG_LEVEL/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
