import { stat } from 'node:fs/promises';
import type { MailPort, MailRequest, MailResult } from '@ivr/components';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import {
  ConnectionConfigError,
  connectionFingerprint,
  errorText,
  requireConnection,
  scrubSecrets,
  type ConnectionResolver,
  type IntegrationConnection,
} from '../connection-resolver.js';
import { FileNameError, type FileStore } from '../file-store.js';

const smtpSettings = z.object({
  host: z.string().min(1),
  port: z.number().int().default(587),
  /** True: TLS from the first byte (port 465). False: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().optional(),
  from: z.string().min(3),
});

interface CachedTransport {
  fingerprint: string;
  transport: Transporter;
  from: string;
}

/**
 * The MailPort over nodemailer SMTP: one pooled transport per named connection (rebuilt when the
 * connection is edited), certificates verified, attachments taken from the file store by name.
 * A refusal by the server is a `failed` result with its reason; secrets never appear in it.
 */
export class MailAdapter implements MailPort {
  private readonly transports = new Map<string, CachedTransport>();

  constructor(
    private readonly connections: ConnectionResolver,
    private readonly files: FileStore,
  ) {}

  async send(request: MailRequest): Promise<MailResult> {
    const connection = await requireConnection(this.connections, request.connection, 'smtp');
    const attachments: Array<{ filename: string; path: string }> = [];
    for (const name of request.attachments) {
      try {
        const path = this.files.path(name);
        if (!(await stat(path).catch(() => undefined))?.isFile())
          return { outcome: 'failed', reason: `attachment "${name}" is not in the file store` };
        attachments.push({ filename: name, path });
      } catch (error) {
        if (error instanceof FileNameError)
          return { outcome: 'failed', reason: `attachment refused: ${error.message}` };
        throw error;
      }
    }
    const { transport, from } = await this.transport(connection);
    request.signal.throwIfAborted();
    try {
      const info = await untilAborted(
        transport.sendMail({
          from: request.from ?? from,
          to: [...request.to],
          cc: [...request.cc],
          bcc: [...request.bcc],
          subject: request.subject,
          ...(request.html ? { html: request.body } : { text: request.body }),
          attachments,
        }),
        request.signal,
      );
      const accepted = (info.accepted as unknown[]).length;
      if (accepted === 0) return { outcome: 'failed', reason: 'the server accepted no recipient' };
      return { outcome: 'sent', messageId: String(info.messageId ?? '') };
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      return { outcome: 'failed', reason: scrubSecrets(errorText(error), connection.secrets) };
    }
  }

  /** Closes every pooled SMTP connection (module shutdown). */
  async close(): Promise<void> {
    for (const cached of this.transports.values()) cached.transport.close();
    this.transports.clear();
  }

  private async transport(connection: IntegrationConnection): Promise<CachedTransport> {
    const fingerprint = connectionFingerprint(connection);
    const cached = this.transports.get(connection.name);
    if (cached?.fingerprint === fingerprint) return cached;
    cached?.transport.close();
    const parsed = smtpSettings.safeParse(connection.settings);
    if (!parsed.success) throw new ConnectionConfigError(`connection "${connection.name}" has invalid SMTP settings`);
    const settings = parsed.data;
    const { default: nodemailer } = await import('nodemailer');
    const transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 3,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: connection.secrets.password ?? '' } : undefined,
      // Never accept a certificate that does not verify (nodemailer's default, stated so it stays).
      tls: { rejectUnauthorized: true },
      connectionTimeout: 15_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    });
    const fresh = { fingerprint, transport, from: settings.from };
    this.transports.set(connection.name, fresh);
    return fresh;
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
