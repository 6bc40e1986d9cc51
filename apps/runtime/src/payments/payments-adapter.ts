/**
 * The PaymentsPort the engine hands to the payment block: named `payment` connections, one
 * connector per driver (https-json, sandbox), and the signed result callbacks.
 *
 * What it logs about a payment: connection, operation, status, error code, duration. Never the
 * request's card, never a processor's answer body, never an error's text that could quote one.
 */
import type { PaymentOutcome, PaymentRequest, PaymentResultDelivery, PaymentsPort } from '@ivr/components';
import type { z } from 'zod';
import {
  ConnectionConfigError,
  requireConnection,
  type ConnectionResolver,
  type IntegrationConnection,
} from '../integrations/connection-resolver.js';
import type { PaymentCallbackDispatcher, PaymentsLogger } from './callback-dispatcher.js';
import { HttpsJsonConnector, type PaymentConnector } from './https-json-connector.js';
import {
  httpsJsonSettingsSchema,
  paymentSecretsSchema,
  sandboxSettingsSchema,
  type PaymentSecrets,
} from './payment-connection.js';

export interface PaymentsAdapterOptions {
  connections: ConnectionResolver;
  dispatcher: PaymentCallbackDispatcher;
  log: PaymentsLogger;
  /** The embedded sandbox's payments URL, when it runs (for `sandbox` connections without a url). */
  sandboxUrl?: () => string | undefined;
}

export class PaymentsAdapter implements PaymentsPort {
  constructor(private readonly options: PaymentsAdapterOptions) {}

  async process(request: PaymentRequest): Promise<PaymentOutcome> {
    const { log } = this.options;
    const connection = await requireConnection(this.options.connections, request.connection, 'payment');
    const connector = this.connector(connection);
    const startedAt = Date.now();
    const fields = { connection: request.connection, operation: request.operation, driver: connection.driver };
    let outcome: PaymentOutcome;
    try {
      outcome = await connector.process(request);
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      // Only the error's class: a connector's message is not trusted to be free of request data.
      log.warn({ ...fields, error: (error as Error)?.name ?? 'unknown' }, 'payment connector failed');
      outcome = { status: 'failed', errorCode: 'connector-error' };
    }
    log.info(
      {
        ...fields,
        status: outcome.status,
        ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
        durationMs: Date.now() - startedAt,
      },
      'payment processed',
    );
    return outcome;
  }

  async deliverResult(delivery: PaymentResultDelivery): Promise<void> {
    const id = await this.options.dispatcher.enqueue(delivery);
    this.options.log.debug(
      { deliveryId: id, connection: delivery.connection, status: delivery.result.status },
      'payment callback queued',
    );
  }

  /** The secret that signs callbacks for a connection: its own callbackSecret, else the server-wide one. */
  static async callbackSecret(
    connections: ConnectionResolver,
    name: string,
    fallback: string | undefined,
  ): Promise<string | undefined> {
    const connection = await connections.resolve(name).catch(() => null);
    const own = connection?.type === 'payment' ? connection.secrets.callbackSecret : undefined;
    return own || fallback;
  }

  private connector(connection: IntegrationConnection): PaymentConnector {
    const secrets = parse(paymentSecretsSchema, connection.secrets, connection, 'secrets') as PaymentSecrets;
    if (connection.driver === 'https-json') {
      return new HttpsJsonConnector(
        parse(httpsJsonSettingsSchema, connection.settings, connection, 'settings'),
        secrets,
      );
    }
    if (connection.driver === 'sandbox') {
      const settings = parse(sandboxSettingsSchema, connection.settings, connection, 'settings');
      const url = settings.url ?? this.options.sandboxUrl?.();
      if (!url) {
        throw new ConnectionConfigError(
          `connection "${connection.name}": the sandbox processor is not running (PAYMENT_SANDBOX=embedded) and the connection has no url`,
        );
      }
      // The sandbox speaks the connector's default mapping: it is an https-json processor with defaults.
      return new HttpsJsonConnector(
        httpsJsonSettingsSchema.parse({ url, merchantId: settings.merchantId, retries: 0 }),
        secrets,
      );
    }
    throw new ConnectionConfigError(`connection "${connection.name}": unknown payment driver ${connection.driver}`);
  }
}

function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  connection: IntegrationConnection,
  where: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Zod messages describe the rule, never the value: nothing secret is quoted.
  const problems = parsed.error.issues.map((i) => `${[where, ...i.path].join('.')}: ${i.message}`).join('; ');
  throw new ConnectionConfigError(`connection "${connection.name}": ${problems}`);
}
