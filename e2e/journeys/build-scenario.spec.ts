import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dismissNotifications,
  dropFromPalette,
  logIn,
  startJourney,
  tourImage,
  waitForText,
  wire,
  type Journey,
} from '../support/journey.js';

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

/** Waits until the zoom satisfies a test and has stopped changing (fits and zooms may animate). */
async function zoomSettled(page: Page, test: (zoom: number) => boolean): Promise<number> {
  let previous = NaN;
  for (let i = 0; i < 100; i++) {
    const now = await zoom(page);
    if (test(now) && now === previous) return now;
    previous = now;
    await page.waitForTimeout(150);
  }
  throw new Error(`the canvas zoom never settled (last ${previous})`);
}

async function edgeIds(page: Page): Promise<string[]> {
  return page
    .locator('.react-flow__edge')
    .evaluateAll((edges) => edges.map((e) => e.getAttribute('data-testid') ?? ''));
}

describe('journey: build the order-status scenario from the palette', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney('build-scenario');
    await logIn(j.page, j.runtime.url);
  });
  afterAll(async () => {
    await j?.close();
  });

  it('creates an empty main scenario', async () => {
    const { page } = j;
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('new-scenario-name').fill('Order status');
    expect(await page.getByTestId('new-scenario-id').inputValue()).toBe('order-status');
    await page.getByTestId('new-scenario-kind').getByText('Main', { exact: true }).click();
    await page.getByTestId('new-scenario-create').click();
    await page.getByTestId('editor').waitFor();
    await waitForText(page.getByTestId('editor-scenario-name'), 'Order status');
    expect(new URL(page.url()).pathname).toBe('/scenarios/order-status');
    await j.shot('1-empty-editor');
  });

  it('drops input, sql, play and end from the palette onto the canvas', async () => {
    const { page } = j;
    await dropFromPalette(page, 'input', { x: 200, y: 150 });
    await page.getByTestId('node-input').waitFor();
    // The first node is fitted in the middle at the largest fit zoom (1.2): step back three times so
    // that the other three fit around it, away from the minimap (lower right).
    let level = await zoomSettled(page, (z) => z > 1.1);
    for (let i = 0; i < 3; i++) {
      await page.locator('.react-flow__controls-zoomout').click();
      const before = level;
      level = await zoomSettled(page, (z) => z < before);
    }
    await dropFromPalette(page, 'play', { x: 40, y: 40 });
    await dropFromPalette(page, 'sql', { x: 480, y: 40 });
    await dropFromPalette(page, 'end', { x: 40, y: 340 });
    for (const id of ['input', 'sql', 'play', 'end']) await page.getByTestId(`node-${id}`).waitFor();
    await j.shot('2-dropped');
  });

  it('sets params in the inspector', async () => {
    const { page } = j;
    await page.getByTestId('node-input').click();
    await waitForText(page.getByTestId('inspector'), 'Input digits');
    expect(await page.getByTestId('inspector-node-id').inputValue()).toBe('input');
    await page.getByTestId('field-input-prompt-add').click();
    await page.getByTestId('field-input-prompt.tts').fill('Welcome to the shop. Enter your order number, then hash.');
    await page.getByTestId('field-input-minDigits').fill('3');
    await page.getByTestId('field-input-into').fill('orderId');

    await page.getByTestId('node-sql').click();
    await page.getByTestId('field-sql-connection').fill('shop');
    await page.getByTestId('field-sql-query').fill('SELECT status FROM orders WHERE id = @orderId');

    await page.getByTestId('node-play').click();
    await page.getByTestId('field-play-prompt.tts').fill('Order {{ orderId }} is on its way. Goodbye.');

    await page.getByTestId('node-end').click();
    await page.getByTestId('field-end-action').click();
    await page.getByRole('option', { name: /hang up/i }).click();
    await waitForText(page.getByTestId('node-end'), 'hangup');
    await j.shot('3-params');
  });

  it('wires the exits by dragging from handle to handle', async () => {
    const { page } = j;
    // Fit the nodes (their params made them wider), then step back once: every handle then lies well
    // inside the canvas, where dragging a wire does not make React Flow pan the view under the pointer.
    const before = await zoom(page);
    await page.getByTestId('toolbar-fit').click();
    const fitted = await zoomSettled(page, (z) => z !== before);
    await page.locator('.react-flow__controls-zoomout').click();
    await zoomSettled(page, (z) => z < fitted);
    await wire(page, 'input', 'ok', 'sql');
    await wire(page, 'sql', 'ok', 'play');
    await wire(page, 'sql', 'empty', 'play');
    await wire(page, 'play', 'ok', 'end');
    await page.locator('[data-testid="rf__edge-play:ok"]').waitFor();
    expect((await edgeIds(page)).sort()).toEqual([
      'rf__edge-input:ok',
      'rf__edge-play:ok',
      'rf__edge-sql:empty',
      'rf__edge-sql:ok',
    ]);
    await j.shot('4-wired');
  });

  it('shows the undeclared variable in the problems panel, and fixes it', async () => {
    const { page } = j;
    const panel = page.getByTestId('problems-panel');
    const problem = panel.locator('[data-code="variable-target-undeclared"]');
    await problem.waitFor();
    expect(await problem.getAttribute('data-node-id')).toBe('input');
    expect(await problem.getAttribute('data-severity')).toBe('error');
    expect(await page.getByTestId('publish-button').isDisabled()).toBe(true);
    await j.shot('5-problem');
    await tourImage(page, 'problems', 'canvas', 'problems-panel');
    // A click on the row focuses its node; the quick fix declares the variable.
    await problem.click();
    await problem.getByRole('button', { name: /declare orderId/i }).click();
    await page.getByTestId('problems-none').waitFor();
    await page.getByTestId('tab-variables').click();
    await page.getByTestId('variables-panel').waitFor();
    expect(await page.getByTestId('variable-name-0').inputValue()).toBe('orderId');
    await page.getByTestId('tab-problems').click();
    await page.getByTestId('problems-none').waitFor();
    await j.shot('6-fixed');
  });

  it('lays the graph out, saves the draft and publishes it with a note', async () => {
    const { page } = j;
    await page.getByTestId('save-draft').click();
    await page.getByTestId('editor-dirty').waitFor({ state: 'hidden' });
    // Auto-layout runs in the background (elkjs): the draft turns dirty when its positions arrive.
    await page.getByTestId('toolbar-layout').click();
    await page.getByTestId('editor-dirty').waitFor();
    await page.getByTestId('toolbar-fit').click();
    await page.getByTestId('save-draft').click();
    await page.getByTestId('editor-dirty').waitFor({ state: 'hidden' });
    await dismissNotifications(page);
    await j.shot('7-saved');
    await tourImage(page, 'editor');

    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-dialog').waitFor();
    await page.getByTestId('publish-note').fill('First version: ask, look up, tell');
    await j.shot('8-publish-dialog');
    await page.getByTestId('publish-confirm').click();
    await page.getByTestId('publish-dialog').waitFor({ state: 'hidden' });

    await page.getByTestId('tab-versions').click();
    await page.getByTestId('version-live-1').waitFor();
    await waitForText(page.getByTestId('version-row-1'), 'First version: ask, look up, tell');
    await j.shot('9-published');

    // In the editor the side navigation folds into the header (whose links carry no test ids).
    await page.getByRole('banner').getByRole('link', { name: 'Scenarios' }).click();
    await waitForText(page.getByTestId('scenario-row-order-status'), 'v1');
    await j.shot('10-list');
  });
});
