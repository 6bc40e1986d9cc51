import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { roleAllows } from './access.decorators.js';
import { RouteTable, type RouteEntry } from './route-table.js';
import { ROLES } from './user.entity.js';

/** The routes reachable without a session. Adding one means adding it here, on purpose. */
const EXPECTED_PUBLIC = [
  'GET /health',
  'GET /metrics',
  'POST /api/auth/login',
  // Guarded by an HMAC signature in the URL instead of a session (FreeSWITCH fetches it).
  'GET /media/prompts/:language/:file',
  // Authenticated by the webhook's own token or HMAC signature of the raw body.
  'POST /api/hooks/:id',
];

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('authorization, generated from the route table', () => {
  let t: TestApp;
  let routes: RouteEntry[];

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    routes = t.app.get(RouteTable).entries();
  });
  afterAll(async () => {
    await t?.close();
  });

  const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, 'x');
  const call = (route: RouteEntry) => {
    const agent = t.http();
    const url = concrete(route.path);
    switch (route.method) {
      case 'GET':
        return agent.get(url);
      case 'POST':
        return agent.post(url);
      case 'PUT':
        return agent.put(url);
      case 'PATCH':
        return agent.patch(url);
      case 'DELETE':
        return agent.delete(url);
      default:
        throw new Error(`no test for method ${route.method}`);
    }
  };

  it('finds the controllers routes, and every route Express serves is one of them (besides /api/docs)', () => {
    expect(routes.length).toBeGreaterThan(40);
    const declared = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } }).router;
    const served = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`))
      .filter((route) => !route.includes('/api/docs'));
    expect(served.length).toBeGreaterThanOrEqual(routes.length);
    expect(served.filter((route) => !declared.has(route))).toEqual([]);
  });

  it('has exactly the expected public routes', () => {
    const publicRoutes = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual([...EXPECTED_PUBLIC].sort());
  });

  it('refuses every non-public route without a token (401)', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const response = await call(route);
      if (response.status !== 401) failures.push(`${route.method} ${route.path} -> ${response.status}`);
      else expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
    expect(failures).toEqual([]);
  });

  it('refuses a forged or expired-looking token (401)', async () => {
    const response = await t.http().get('/api/scenarios').set('Authorization', 'Bearer not.a.jwt');
    expect(response.status).toBe(401);
  });

  it('refuses every role below the route minimum (403)', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const role of ROLES) {
      const token = await t.tokenFor(role);
      for (const route of routes.filter((r) => r.access !== 'public' && !roleAllows(role, r.access as never))) {
        checked++;
        const response = await call(route).set('Authorization', `Bearer ${token}`);
        if (response.status !== 403) failures.push(`${role}: ${route.method} ${route.path} -> ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('lets each role through to the routes it has (not 401/403)', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const token = await t.tokenFor(role);
      for (const route of routes.filter(
        (r) => r.access !== 'public' && roleAllows(role, r.access as never) && r.method === 'GET',
      )) {
        const response = await call(route).set('Authorization', `Bearer ${token}`);
        if (response.status === 401 || response.status === 403)
          failures.push(`${role}: ${route.method} ${route.path} -> ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps writes for admins, except campaigns (schedulers) and validation (read-only)', () => {
    const writesBelowAdmin = routes.filter(
      (r) =>
        r.method !== 'GET' &&
        r.access !== 'public' &&
        r.access !== 'admin' &&
        !r.path.endsWith('/validate') &&
        !(r.path.startsWith('/api/campaigns') && r.access === 'scheduler'),
    );
    expect(writesBelowAdmin.map((r) => `${r.method} ${r.path} (${r.access})`)).toEqual([]);
  });
});
