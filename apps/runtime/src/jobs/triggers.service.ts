import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { JsonObject } from '../database/json-text.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { SecretBox } from '../connections/secret-box.js';
import { nowIso } from '../common/time.js';
import { ServiceRunsService } from './service-runs.service.js';
import { ServiceTriggerEntity, type TriggerType } from './service-trigger.entity.js';
import { missedCallSettings, postCallSettings, webhookSettings } from './trigger-settings.js';

export interface TriggerInput {
  name: string;
  type: TriggerType;
  scenarioId: string;
  settings: JsonObject;
  enabled: boolean;
}

/** What a webhook request carries for verification. */
export interface WebhookCall {
  authorization?: string;
  token?: string;
  signature?: string;
  timestamp?: string;
  /** The exact bytes received, when the app keeps them (express.json verify); else the parsed body. */
  rawBody?: Buffer;
  body: unknown;
}

/** How far a signed webhook's timestamp may be from now. */
const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** The public view: never the secret. */
export type TriggerView = Omit<ServiceTriggerEntity, 'sealedSecret'>;

function view(trigger: ServiceTriggerEntity): TriggerView {
  const { sealedSecret: _secret, ...rest } = trigger;
  return rest;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Webhook, post-call and missed-call triggers. A webhook is authenticated by a bearer token or by an
 * HMAC-SHA256 signature of `<timestamp>.<body>` (header X-IVR-Signature: sha256=<hex>, X-IVR-Timestamp:
 * unix seconds); its secret is shown once, on creation, and stored sealed.
 */
@Injectable()
export class TriggersService {
  private readonly box: SecretBox;

  constructor(
    @InjectRepository(ServiceTriggerEntity) private readonly triggers: Repository<ServiceTriggerEntity>,
    @Inject(ServiceRunsService) private readonly runs: ServiceRunsService,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    this.box = new SecretBox(config.secretKey);
  }

  async list(): Promise<TriggerView[]> {
    return (await this.triggers.find({ order: { name: 'ASC' } })).map(view);
  }

  async get(id: string): Promise<TriggerView> {
    return view(await this.entity(id));
  }

  async create(input: TriggerInput): Promise<TriggerView & { secret?: string }> {
    const settings = this.checkSettings(input.type, input.settings);
    const id = randomUUID();
    const secret = input.type === 'webhook' ? randomBytes(24).toString('base64url') : undefined;
    const now = nowIso();
    await this.triggers.insert({
      id,
      name: input.name,
      type: input.type,
      scenarioId: input.scenarioId,
      settings,
      sealedSecret: secret ? this.box.seal({ secret }) : null,
      enabled: input.enabled,
      createdAt: now,
      updatedAt: now,
    });
    return { ...(await this.get(id)), ...(secret ? { secret } : {}) };
  }

  async update(id: string, input: TriggerInput): Promise<TriggerView> {
    const existing = await this.entity(id);
    if (existing.type !== input.type) throw new BadRequestException('Invalid input: type: cannot change');
    const settings = this.checkSettings(input.type, input.settings);
    await this.triggers.update(
      { id },
      { name: input.name, scenarioId: input.scenarioId, settings, enabled: input.enabled, updatedAt: nowIso() },
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.entity(id);
    await this.triggers.delete({ id });
  }

  /** Verifies the call and queues the webhook's scenario with the JSON body as `args.request`. */
  async fireWebhook(id: string, call: WebhookCall): Promise<{ runId: string }> {
    const trigger = await this.triggers.findOneBy({ id, type: 'webhook' });
    // The same answer for "no such hook" and "wrong secret": ids are not probed.
    if (!trigger || !trigger.sealedSecret) throw new UnauthorizedException('Webhook authentication failed');
    const { secret } = this.box.open(trigger.sealedSecret);
    const settings = webhookSettings.parse(trigger.settings);
    if (settings.auth === 'token') {
      const given = call.token ?? call.authorization?.replace(/^Bearer\s+/i, '');
      if (!given || !sameText(given, secret!)) throw new UnauthorizedException('Webhook authentication failed');
    } else {
      const seconds = Number(call.timestamp);
      if (
        !call.signature ||
        !Number.isFinite(seconds) ||
        Math.abs(Date.now() - seconds * 1000) > SIGNATURE_TOLERANCE_MS
      )
        throw new UnauthorizedException('Webhook authentication failed');
      const body = call.rawBody ?? Buffer.from(JSON.stringify(call.body ?? {}));
      const expected = `sha256=${createHmac('sha256', secret!).update(`${call.timestamp}.`).update(body).digest('hex')}`;
      if (!sameText(call.signature, expected)) throw new UnauthorizedException('Webhook authentication failed');
    }
    if (!trigger.enabled) throw new ForbiddenException('This webhook is disabled');
    const { runId } = await this.runs.start(trigger.scenarioId, { request: call.body ?? {} }, 'webhook');
    return { runId };
  }

  private async entity(id: string): Promise<ServiceTriggerEntity> {
    const trigger = await this.triggers.findOneBy({ id });
    if (!trigger) throw new NotFoundException(`No trigger ${id}`);
    return trigger;
  }

  private checkSettings(type: TriggerType, settings: JsonObject): JsonObject {
    const schema =
      type === 'webhook' ? webhookSettings : type === 'missed-call' ? missedCallSettings : postCallSettings;
    const parsed = schema.safeParse(settings);
    if (!parsed.success)
      throw new BadRequestException(
        `Invalid input: settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    return parsed.data as JsonObject;
  }
}
