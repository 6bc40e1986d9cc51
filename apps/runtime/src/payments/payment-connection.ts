/**
 * Settings and secrets of the payment connections (type `payment`), one schema per driver:
 * `https-json` (any processor with a JSON API over HTTPS) and `sandbox` (the built-in test
 * processor). The connections module validates stored connections with PAYMENT_CONNECTION_KINDS.
 */
import { z } from 'zod';

const path = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'must be a field name or a dotted path such as card.number');
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'must be a header name');
const url = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must be an https:// URL (http:// only to 127.0.0.1)');

/** Where each request field goes in the processor's JSON body; the defaults are the sandbox's API. */
export const requestFieldsSchema = z
  .object({
    operation: path.default('operation'),
    amount: path.default('amount'),
    currency: path.default('currency'),
    orderId: path.default('orderId'),
    tokenId: path.default('tokenId'),
    description: path.default('description'),
    merchantId: path.default('merchantId'),
    cardNumber: path.default('card.number'),
    expiryMonth: path.default('card.expiryMonth'),
    expiryYear: path.default('card.expiryYear'),
    securityCode: path.default('card.securityCode'),
    brand: path.default('card.brand'),
  })
  .strict();

/** Where each result field is read from in the processor's JSON answer. */
export const responseFieldsSchema = z
  .object({
    status: path.default('status'),
    token: path.default('token'),
    authCode: path.default('authCode'),
    reference: path.default('reference'),
    errorCode: path.default('errorCode'),
  })
  .strict();

export const httpsJsonSettingsSchema = z
  .object({
    /** The endpoint that takes the payment request. */
    url,
    merchantId: z.string().min(1).max(64).optional(),
    /** Header that carries the `apiKey` secret, as `<authScheme> <apiKey>` (scheme "" sends the key alone). */
    authHeader: headerName.default('Authorization'),
    authScheme: z.string().max(32).default('Bearer'),
    /** Header that carries the attempt's idempotency key. */
    idempotencyHeader: headerName.default('Idempotency-Key'),
    /** Caps the block's processor timeout. */
    timeoutSeconds: z.number().min(1).max(300).optional(),
    /** Resends (same idempotency key) after a network error or a 5xx, within the timeout. */
    retries: z.number().int().min(0).max(3).default(1),
    /** `minor`: 12.50 EUR is sent as 1250. */
    amountIn: z.enum(['major', 'minor']).default('major'),
    /** The processor's names of the operations, when they differ from sale / sale-tokenize / tokenize. */
    operations: z
      .object({ sale: z.string().min(1), 'sale-tokenize': z.string().min(1), tokenize: z.string().min(1) })
      .partial()
      .strict()
      .default({}),
    /** Status values (case-insensitive) meaning approved, and declined; anything else is a failure. */
    approvedValues: z.array(z.string().min(1)).min(1).default(['approved']),
    declinedValues: z.array(z.string().min(1)).default(['declined']),
    request: requestFieldsSchema.prefault({}),
    response: responseFieldsSchema.prefault({}),
    /** Fixed headers sent with every request (not secret: put secrets in apiKey). */
    headers: z.record(headerName, z.string().max(1000)).default({}),
  })
  .strict();
export type HttpsJsonSettings = z.infer<typeof httpsJsonSettingsSchema>;

export const sandboxSettingsSchema = z
  .object({
    /** A sandbox processor started elsewhere; the runtime's embedded one when absent. */
    url: url.optional(),
    merchantId: z.string().max(64).default('sandbox'),
  })
  .strict();
export type SandboxSettings = z.infer<typeof sandboxSettingsSchema>;

const secretText = z.string().min(1).max(4000);
export const paymentSecretsSchema = z
  .object({
    /** Sent in the auth header. */
    apiKey: secretText.optional(),
    /** Signs the result callbacks of payments taken through this connection (else PAYMENT_CALLBACK_SECRET). */
    callbackSecret: z.string().min(16).max(4000).optional(),
  })
  .strict();
export type PaymentSecrets = z.infer<typeof paymentSecretsSchema>;

/** For connection-kinds.ts: `payment: PAYMENT_CONNECTION_KINDS`. */
export const PAYMENT_CONNECTION_KINDS = {
  sandbox: { settings: sandboxSettingsSchema, secrets: paymentSecretsSchema },
  'https-json': { settings: httpsJsonSettingsSchema, secrets: paymentSecretsSchema },
} as const;
