import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './runtime.js';

/** Debian's Chromium; Playwright's own browser downloads are not available on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Saves a full-page screenshot under e2e/screenshots/<journey>/<step>.png and returns its path. */
export async function screenshot(page: Page, journey: string, step: string): Promise<string> {
  const folder = join(repoRoot, 'e2e', 'screenshots', journey);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${step}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
