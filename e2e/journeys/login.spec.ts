import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJourney, tourImage, waitForText, type Journey } from '../support/journey.js';

describe('journey: log in', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney('login');
  });
  afterAll(async () => {
    await j?.close();
  });

  it('refuses a wrong password with a message', async () => {
    const { page } = j;
    await page.goto(`${j.runtime.url}/`);
    // Not signed in: any page leads to the login form.
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await waitForText(page.getByTestId('login-error'), /wrong|invalid|password/i);
    expect(new URL(page.url()).pathname).toBe('/login');
    await j.shot('1-wrong-password');
  });

  it('signs in and shows the scenario list', async () => {
    const { page } = j;
    await page.getByTestId('login-password').fill('admin');
    await tourImage(page, 'login');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('scenario-list').waitFor();
    expect(new URL(page.url()).pathname).toBe('/scenarios');
    await waitForText(page.getByTestId('current-user'), 'admin');
    await j.shot('2-signed-in');
  });

  it('signs out back to the login page', async () => {
    const { page } = j;
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await j.shot('3-signed-out');
  });
});
