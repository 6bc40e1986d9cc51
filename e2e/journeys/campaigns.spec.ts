import ExcelJS from 'exceljs';
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

/** A small contact list as an Excel workbook, made here so the journey needs no fixture file. */
async function contactList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow(['Phone', 'Client name', 'Amount']);
  sheet.addRow(['79161234567', 'Anna Petrova', 1250]);
  sheet.addRow(['79167654321', 'Boris Ivanov', 300]);
  sheet.addRow(['+7 (916) 555-01-02', 'Vera Sidorova', 0]);
  sheet.addRow(['79161234567', 'Anna Petrova (again)', 1250]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const REMINDER = {
  format: 'ivr-scenario/1',
  id: 'reminder',
  name: 'Payment reminder',
  kind: 'ivr',
  params: [],
  returns: [],
  variables: [],
  start: 'tell',
  nodes: [
    {
      id: 'tell',
      type: 'play',
      typeVersion: 1,
      params: { prompt: { tts: 'This is a reminder about your payment.' } },
      exits: { ok: 'bye' },
    },
    { id: 'bye', type: 'end', typeVersion: 1, params: { action: 'hangup' }, exits: {} },
  ],
  layout: { tell: { x: 0, y: 0 }, bye: { x: 300, y: 0 } },
};

describe('journey: upload a campaign file and see the column mapping', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney('campaigns');
    // The IVR scenario the campaign runs once a contact answers, published through the REST API.
    const api = await apiClient(j.runtime.url);
    await api.post('/scenarios', { document: REMINDER });
    await api.post('/scenarios/reminder/publish', { note: 'e2e' });
    await logIn(j.page, j.runtime.url);
  });
  afterAll(async () => {
    await j?.close();
  });

  it('opens the campaigns page', async () => {
    const { page } = j;
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaign-upload').waitFor();
    expect(new URL(page.url()).pathname).toBe('/campaigns');
    await j.shot('1-campaigns');
  });

  it('uploads an xlsx list and shows its columns with a first guess of their roles', async () => {
    const { page } = j;
    await page.getByTestId('campaign-name').fill('Debt reminder');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('campaign-upload').click(),
    ]);
    await chooser.setFiles({
      name: 'debtors.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await contactList(),
    });
    await page.getByTestId('campaign-detail').waitFor();
    await page.getByTestId('campaign-mapping').waitFor();
    await waitForText(page.getByTestId('campaign-list'), 'Debt reminder');
    // The phone column is recognised by its header, the others become scenario variables.
    expect(await page.getByTestId('campaign-mapping-Phone').inputValue()).toBe('phone');
    expect(await page.getByTestId('campaign-mapping-Client name').inputValue()).toBe('variable');
    expect(await page.getByTestId('campaign-variable-Client name').inputValue()).toBe('client_name');
    expect(await page.getByTestId('campaign-mapping-Amount').inputValue()).toBe('variable');
    // The preview shows the sheet's first rows.
    await waitForText(page.getByTestId('campaign-mapping'), 'Anna Petrova');
    await waitForText(page.getByTestId('campaign-mapping'), '+7 (916) 555-01-02');
    await j.shot('2-mapping');
    await tourImage(page, 'campaigns');
  });

  it('changes a column role and renames a variable', async () => {
    const { page } = j;
    await page.getByTestId('campaign-mapping-Amount').selectOption('ignore');
    expect(await page.getByTestId('campaign-variable-Amount').count()).toBe(0);
    await page.getByTestId('campaign-variable-Client name').fill('clientName');
    expect(await page.getByTestId('campaign-variable-Client name').inputValue()).toBe('clientName');
    // Without a phone column the form says so.
    await page.getByTestId('campaign-mapping-Phone').selectOption('ignore');
    await page.getByTestId('campaign-mapping-problems').waitFor();
    await j.shot('3-no-phone');
    await page.getByTestId('campaign-mapping-Phone').selectOption('phone');
    await page.getByTestId('campaign-mapping-problems').waitFor({ state: 'detached' });
    await j.shot('4-mapped');
  });

  it('imports the contacts with the chosen scenario and shows the validation report', async () => {
    const { page } = j;
    await page.getByTestId('campaign-scenario').selectOption('reminder');
    await dismissNotifications(page);
    await page.getByTestId('campaign-prepare').click();
    const report = page.getByTestId('campaign-report');
    await report.waitFor();
    // Four rows, the repeated number excluded as a duplicate.
    await waitForText(report, 'Rows: 4, contacts: 3');
    await waitForText(report, 'duplicate');
    await waitForText(page.getByTestId('campaign-status'), /ready/i);
    await report.scrollIntoViewIfNeeded();
    await j.shot('5-report');
  });
});
