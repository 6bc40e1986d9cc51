import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { describeZodIssues } from '../common/zod-body.js';
import { nowIso } from '../common/time.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import type { JsonObject } from '../database/json-text.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { connectionKind } from './connection-kinds.js';
import { testConnection, type ConnectionTestResult } from './connection-tester.js';
import { ConnectionEntity } from './connection.entity.js';
import { SecretBox } from './secret-box.js';

export interface ConnectionInput {
  name: string;
  type: string;
  driver: string;
  settings: Record<string, unknown>;
  /** A value sets the secret, null clears it, an absent field keeps what is stored. */
  secrets?: Record<string, string | null>;
  description?: string | null;
}

/** A connection as the API shows it: the names of the secrets that are set, never their values. */
export interface ConnectionView {
  id: string;
  name: string;
  type: string;
  driver: string;
  settings: Record<string, unknown>;
  secretsSet: string[];
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the engine's integrations get: settings and secrets in the clear, in memory only. */
export interface ResolvedConnection {
  name: string;
  type: string;
  driver: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

@Injectable()
export class ConnectionsService {
  private readonly box: SecretBox;

  constructor(
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {
    this.box = new SecretBox(config.secretKey);
  }

  async list(): Promise<ConnectionView[]> {
    return (await this.connections.find({ order: { name: 'ASC' } })).map((c) => this.view(c));
  }

  async get(id: string): Promise<ConnectionView> {
    return this.view(await this.require(id));
  }

  async create(input: ConnectionInput): Promise<ConnectionView> {
    const { settings, secrets } = this.check(input, {});
    const now = nowIso();
    const row: ConnectionEntity = {
      id: randomUUID(),
      name: input.name,
      type: input.type,
      driver: input.driver,
      settings,
      sealedSecrets: this.sealOrNull(secrets),
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await onUniqueViolation(
      () => this.connections.insert(row),
      () => new ConflictException(`A connection named ${input.name} exists`),
    );
    return this.view(row);
  }

  async update(id: string, input: ConnectionInput): Promise<ConnectionView> {
    const existing = await this.require(id);
    // Stored secrets carry over only while the driver stays the same: they mean nothing to another.
    const kept = existing.type === input.type && existing.driver === input.driver ? this.openSecrets(existing) : {};
    const { settings, secrets } = this.check(input, kept);
    await onUniqueViolation(
      () =>
        this.connections.update(
          { id },
          {
            name: input.name,
            type: input.type,
            driver: input.driver,
            settings,
            sealedSecrets: this.sealOrNull(secrets),
            description: input.description ?? null,
            updatedAt: nowIso(),
          },
        ),
      () => new ConflictException(`A connection named ${input.name} exists`),
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.require(id);
    await this.connections.delete({ id });
  }

  async test(id: string): Promise<ConnectionTestResult> {
    const connection = await this.require(id);
    return testConnection(
      {
        type: connection.type,
        driver: connection.driver,
        settings: connection.settings,
        secrets: this.openSecrets(connection),
      },
      this.config.dataDir,
    );
  }

  /** For the engine: a connection by the name scenarios use. */
  async resolveByName(name: string): Promise<ResolvedConnection | null> {
    const connection = await this.connections.findOneBy({ name });
    if (!connection) return null;
    return {
      name,
      type: connection.type,
      driver: connection.driver,
      settings: connection.settings,
      secrets: this.openSecrets(connection),
    };
  }

  private check(input: ConnectionInput, kept: Record<string, string>) {
    const kind = connectionKind(input.type, input.driver);
    if (!kind) throw new BadRequestException(`Invalid input: driver: ${input.type} has no driver ${input.driver}`);
    const settings = kind.settings.safeParse(input.settings);
    if (!settings.success) throw this.invalid('settings', settings.error);
    const merged: Record<string, string> = { ...kept };
    for (const [field, value] of Object.entries(input.secrets ?? {})) {
      if (value === null) delete merged[field];
      else merged[field] = value;
    }
    const secrets = kind.secrets.safeParse(merged);
    if (!secrets.success) throw this.invalid('secrets', secrets.error);
    return { settings: settings.data as JsonObject, secrets: secrets.data as Record<string, string> };
  }

  private invalid(where: string, error: Parameters<typeof describeZodIssues>[0]) {
    const { message, details } = describeZodIssues(error);
    // Zod messages describe the rule, never the value, so secrets cannot leak through them.
    return new BadRequestException({
      message: `Invalid input: ${where}.${message}`,
      details: details.map((d) => ({ ...d, path: `${where}.${d.path}` })),
    });
  }

  private sealOrNull(secrets: Record<string, string>): string | null {
    return Object.keys(secrets).length > 0 ? this.box.seal(secrets) : null;
  }

  private openSecrets(connection: ConnectionEntity): Record<string, string> {
    return connection.sealedSecrets ? this.box.open(connection.sealedSecrets) : {};
  }

  private view(connection: ConnectionEntity): ConnectionView {
    return {
      id: connection.id,
      name: connection.name,
      type: connection.type,
      driver: connection.driver,
      settings: connection.settings,
      secretsSet: Object.keys(this.openSecrets(connection)).sort(),
      description: connection.description,
      createdAt: connection.createdAt,
      updatedAt: connection.updatedAt,
    };
  }

  private async require(id: string): Promise<ConnectionEntity> {
    const connection = await this.connections.findOneBy({ id });
    if (!connection) throw new NotFoundException(`No connection ${id}`);
    return connection;
  }
}
