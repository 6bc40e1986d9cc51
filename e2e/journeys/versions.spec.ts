import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  dismissNotifications,
  logIn,
  startJourney,
  tourImage,
  waitForText,
  type Journey,
} from '../support/journey.js';

describe('journey: publish a second version, roll back, compare', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney('versions');
    // The stage: the order-status sample imported and published once, through the REST API.
    const api = await apiClient(j.runtime.url);
    await api.post('/samples/order-status/import');
    await api.post('/scenarios/order-status/publish', { note: 'Imported sample' });
    await logIn(j.page, j.runtime.url);
  });
  afterAll(async () => {
    await j?.close();
  });

  it('opens the published scenario from the list', async () => {
    const { page } = j;
    await waitForText(page.getByTestId('scenario-row-order-status'), 'v1');
    await page.getByTestId('scenario-open-order-status').click();
    await page.getByTestId('node-tell').waitFor();
    await page.getByTestId('tab-versions').click();
    await page.getByTestId('version-live-1').waitFor();
    await j.shot('1-opened');
  });

  it('changes a prompt and publishes it as version 2', async () => {
    const { page } = j;
    // Auto-layout first (a layout change is not a change of behaviour: the diff ignores it).
    await page.getByTestId('toolbar-layout').click();
    await page.getByTestId('editor-dirty').waitFor();
    await page.getByTestId('toolbar-fit').click();
    await page.getByTestId('node-tell').click();
    await waitForText(page.getByTestId('inspector'), 'Play');
    expect(await page.getByTestId('inspector-node-id').inputValue()).toBe('tell');
    await page.getByTestId('field-tell-prompt.tts').fill('Your order {{ orderId }} is {{ status }}. Thank you!');
    await page.getByTestId('editor-dirty').waitFor();
    await page.getByTestId('save-draft').click();
    await page.getByTestId('editor-dirty').waitFor({ state: 'hidden' });
    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-note').fill('Friendlier status prompt');
    await page.getByTestId('publish-confirm').click();
    await page.getByTestId('publish-dialog').waitFor({ state: 'hidden' });
    await page.getByTestId('version-live-2').waitFor();
    await waitForText(page.getByTestId('version-row-2'), 'Friendlier status prompt');
    expect(await page.getByTestId('version-live-1').count()).toBe(0);
    await j.shot('2-version-2-live');
  });

  it('rolls back to version 1 and sees the live version change', async () => {
    const { page } = j;
    await dismissNotifications(page);
    await page.getByTestId('version-rollback-1').click();
    await page.getByTestId('version-live-1').waitFor();
    await page.getByTestId('version-live-2').waitFor({ state: 'detached' });
    // The live version can be rolled forward again; the live one offers no rollback.
    await page.getByTestId('version-rollback-2').waitFor();
    expect(await page.getByTestId('version-rollback-1').count()).toBe(0);
    await j.shot('3-rolled-back');
  });

  it('compares version 1 with the draft: the changed node is marked, the others are not', async () => {
    const { page } = j;
    await dismissNotifications(page);
    await page.getByTestId('version-diff-1').click();
    await page.getByTestId('diff-legend').waitFor();
    await waitForText(page.getByTestId('node-tell'), 'changed');
    expect(await page.getByTestId('node-tell').getAttribute('class')).toMatch(/diff-changed/);
    for (const id of ['ask', 'lookup', 'tell-eta', 'goodbye']) {
      expect(await page.getByTestId(`node-${id}`).getAttribute('class')).not.toMatch(/diff-/);
    }
    await j.shot('4-diff');
    await tourImage(page, 'versions', 'canvas', 'versions-panel');
    await page.getByTestId('diff-hide').click();
    await page.getByTestId('diff-legend').waitFor({ state: 'detached' });
    expect(await page.getByTestId('node-tell').getAttribute('class')).not.toMatch(/diff-/);
  });

  it('shows version 1 as live in the scenario list', async () => {
    const { page } = j;
    await page.getByRole('banner').getByRole('link', { name: 'Scenarios' }).click();
    await waitForText(page.getByTestId('scenario-row-order-status'), 'v1');
    await j.shot('5-list');
  });
});
