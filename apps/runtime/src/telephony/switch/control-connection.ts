/**
 * The inbound control connection to one FreeSWITCH (api / bgapi): connects, authenticates,
 * subscribes narrowly, keeps capacity from HEARTBEAT, and reconnects with exponential back-off
 * (re-subscribing) whenever the connection ends, until stopped.
 */
import { EslClient } from '../esl/esl-client.js';
import { EslConnectionClosed } from '../esl/esl-errors.js';
import type { EslEvent } from '../esl/esl-event.js';

export interface SwitchAddress {
  host: string;
  port: number;
  password: string;
}

export interface Capacity {
  sessions: number;
  maxSessions: number;
  /** When the numbers were last read (HEARTBEAT or `status`). */
  updatedAt: Date;
}

export interface ControlConnectionOptions {
  commandTimeoutMs?: number;
  /** First reconnect delay; doubles on each failure up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

/**
 * BACKGROUND_JOB comes from modesl's own subscription; HEARTBEAT gives capacity; conference
 * maintenance events let a run wait for a room's size. CHANNEL_EXECUTE_COMPLETE, which modesl
 * subscribes on every connection, is dropped: on a busy switch it would carry every call's events.
 */
const SUBSCRIBE = 'event json BACKGROUND_JOB HEARTBEAT CUSTOM conference::maintenance';

export class ControlConnection {
  readonly id: string;
  private client: EslClient | undefined;
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(event: EslEvent) => void>();
  private readonly readyWaiters = new Set<() => void>();
  private currentCapacity: Capacity | undefined;
  /** The switch's Core-UUID, learned from its events (tells switches apart for calls). */
  coreUuid: string | undefined;
  /** How many times a connection was established (1 = first connect). */
  connects = 0;

  constructor(
    readonly address: SwitchAddress,
    private readonly options: ControlConnectionOptions = {},
  ) {
    this.id = `${address.host}:${address.port}`;
  }

  get connected(): boolean {
    return this.client !== undefined && !this.client.isClosed;
  }

  get capacity(): Capacity | undefined {
    return this.currentCapacity;
  }

  /** Free sessions by the last HEARTBEAT; undefined when not known yet. */
  get freeSessions(): number | undefined {
    const c = this.currentCapacity;
    return c ? c.maxSessions - c.sessions : undefined;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    if (client) await client.exit();
    for (const wake of [...this.readyWaiters]) wake();
  }

  /** Drops the connection as a network failure would (tests, or an operator forcing a reconnect). */
  drop(): void {
    this.client?.destroy('dropped');
  }

  onEvent(listener: (event: EslEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `api`, waiting up to the command timeout for a reconnection when the connection is down. */
  async api(command: string): Promise<string> {
    return (await this.ready()).api(command);
  }

  async bgapi(command: string, options: { jobUuid?: string; signal?: AbortSignal } = {}): Promise<string> {
    return (await this.ready()).bgapi(command, options);
  }

  /** Resolves with the live client, waiting for a reconnection (bounded by the command timeout). */
  async ready(timeoutMs = this.options.commandTimeoutMs ?? 10_000): Promise<EslClient> {
    const current = this.client;
    if (current && !current.isClosed) return current;
    if (this.stopped) throw new EslConnectionClosed(`${this.id}: stopped`);
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.readyWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.readyWaiters.add(wake);
    });
    const client = this.client;
    if (!client || client.isClosed) throw new EslConnectionClosed(`${this.id}: not connected`);
    return client;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let client: EslClient | undefined;
    // A restarted switch has a new Core-UUID: learn it again from the new connection's events.
    this.coreUuid = undefined;
    try {
      client = await EslClient.connectInbound(this.address, {
        label: this.id,
        ...(this.options.commandTimeoutMs !== undefined ? { commandTimeoutMs: this.options.commandTimeoutMs } : {}),
      });
      client.onEvent((event) => this.onSwitchEvent(event));
      await client.command(SUBSCRIBE);
      await client.command('nixevent CHANNEL_EXECUTE_COMPLETE');
      this.readStatus(await client.api('status'));
    } catch (error) {
      client?.destroy('set-up failed');
      this.options.log?.('warn', 'control connection failed', { switch: this.id, error: (error as Error).message });
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.exit();
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.connects += 1;
    this.options.log?.('info', 'control connection up', { switch: this.id, connects: this.connects });
    client.onClose((reason) => {
      if (this.client === client) this.client = undefined;
      if (this.stopped) return;
      this.options.log?.('warn', 'control connection lost', { switch: this.id, reason });
      this.scheduleReconnect();
    });
    for (const wake of [...this.readyWaiters]) wake();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const initial = this.options.initialBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 30_000;
    const base = Math.min(max, initial * 2 ** this.attempt);
    this.attempt += 1;
    // Jitter keeps several runtimes from reconnecting to a restarted switch in lockstep.
    const delayMs = Math.round(base * (0.8 + Math.random() * 0.4));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delayMs);
  }

  private onSwitchEvent(event: EslEvent): void {
    this.coreUuid ??= event.header('Core-UUID');
    if (event.name === 'HEARTBEAT') {
      const sessions = Number(event.header('Session-Count'));
      const maxSessions = Number(event.header('Max-Sessions'));
      if (Number.isFinite(sessions) && Number.isFinite(maxSessions))
        this.currentCapacity = { sessions, maxSessions, updatedAt: new Date() };
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  /** `status` gives the same numbers as HEARTBEAT, so capacity is known before the first one. */
  private readStatus(text: string): void {
    const sessions = /(\d+) session\(s\) - peak/.exec(text)?.[1];
    const max = /(\d+) session\(s\) max/.exec(text)?.[1];
    if (sessions !== undefined && max !== undefined)
      this.currentCapacity = { sessions: Number(sessions), maxSessions: Number(max), updatedAt: new Date() };
  }
}
