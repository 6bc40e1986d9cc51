import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MailPort, MailRequest, SmsPort, SmsRequest } from '@ivr/components';

/** An HTTP server standing in for a web service a scenario calls: it answers from a script and keeps every request. */
export class HttpReceiver {
  readonly requests: Array<{ method: string; path: string; body: unknown }> = [];
  private server: Server | undefined;

  constructor(private readonly responses: Readonly<Record<string, { status: number; body?: unknown }>>) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then((text) => {
        const path = (request.url ?? '/').split('?')[0]!;
        const method = request.method ?? 'GET';
        this.requests.push({ method, path, body: parseJson(text) });
        const answer = this.responses[`${method} ${path}`] ?? this.responses[path];
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
