/**
 * Kills channels this runtime started or controls that no live run owns any more (a crash, a lost
 * socket, an originated leg nobody took). A channel is ours when its `ivr_runtime_node` variable
 * is this node's id; a grace period spares calls still being set up.
 */
import type { SwitchPool } from './switch-pool.js';

export interface OrphanReaperOptions {
  nodeId: string;
  /** Whether a run (or an originate in progress) owns the call. */
  isLive: (callId: string) => boolean;
  intervalMs: number;
  /** Channels younger than this are left alone. */
  graceMs: number;
  log?: (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

interface ChannelRow {
  uuid: string;
  created_epoch: string;
}

export class OrphanReaper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<string[]> | undefined;

  constructor(
    private readonly pool: SwitchPool,
    private readonly options: OrphanReaperOptions,
  ) {}

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
  }

  /** One pass over every connected switch; resolves with the uuids killed. */
  sweep(now = Date.now()): Promise<string[]> {
    this.sweeping ??= this.doSweep(now).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async doSweep(now: number): Promise<string[]> {
    const killed: string[] = [];
    for (const connection of this.pool.connections) {
      if (!connection.connected) continue;
      const rows = parseChannels(await connection.api('show channels as json'));
      for (const row of rows) {
        if (this.options.isLive(row.uuid)) continue;
        if (now - Number(row.created_epoch) * 1000 < this.options.graceMs) continue;
        const owner = (await connection.api(`uuid_getvar ${row.uuid} ivr_runtime_node`)).trim();
        if (owner !== this.options.nodeId) continue;
        const reply = await connection.api(`uuid_kill ${row.uuid} NORMAL_CLEARING`);
        if (reply.startsWith('+OK')) {
          killed.push(row.uuid);
          this.options.log?.('warn', 'killed an orphaned channel', { switch: connection.id, callId: row.uuid });
        }
      }
    }
    return killed;
  }
}

/** `{"row_count": 0}\n` when empty (with a space), compact JSON with `rows` otherwise. */
export function parseChannels(text: string): ChannelRow[] {
  try {
    const parsed = JSON.parse(text) as { rows?: ChannelRow[] };
    return Array.isArray(parsed.rows) ? parsed.rows.filter((row) => typeof row.uuid === 'string') : [];
  } catch {
    return [];
  }
}
