import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.js';
import { repoRoot, startRuntime, type RunningRuntime } from './runtime.js';

/** Generous: a loaded 2-core machine runs the runtime, Chromium and vitest at once. */
export const WAIT = 30_000;

/** One runtime and one browser per journey file: started in beforeAll, stopped in afterAll. */
export interface Journey {
  runtime: RunningRuntime;
  browser: Browser;
  page: Page;
  /** Saves e2e/screenshots/<name>/<step>.png. */
  shot(step: string): Promise<void>;
  close(): Promise<void>;
}

export async function startJourney(name: string): Promise<Journey> {
  const runtime = await startRuntime();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    const opened = browser;
    return {
      runtime,
      browser: opened,
      page,
      shot: async (step) => {
        await screenshot(page, name, step);
      },
      close: async () => {
        await opened.close().catch(() => undefined);
        await runtime.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await runtime.stop();
    throw error;
  }
}

/**
 * The README tour's images (docs/images/<name>.png), written only when IVR_TOUR_IMAGES=1 so that an
 * ordinary e2e run leaves the working tree alone: `IVR_TOUR_IMAGES=1 pnpm vitest run --project e2e`.
 * With test ids, only the rectangle around those elements is kept (smaller files, to the point).
 */
export async function tourImage(page: Page, name: string, ...testIds: string[]): Promise<void> {
  if (process.env.IVR_TOUR_IMAGES !== '1') return;
  const folder = join(repoRoot, 'docs', 'images');
  mkdirSync(folder, { recursive: true });
  let clip: { x: number; y: number; width: number; height: number } | undefined;
  for (const id of testIds) {
    const box = await page.getByTestId(id).boundingBox();
    if (!box) continue;
    if (!clip) clip = box;
    else {
      const x = Math.min(clip.x, box.x);
      const y = Math.min(clip.y, box.y);
      const right = Math.max(clip.x + clip.width, box.x + box.width);
      const bottom = Math.max(clip.y + clip.height, box.y + box.height);
      clip = { x, y, width: right - x, height: bottom - y };
    }
  }
  await page.screenshot({ path: join(folder, `${name}.png`), ...(clip ? { clip } : {}) });
}

/** Signs in through the login page and waits for the scenario list. */
export async function logIn(page: Page, baseUrl: string, password = 'admin'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('scenario-list').waitFor();
}

/** Waits until a locator's text contains the expected text (polling, no fixed sleeps). */
export async function waitForText(locator: Locator, expected: string | RegExp, timeout = WAIT): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = (await locator.textContent().catch(() => null)) ?? '';
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expected)}; last text: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until a locator's attribute has the expected value. */
export async function waitForAttribute(locator: Locator, name: string, expected: string | RegExp): Promise<void> {
  const deadline = Date.now() + WAIT;
  let last: string | null = null;
  for (;;) {
    last = await locator.getAttribute(name).catch(() => null);
    if (last !== null && (typeof expected === 'string' ? last === expected : expected.test(last))) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${name}=${String(expected)}; last: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A small client of the runtime's REST API for setting the stage (imports, publishes). */
export async function apiClient(baseUrl: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  };
}

/** Drops a palette component onto the canvas at a point given relative to the canvas. */
export async function dropFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  await page.getByTestId(`palette-item-${type}`).dragTo(page.getByTestId('canvas'), { targetPosition: at });
}

/**
 * Wires `source`'s exit to `target` by dragging from handle-<source>-<exit> onto handle-<target>-in with
 * the mouse, as a user does, and waits for the edge (React Flow's edge id is `source:exit`).
 */
export async function wire(page: Page, source: string, exit: string, target: string): Promise<void> {
  const fromHandle = `handle-${source}-${exit}`;
  const toHandle = `handle-${target}-in`;
  const from = await page.getByTestId(fromHandle).boundingBox();
  const to = await page.getByTestId(toHandle).boundingBox();
  if (!from || !to) throw new Error(`handle not visible: ${!from ? fromHandle : toHandle}`);
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const end = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
  try {
    await page.locator(`[data-testid="rf__edge-${source}:${exit}"]`).waitFor({ timeout: 5_000 });
  } catch (error) {
    await screenshot(page, 'failures', `wire-${source}-${exit}-${target}`);
    throw error;
  }
}

/**
 * Closes the toasts ("Draft saved", "Version 2 published"): they sit in the lower right corner over
 * the bottom panels, and a pointer resting on one keeps it open.
 */
export async function dismissNotifications(page: Page): Promise<void> {
  const close = page.locator('.mantine-Notification-root .mantine-Notification-closeButton');
  for (let i = 0; i < 10 && (await close.count()) > 0; i++) {
    await close
      .first()
      .click({ timeout: 2_000 })
      .catch(() => undefined);
  }
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}
