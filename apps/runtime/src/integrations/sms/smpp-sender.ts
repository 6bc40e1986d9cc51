import type { SmsRequest, SmsResult } from '@ivr/components';
import type { PDU, Session } from 'smpp';
import { INTERIM_STATES, isReceipt, parseReceipt, sameMessageId } from './delivery-receipt.js';

export interface SmppSettings {
  host: string;
  port: number;
  systemId: string;
  systemType?: string | undefined;
  sourceAddress?: string | undefined;
  tls: boolean;
  password?: string | undefined;
}

export interface SmppTimings {
  /** Keep-alive while bound (enquire_link). */
  enquireLinkMs: number;
  /** First and longest wait between reconnect attempts while receipts are awaited (doubling in between). */
  firstReconnectDelayMs: number;
  maxReconnectDelayMs: number;
}

const DEFAULT_TIMINGS: SmppTimings = { enquireLinkMs: 30_000, firstReconnectDelayMs: 500, maxReconnectDelayMs: 30_000 };

interface ReceiptWaiter {
  messageId: string;
  settle(result: SmsResult): void;
}

/**
 * One SMPP transceiver bind to one SMSC, shared by every message of a connection. It binds on first
 * use and again after the link drops (the next message reconnects; while delivery receipts are
 * awaited it reconnects on its own, with back-off, so they can still arrive).
 */
export class SmppSender {
  private session: Session | undefined;
  private binding: Promise<Session> | undefined;
  private readonly waiters = new Set<ReceiptWaiter>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs: number;
  private closed = false;
  private readonly timings: SmppTimings;

  constructor(
    private readonly settings: SmppSettings,
    timings: Partial<SmppTimings> = {},
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
    this.reconnectDelayMs = this.timings.firstReconnectDelayMs;
  }

  async send(request: SmsRequest): Promise<SmsResult> {
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const signal = AbortSignal.any([request.signal, deadline]);
    try {
      const session = await abortable(this.bound(), signal);
      const response = await abortable(
        new Promise<PDU>((resolve, reject) => {
          const sent = session.submit_sm(this.submitFields(request), resolve);
          if (!sent) reject(new Error('the SMPP link is not writable'));
        }),
        signal,
      );
      if (response.command_status !== 0) {
        return { outcome: 'failed', reason: `the SMSC refused the message (${statusName(response.command_status)})` };
      }
      const messageId = String(response.message_id ?? '');
      if (!request.waitForDelivery) return { outcome: 'sent', messageId };
      return await this.receipt(messageId, signal);
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      if (deadline.aborted) {
        return {
          outcome: 'failed',
          reason: `no ${request.waitForDelivery ? 'delivery receipt' : 'answer from the SMSC'} within ${request.timeoutMs / 1000} s`,
        };
      }
      return { outcome: 'failed', reason: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    for (const waiter of this.waiters) waiter.settle({ outcome: 'failed', reason: 'the SMS connection was closed' });
    this.waiters.clear();
    const session = this.session ?? (await this.binding?.catch(() => undefined));
    this.session = undefined;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 1_000);
      session.unbind({}, () => {
        clearTimeout(timer);
        session.close(() => resolve());
      });
    });
  }

  private submitFields(request: SmsRequest): Record<string, unknown> {
    const from = request.from ?? this.settings.sourceAddress ?? '';
    const alphanumeric = /[^\d+]/.test(from);
    // Longer than one SMS: the whole text goes in message_payload and the SMSC splits it.
    const gsm = /^[\x20-\x7e\r\n]*$/.test(request.text);
    const long = request.text.length > (gsm ? 160 : 70);
    return {
      source_addr: from,
      source_addr_ton: from === '' ? 0 : alphanumeric ? 5 : 1,
      source_addr_npi: from === '' || alphanumeric ? 0 : 1,
      destination_addr: request.to.replace(/^\+/, ''),
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      registered_delivery: request.waitForDelivery ? 1 : 0,
      ...(long ? { message_payload: request.text } : { short_message: request.text }),
    };
  }

  private receipt(messageId: string, signal: AbortSignal): Promise<SmsResult> {
    return new Promise<SmsResult>((resolve, reject) => {
      const waiter: ReceiptWaiter = {
        messageId,
        settle: (result) => {
          signal.removeEventListener('abort', abort);
          this.waiters.delete(waiter);
          resolve(result);
        },
      };
      const abort = () => {
        this.waiters.delete(waiter);
        reject(signal.reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      this.waiters.add(waiter);
    });
  }

  private bound(): Promise<Session> {
    if (this.closed) return Promise.reject(new Error('the SMS connection was closed'));
    if (this.session) return Promise.resolve(this.session);
    this.binding ??= this.bind().then(
      (session) => {
        this.binding = undefined;
        this.session = session;
        this.reconnectDelayMs = this.timings.firstReconnectDelayMs;
        return session;
      },
      (error: unknown) => {
        this.binding = undefined;
        throw error;
      },
    );
    return this.binding;
  }

  private async bind(): Promise<Session> {
    const { default: smpp } = await import('smpp');
    const { host, port, tls } = this.settings;
    return new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({ host, port, tls, auto_enquire_link_period: this.timings.enquireLinkMs });
      let bound = false;
      const failBind = (error: Error) => {
        if (bound) return;
        session.destroy();
        reject(error);
      };
      session.on('error', (error: Error) =>
        failBind(new Error(`SMPP link to ${host}:${port} failed: ${error.message}`)),
      );
      session.on('close', () => {
        if (!bound) return failBind(new Error(`the SMSC at ${host}:${port} closed the link`));
        this.lost(session);
      });
      session.on('deliver_sm', (pdu: PDU) => this.delivered(session, pdu));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on(tls ? 'secureConnect' : 'connect', () => {
        session.bind_transceiver(
          {
            system_id: this.settings.systemId,
            password: this.settings.password ?? '',
            system_type: this.settings.systemType ?? '',
          },
          (pdu: PDU) => {
            if (pdu.command_status !== 0)
              return failBind(new Error(`the SMSC refused the bind (${statusName(pdu.command_status)})`));
            bound = true;
            resolve(session);
          },
        );
      });
    });
  }

  private delivered(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    if (!isReceipt(pdu)) return; // A mobile-originated message: nothing here waits for it.
    const receipt = parseReceipt(pdu);
    if (!receipt || INTERIM_STATES.has(receipt.state)) return;
    for (const waiter of this.waiters) {
      if (!sameMessageId(waiter.messageId, receipt.messageId)) continue;
      waiter.settle(
        receipt.state === 'DELIVRD'
          ? { outcome: 'sent', messageId: waiter.messageId }
          : { outcome: 'failed', reason: `not delivered (${receipt.state})` },
      );
    }
  }

  /** The link dropped: the next message rebinds; receipts still awaited need a link now. */
  private lost(session: Session): void {
    if (this.session === session) this.session = undefined;
    if (this.closed || this.waiters.size === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.bound().catch(() => {
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, this.timings.maxReconnectDelayMs);
        this.lost(session);
      });
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }
}

function statusName(status: number): string {
  return `${ERROR_NAMES.get(status) ?? 'status'} 0x${status.toString(16).padStart(4, '0')}`;
}

const ERROR_NAMES = new Map<number, string>([
  [0x0001, 'ESME_RINVMSGLEN'],
  [0x0003, 'ESME_RINVCMDID'],
  [0x0005, 'ESME_RALYBND'],
  [0x0008, 'ESME_RSYSERR'],
  [0x000a, 'ESME_RINVSRCADR'],
  [0x000b, 'ESME_RINVDSTADR'],
  [0x000d, 'ESME_RBINDFAIL'],
  [0x000e, 'ESME_RINVPASWD'],
  [0x000f, 'ESME_RINVSYSID'],
  [0x0045, 'ESME_RSUBMITFAIL'],
  [0x0058, 'ESME_RTHROTTLED'],
]);

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      promise.catch(() => undefined);
      return reject(signal.reason);
    }
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
