import type { HttpPort, SmsPort, SmsRequest, SmsResult } from '@ivr/components';
import { z } from 'zod';
import {
  ConnectionConfigError,
  connectionFingerprint,
  requireConnection,
  type ConnectionResolver,
  type IntegrationConnection,
} from '../connection-resolver.js';
import { HttpSmsSender } from './http-sms-sender.js';
import { SmppSender, type SmppTimings } from './smpp-sender.js';

const SMPP_SETTINGS = z.object({
  host: z.string().min(1),
  port: z.number().int().default(2775),
  systemId: z.string().min(1),
  systemType: z.string().optional(),
  sourceAddress: z.string().optional(),
  tls: z.boolean().default(false),
});
const HTTP_SETTINGS = z.object({
  url: z.string().url(),
  method: z.enum(['GET', 'POST']).default('POST'),
  sender: z.string().optional(),
  bodyTemplate: z.string().optional(),
});

interface Sender {
  send(request: SmsRequest): Promise<SmsResult>;
  close?(): Promise<void>;
}

/**
 * The SmsPort: a named connection is an SMPP bind (kept open and shared by all messages of the
 * connection) or a generic HTTP gateway. Senders are rebuilt when their connection is edited.
 */
export class SmsAdapter implements SmsPort {
  private readonly senders = new Map<string, { fingerprint: string; sender: Sender }>();

  constructor(
    private readonly connections: ConnectionResolver,
    private readonly http: HttpPort,
    private readonly smppTimings: Partial<SmppTimings> = {},
  ) {}

  async send(request: SmsRequest): Promise<SmsResult> {
    if (!/^\+?[0-9]{3,20}$/.test(request.to))
      return { outcome: 'failed', reason: `"${request.to}" is not a phone number` };
    if (request.text.length === 0) return { outcome: 'failed', reason: 'the text is empty' };
    const connection = await requireConnection(this.connections, request.connection, 'sms');
    const sender = await this.sender(connection);
    return sender.send(request);
  }

  async close(): Promise<void> {
    const senders = [...this.senders.values()];
    this.senders.clear();
    await Promise.all(senders.map(({ sender }) => sender.close?.()));
  }

  private async sender(connection: IntegrationConnection): Promise<Sender> {
    const fingerprint = connectionFingerprint(connection);
    const cached = this.senders.get(connection.name);
    if (cached?.fingerprint === fingerprint) return cached.sender;
    void cached?.sender.close?.();
    const sender = this.create(connection);
    this.senders.set(connection.name, { fingerprint, sender });
    return sender;
  }

  private create(connection: IntegrationConnection): Sender {
    const invalid = () =>
      new ConnectionConfigError(`connection "${connection.name}" has invalid ${connection.driver} settings`);
    if (connection.driver === 'smpp') {
      const parsed = SMPP_SETTINGS.safeParse(connection.settings);
      if (!parsed.success) throw invalid();
      return new SmppSender({ ...parsed.data, password: connection.secrets.password }, this.smppTimings);
    }
    if (connection.driver === 'http') {
      const parsed = HTTP_SETTINGS.safeParse(connection.settings);
      if (!parsed.success) throw invalid();
      return new HttpSmsSender(this.http, parsed.data, connection.secrets);
    }
    throw new ConnectionConfigError(
      `connection "${connection.name}" uses an unknown SMS driver "${connection.driver}"`,
    );
  }
}
