import { z } from 'zod';
import { PAYMENT_CONNECTION_KINDS } from '../payments/payment-connection.js';

const host = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or address');
const port = z.number().int().min(1).max(65535);
const url = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL');
const secretText = z.string().min(1).max(4000);

/**
 * One entry per connection driver: its non-secret settings and its secret fields. Secrets are
 * kept apart so they can be sealed and never sent back.
 */
export const CONNECTION_KINDS = {
  sql: {
    mssql: {
      settings: z
        .object({
          host,
          port: port.default(1433),
          database: z.string().min(1).max(128),
          user: z.string().max(128).optional(),
          encrypt: z.boolean().default(true),
          trustServerCertificate: z.boolean().default(false),
        })
        .strict(),
      secrets: z.object({ password: secretText.optional() }).strict(),
    },
    postgres: {
      settings: z
        .object({
          host,
          port: port.default(5432),
          database: z.string().min(1).max(128),
          user: z.string().max(128).optional(),
          ssl: z.boolean().default(false),
        })
        .strict(),
      secrets: z.object({ password: secretText.optional() }).strict(),
    },
    mysql: {
      settings: z
        .object({
          host,
          port: port.default(3306),
          database: z.string().min(1).max(128),
          user: z.string().max(128).optional(),
          ssl: z.boolean().default(false),
        })
        .strict(),
      secrets: z.object({ password: secretText.optional() }).strict(),
    },
    sqlite: {
      settings: z
        .object({
          file: z
            .string()
            .min(1)
            .max(200)
            .regex(
              /^(?!\/)(?!.*\.\.)[A-Za-z0-9_./-]+$/,
              'must be a relative path inside the data folder (letters, digits, _ . / -, no ..)',
            ),
        })
        .strict(),
      secrets: z.object({}).strict(),
    },
  },
  sms: {
    smpp: {
      settings: z
        .object({
          host,
          port: port.default(2775),
          systemId: z.string().min(1).max(16),
          systemType: z.string().max(13).optional(),
          sourceAddress: z.string().max(21).optional(),
          tls: z.boolean().default(false),
        })
        .strict(),
      secrets: z.object({ password: secretText.optional() }).strict(),
    },
    http: {
      settings: z
        .object({
          url,
          method: z.enum(['GET', 'POST']).default('POST'),
          sender: z.string().max(32).optional(),
          bodyTemplate: z.string().max(4000).optional(),
        })
        .strict(),
      secrets: z.object({ token: secretText.optional(), password: secretText.optional() }).strict(),
    },
  },
  smtp: {
    smtp: {
      settings: z
        .object({
          host,
          port: port.default(587),
          secure: z.boolean().default(false),
          user: z.string().max(255).optional(),
          from: z.email(),
        })
        .strict(),
      secrets: z.object({ password: secretText.optional() }).strict(),
    },
  },
  /** A web service scenarios call by name (the HTTP request component): base URL, fixed headers, allowed hosts. */
  http: {
    http: {
      settings: z
        .object({
          baseUrl: url,
          headers: z
            .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name'), z.string().max(2000))
            .default({}),
          allowHosts: z.array(host).max(50).optional(),
        })
        .strict(),
      secrets: z.object({ authorization: secretText.optional() }).strict(),
    },
  },
  /** Owned by the payments module (PCI block): the sandbox and the generic HTTPS JSON processor. */
  payment: PAYMENT_CONNECTION_KINDS,
} as const;

export type ConnectionType = keyof typeof CONNECTION_KINDS;
export const CONNECTION_TYPES = Object.keys(CONNECTION_KINDS) as ConnectionType[];

export function driversOf(type: ConnectionType): string[] {
  return Object.keys(CONNECTION_KINDS[type]);
}

export function connectionKind(type: string, driver: string): { settings: z.ZodType; secrets: z.ZodType } | undefined {
  const drivers = (CONNECTION_KINDS as Record<string, Record<string, { settings: z.ZodType; secrets: z.ZodType }>>)[
    type
  ];
  return drivers?.[driver];
}
