import type { HttpPort, SmsRequest, SmsResult } from '@ivr/components';
import { scrubSecrets } from '../connection-resolver.js';

export interface HttpSmsSettings {
  url: string;
  method: 'GET' | 'POST';
  sender?: string | undefined;
  /** `{{ to }}`, `{{ text }}`, `{{ from }}`, `{{ token }}`, `{{ password }}`; JSON when it starts with { or [, else a form. */
  bodyTemplate?: string | undefined;
}

type Values = Record<'to' | 'text' | 'from' | 'token' | 'password', string>;

/**
 * A generic HTTP SMS gateway: the URL and the body are templates with a few fixed placeholders
 * (not scenario expressions: the values come from the SMS request and the connection's secrets),
 * each value encoded for where it lands. A 2xx answer means accepted; delivery receipts are
 * provider-specific and not awaited.
 */
export class HttpSmsSender {
  constructor(
    private readonly http: HttpPort,
    private readonly settings: HttpSmsSettings,
    private readonly secrets: Readonly<Record<string, string>>,
  ) {}

  async send(request: SmsRequest): Promise<SmsResult> {
    const values: Values = {
      to: request.to,
      text: request.text,
      from: request.from ?? this.settings.sender ?? '',
      token: this.secrets.token ?? '',
      password: this.secrets.password ?? '',
    };
    const headers: Record<string, string> = {};
    if (this.secrets.token) headers.Authorization = `Bearer ${this.secrets.token}`;
    let body: string | undefined;
    if (this.settings.method === 'POST') {
      const template = this.settings.bodyTemplate;
      if (template === undefined) {
        body = JSON.stringify({ to: values.to, text: values.text, ...(values.from ? { from: values.from } : {}) });
        headers['Content-Type'] = 'application/json';
      } else if (/^\s*[[{]/.test(template)) {
        // Inside a JSON string: escaped as JSON string content, so a quote in the text cannot end it.
        body = fill(template, values, (v) => JSON.stringify(v).slice(1, -1));
        headers['Content-Type'] = 'application/json';
      } else {
        body = fill(template, values, encodeURIComponent);
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
    }
    const result = await this.http.request({
      method: this.settings.method,
      url: fill(this.settings.url, values, encodeURIComponent),
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: request.timeoutMs,
      // Sending an SMS is not idempotent: a retry could send it twice.
      retries: 0,
      signal: request.signal,
    });
    if (result.outcome === 'timeout')
      return { outcome: 'failed', reason: `no answer from the SMS gateway within ${request.timeoutMs / 1000} s` };
    if (result.outcome === 'network-error')
      return { outcome: 'failed', reason: `SMS gateway unreachable: ${result.message}` };
    if (result.status < 200 || result.status >= 300) {
      const snippet = scrubSecrets(result.body.slice(0, 200), this.secrets);
      return {
        outcome: 'failed',
        reason: `the SMS gateway answered HTTP ${result.status}${snippet ? `: ${snippet}` : ''}`,
      };
    }
    return { outcome: 'sent', messageId: messageIdOf(result.body) ?? `http-${Date.now()}` };
  }
}

function fill(template: string, values: Values, encode: (value: string) => string): string {
  return template.replace(/\{\{\s*(to|text|from|token|password)\s*\}\}/g, (_, name: keyof Values) =>
    encode(values[name]),
  );
}

/** The gateway's id for the message, from the usual fields of a JSON answer. */
function messageIdOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const candidates = [
      parsed.messageId,
      parsed.message_id,
      parsed.id,
      (parsed.data as Record<string, unknown> | undefined)?.id,
    ];
    const found = candidates.find((c) => typeof c === 'string' || typeof c === 'number');
    return found === undefined ? undefined : String(found);
  } catch {
    return undefined;
  }
}
