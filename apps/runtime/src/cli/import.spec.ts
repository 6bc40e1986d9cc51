import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { catalog } from '@ivr/components';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../testing/test-app.js';
import { runCli } from './run-cli.js';

const sample = fileURLToPath(new URL('../../../../samples/employee-callback', import.meta.url));

describe('pnpm ivr import', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { catalog });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await t.close();
  });

  async function cli(...argv: string[]) {
    let out = '';
    const code = await runCli(argv, {
      out: { write: (s: string) => (out += s) },
      err: { write: (s: string) => (out += s) },
    });
    return { code, out };
  }

  it('imports a sample folder into a running runtime, all its scenarios in one bundle', async () => {
    const { code, out } = await cli('import', sample, '--url', url, '--password', ADMIN_PASSWORD);
    expect(out).toMatch(/\d+ scenario\(s\) imported/);
    expect(code).toBe(0);
    const auth = { Authorization: `Bearer ${await t.tokenFor('admin')}` };
    const list = (await t.http().get('/api/scenarios').set(auth)).body as Array<{ id: string }>;
    expect(list.length).toBeGreaterThanOrEqual(2);
  });

  it('says clearly when the login fails or nothing is there', async () => {
    expect((await cli('import', sample, '--url', url, '--password', 'wrong')).out).toContain('login as admin failed');
    const unreachable = await cli('import', sample, '--url', 'http://127.0.0.1:1', '--password', 'x');
    expect(unreachable.code).toBe(1);
    expect(unreachable.out).toContain('cannot reach the runtime');
  });
});
