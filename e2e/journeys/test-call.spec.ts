import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dismissNotifications,
  logIn,
  startJourney,
  tourImage,
  waitForAttribute,
  waitForText,
  type Journey,
} from '../support/journey.js';

/** The node the call (or the replay) is at: the one card holding the `node-active` marker. */
async function activeNode(page: Page): Promise<string | null> {
  const marker = page.getByTestId('node-active');
  if ((await marker.count()) !== 1) return null;
  return marker.evaluate((el) => el.closest('[data-active="true"]')?.getAttribute('data-testid') ?? null);
}

async function waitForActiveNode(page: Page, nodeId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await activeNode(page);
    if (now === `node-${nodeId}`) return;
    if (Date.now() > deadline) throw new Error(`the call never reached ${nodeId} (at ${now})`);
    await page.waitForTimeout(200);
  }
}

describe('journey: a test call without a phone', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney('test-call');
    await logIn(j.page, j.runtime.url);
  });
  afterAll(async () => {
    await j?.close();
  });

  it('opens the DTMF survey sample with "new from sample"', async () => {
    const { page } = j;
    await page.getByTestId('scenario-from-sample').click();
    await page.getByTestId('sample-import-dtmf-survey').click();
    await page.getByTestId('editor').waitFor();
    await page.getByTestId('node-rate').waitFor();
    expect(new URL(page.url()).pathname).toBe('/scenarios/dtmf-survey');
    await dismissNotifications(page);
    // Tidy the canvas (the draft call below saves this first).
    await page.getByTestId('toolbar-layout').click();
    await page.getByTestId('editor-dirty').waitFor();
    await page.getByTestId('toolbar-fit').click();
    await j.shot('1-sample');
  });

  it('places a test call on the draft and hears the first prompt', async () => {
    const { page } = j;
    await page.getByTestId('test-call-open').click();
    await page.getByTestId('test-call-panel').waitFor();
    await page.getByTestId('test-call-start').click();
    await waitForText(page.getByTestId('test-call-transcript'), 'How happy are you with our service?');
    // (A step is reported when it finishes: the start node is not highlighted while its prompt plays.)
    await j.shot('2-first-prompt');
  });

  it('answers with the keypad and follows the call along the canvas', async () => {
    const { page } = j;
    await page.getByTestId('test-call-key-4').click();
    await waitForText(page.getByTestId('test-call-transcript'), 'Would you recommend us to a friend?');
    await waitForActiveNode(page, 'recommend');
    await j.shot('3-second-prompt');
    await page.getByTestId('test-call-key-1').click();
    // No survey server is configured here, so the post fails and the caller is thanked anyway.
    await waitForText(page.getByTestId('test-call-transcript'), 'Thank you for your answers. Goodbye.');
    await waitForAttribute(page.getByTestId('test-call-status'), 'data-status', 'ended');
    // The path the call took stays marked; the branch it did not take does not.
    for (const id of ['rate', 'recommend', 'said-yes', 'post', 'thanks-anyway', 'bye'])
      expect(await page.getByTestId(`node-${id}`).getAttribute('data-visited')).toBe('true');
    for (const id of ['said-no', 'thanks', 'sorry'])
      expect(await page.getByTestId(`node-${id}`).getAttribute('data-visited')).toBeNull();
    const lines = await page.locator('[data-testid^="transcript-line-"]').count();
    expect(lines).toBeGreaterThanOrEqual(3);
    await j.shot('4-call-ended');
    await tourImage(page, 'test-call', 'canvas', 'test-call-panel');
  });

  it('replays the call step by step', async () => {
    const { page } = j;
    await page.getByTestId('replay-open').click();
    await page.getByTestId('replay-step').waitFor();
    // The replay opens on the first step.
    await waitForAttribute(page.getByTestId('replay-step'), 'data-index', '0');
    const first = await page.getByTestId('replay-step').getAttribute('data-node-id');
    expect(first).toBe('rate');
    await waitForActiveNode(page, 'rate');
    await j.shot('5-replay-start');
    await page.getByTestId('replay-forward').click();
    await waitForAttribute(page.getByTestId('replay-step'), 'data-index', '1');
    const second = await page.getByTestId('replay-step').getAttribute('data-node-id');
    expect(second).toBe('recommend');
    await waitForActiveNode(page, 'recommend');
    await page.getByTestId('replay-forward').click();
    await waitForAttribute(page.getByTestId('replay-step'), 'data-index', '2');
    await j.shot('6-replay-forward');
    await page.getByTestId('replay-back').click();
    await waitForAttribute(page.getByTestId('replay-step'), 'data-index', '1');
    await waitForActiveNode(page, 'recommend');
    await j.shot('7-replay-back');
  });
});
