import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('serving the built designer', () => {
  let t: TestApp;
  const dist = mkdtempSync(join(tmpdir(), 'designer-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root">designer</div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")');
    t = await startTestApp('sqlite', { config: { designerDistDir: dist } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and the assets', async () => {
    expect((await t.http().get('/')).text).toContain('designer');
    const asset = await t.http().get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('console.log');
  });

  it('falls back to index.html for client-side routes, not for the API', async () => {
    const deep = await t.http().get('/scenarios/order-status/edit').set('Accept', 'text/html');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('designer');
    const api = await t.http().get('/api/not-a-route').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404 });
    expect((await t.http().get('/health')).body.status).toBe('ok');
  });
});
