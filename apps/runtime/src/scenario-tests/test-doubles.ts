import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MailPort, MailRequest, SmsPort, SmsRequest } from '@ivr/components';

type ExcelJs = typeof import('exceljs');
const loadExcelJs = async (): Promise<ExcelJs> => {
  const module = (await import('exceljs')) as unknown as { default?: ExcelJs } & ExcelJs;
  return module.default ?? module;
};

type CellValue = string | number | boolean | null;

/** Writes a one-sheet workbook: the first row is the header row. */
export async function writeWorkbook(
  path: string,
  sheet: string,
  rows: ReadonlyArray<readonly CellValue[]>,
): Promise<void> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  for (const row of rows) worksheet.addRow([...row]);
  await workbook.xlsx.writeFile(path);
}

/** A sheet's rows below the header row, as objects by header text; an empty cell is null. */
export async function readWorkbookRows(path: string, sheet?: string): Promise<Array<Record<string, unknown>>> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const worksheet = sheet !== undefined ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
  if (!worksheet) throw new Error(`no sheet ${sheet ?? ''} in the workbook`);
  const headers = new Map<number, string>();
  worksheet.getRow(1).eachCell((cell, column) => headers.set(column, String(cell.text)));
  const rows: Array<Record<string, unknown>> = [];
  for (let n = 2; n <= worksheet.rowCount; n++) {
    const row: Record<string, unknown> = Object.fromEntries([...headers.values()].map((header) => [header, null]));
    worksheet.getRow(n).eachCell((cell, column) => {
      const value = cell.value;
      row[headers.get(column) ?? String(column)] =
        value !== null && typeof value === 'object' && !(value instanceof Date) ? cell.text : value;
    });
    rows.push(row);
  }
  return rows;
}

/** An HTTP server standing in for a web service a scenario calls: it answers from a script and keeps every request. */
export class HttpReceiver {
  readonly requests: Array<{ method: string; path: string; body: unknown }> = [];
  private server: Server | undefined;
  private overrides: Readonly<Record<string, { status: number; body?: unknown }>> = {};

  constructor(private readonly responses: Readonly<Record<string, { status: number; body?: unknown }>>) {}

  /** Answers that win over the configured ones (one test case's), until the next override. */
  override(responses: Readonly<Record<string, { status: number; body?: unknown }>>): void {
    this.overrides = responses;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then((text) => {
        const path = (request.url ?? '/').split('?')[0]!;
        const method = request.method ?? 'GET';
        this.requests.push({ method, path, body: parseJson(text) });
        const answer =
          this.overrides[`${method} ${path}`] ??
          this.overrides[path] ??
          this.responses[`${method} ${path}`] ??
          this.responses[path];
        response.statusCode = answer?.status ?? 404;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(answer?.body ?? (answer ? {} : { error: 'not found' })));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** SMS and e-mail that are kept instead of sent: what a scenario test asserts on. */
export class MessageCapture implements SmsPort, MailPort {
  readonly sms: Array<{ connection: string; to: string; text: string }> = [];
  readonly mail: Array<{ connection: string; to: string; subject: string; body: string }> = [];

  async send(request: SmsRequest | MailRequest): Promise<{ outcome: 'sent'; messageId: string }> {
    if ('text' in request) this.sms.push({ connection: request.connection, to: request.to, text: request.text });
    else
      this.mail.push({
        connection: request.connection,
        to: request.to.join(', '),
        subject: request.subject,
        body: request.body,
      });
    return { outcome: 'sent', messageId: `captured-${this.sms.length + this.mail.length}` };
  }
}
