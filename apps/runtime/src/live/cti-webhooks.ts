import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import {
  DELIVERY_ATTEMPT_HEADER,
  DELIVERY_ID_HEADER,
  SIGNATURE_HEADER,
  signCallback,
} from '../payments/callback-signature.js';
import { LiveHub } from './live-hub.js';
import type { LiveEvent } from './live-event.js';

export interface CtiWebhookConfig {
  urls: string[];
  secret: string | undefined;
  attempts: number;
  baseDelayMs: number;
}

export const CTI_WEBHOOK_CONFIG = Symbol('CTI_WEBHOOK_CONFIG');

/** CTI_WEBHOOK_URLS (comma separated), CTI_WEBHOOK_SECRET (required with URLs), CTI_WEBHOOK_ATTEMPTS. */
export function ctiWebhookConfigFromEnv(env: Readonly<Record<string, string | undefined>>): CtiWebhookConfig {
  const urls = (env.CTI_WEBHOOK_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`CTI_WEBHOOK_URLS: "${url}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new Error(`CTI_WEBHOOK_URLS: "${url}" is not http(s)`);
  }
  if (urls.length > 0 && !env.CTI_WEBHOOK_SECRET)
    throw new Error('CTI_WEBHOOK_SECRET: required when CTI_WEBHOOK_URLS is set');
  const attempts = Number(env.CTI_WEBHOOK_ATTEMPTS ?? 5);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20)
    throw new Error('CTI_WEBHOOK_ATTEMPTS: a whole number from 1 to 20');
  return { urls, secret: env.CTI_WEBHOOK_SECRET, attempts, baseDelayMs: 500 };
}

/** Steps are sent only when they carry exported variables: a CRM wants screen pops, not every node. */
function worthSending(event: LiveEvent): boolean {
  if (event.type === 'media') return false;
  if (event.type === 'node.entered') return event.exported !== undefined;
  return true;
}

/**
 * Call lifecycle events as signed webhooks (the same signature scheme as payment callbacks:
 * X-IVR-Signature: t=...,v1=HMAC-SHA256), retried with back-off; a CRM pops the caller's card
 * when the agent answers.
 */
@Injectable()
export class CtiWebhooks implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;

  constructor(
    @Inject(CTI_WEBHOOK_CONFIG) private readonly config: CtiWebhookConfig,
    @Inject(LiveHub) private readonly hub: LiveHub,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (this.config.urls.length === 0 || !this.config.secret) return;
    this.unsubscribe = this.hub.subscribe({}, (event) => {
      if (!worthSending(event)) return;
      // A receiver that is down must not grow memory without bound: beyond this, events are dropped and logged.
      if (this.inFlight > 10_000) {
        this.logger.warn({ event: event.type }, 'CTI webhook backlog full: event dropped');
        return;
      }
      const body = JSON.stringify({ id: randomUUID(), ...event });
      for (const url of this.config.urls) this.deliver(url, body, 1);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
  }

  private deliver(url: string, body: string, attempt: number): void {
    this.inFlight += 1;
    const deliveryId = (JSON.parse(body) as { id: string }).id;
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signCallback(this.config.secret!, body, Math.floor(Date.now() / 1000)),
        [DELIVERY_ID_HEADER]: deliveryId,
        [DELIVERY_ATTEMPT_HEADER]: String(attempt),
      },
      body,
      signal: AbortSignal.timeout(5000),
    })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      })
      .catch((error: unknown) => {
        if (attempt >= this.config.attempts) {
          this.logger.warn({ url, deliveryId, error: String(error) }, 'CTI webhook given up');
          return;
        }
        const timer = setTimeout(
          () => {
            this.timers.delete(timer);
            this.deliver(url, body, attempt + 1);
          },
          this.config.baseDelayMs * 2 ** (attempt - 1),
        );
        this.timers.add(timer);
      })
      .finally(() => {
        this.inFlight -= 1;
      });
  }
}
