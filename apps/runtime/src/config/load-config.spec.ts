import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-config-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the embedded defaults: SQLite in DATA_DIR, port 3000 on loopback, admin/admin flagged', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: dir, logLevel: 'info' });
    expect(config.database).toEqual({ type: 'sqlite', path: join(dir, 'ivr.sqlite') });
    expect(config.admin).toEqual({ username: 'admin', password: 'admin', isDefaultPassword: true });
    expect(config.secretKey).toHaveLength(32);
  });

  it('generates the secret key and JWT secret once, with mode 0600, and reuses them', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(second.secretKey.equals(first.secretKey)).toBe(true);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'jwt.secret')).mode & 0o777).toBe(0o600);
  });

  it('selects PostgreSQL and SQL Server by DATABASE_URL, and then requires shared secrets', () => {
    const base = { DATA_DIR: dataDir(), SECRET_KEY: 'ab'.repeat(32), JWT_SECRET: 'x'.repeat(40) };
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://u@db/ivr' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@db/ivr',
    });
    expect(loadConfig({ ...base, DATABASE_URL: 'mssql://sa:pw@db/ivr' }).database.type).toBe('mssql');
    expect(() => loadConfig({ DATA_DIR: base.DATA_DIR, DATABASE_URL: 'postgres://u@db/ivr' })).toThrow(
      /SECRET_KEY: required when DATABASE_URL is set/,
    );
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: must be a whole number/],
    [{ PORT: '70000' }, /PORT: must be at most 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be a postgres/],
    [{ SECRET_KEY: 'too-short' }, /SECRET_KEY: must be 32 bytes/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BODY_LIMIT: 'lots' }, /BODY_LIMIT: must be a size/],
    [{ ADMIN_USERNAME: "admin'--" }, /ADMIN_USERNAME/],
  ])('stops on a bad value and names it: %o', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });

  it('never echoes a secret value in its message', () => {
    const secret = 'not-a-valid-key-but-secret';
    try {
      loadConfig({ DATA_DIR: dataDir(), SECRET_KEY: secret });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('reads sizes with units', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), BODY_LIMIT: '512kb', PROMPT_MAX_BYTES: '5mb' })).toMatchObject({
      bodyLimitBytes: 512 * 1024,
      promptMaxBytes: 5 * 1024 * 1024,
    });
  });
});
