import type { DataSource, Repository } from 'typeorm';
import { isUniqueViolation } from '../database/unique-violation.js';
import type { GlobalVariableStore } from '../engine/variables.js';
import { GlobalVariableEntity } from './global-variable.entity.js';

export interface DatabaseGlobalsOptions {
  /** Written into `updated_by`. */
  nodeId: string;
  /** How often the cache is refreshed from the table (GLOBALS_REFRESH_MS, default 1000). */
  refreshMs?: number;
  /** First and largest delay between retries of a failed write. */
  retryMs?: { min: number; max: number };
  onError?: (message: string, error: unknown) => void;
}

interface Cached {
  value: unknown;
  revision: number;
}

interface PendingWrite {
  value: unknown;
  /** An initial value: written only when no row exists. */
  ifAbsent: boolean;
}

/**
 * Global variables (scope `global`) in the `global_variables` table, shared by every node.
 *
 * The engine reads and writes variables synchronously, so each node keeps a cache of the whole
 * table: reads come from it, a write updates it at once (a run reads its own writes) and goes
 * through to the table in the background, retried with back-off while the database is away. The
 * cache takes the table's rows every `refreshMs` when their revision moved, except for names with a
 * write of this node still pending. Between nodes this is last-writer-wins with reads at most
 * `refreshMs` old; an initial value is only inserted, never written over another node's value.
 * Meant for the tens or hundreds of settings-like values globals are for: the table is read whole.
 */
export class DatabaseGlobals implements GlobalVariableStore {
  private readonly repository: Repository<GlobalVariableEntity>;
  private readonly cache = new Map<string, Cached>();
  private readonly pending = new Map<string, PendingWrite>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    dataSource: DataSource,
    private readonly options: DatabaseGlobalsOptions,
  ) {
    this.repository = dataSource.getRepository(GlobalVariableEntity);
  }

  /** Loads the table, then refreshes on a timer. */
  async start(): Promise<void> {
    await this.refresh();
    const loop = () => {
      this.timer = setTimeout(() => {
        this.refresh()
          .catch((error) => this.options.onError?.('global variables refresh failed', error))
          .finally(() => {
            if (!this.stopped) loop();
          });
      }, this.options.refreshMs ?? 1000);
      this.timer.unref();
    };
    loop();
  }

  /** Stops refreshing and tries the pending writes once more (up to `waitMs`). */
  async stop(waitMs = 5000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    if (this.pending.size === 0 && !this.flushing) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.flush().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }

  get(name: string): unknown {
    return this.cache.get(name)?.value;
  }

  set(name: string, value: unknown): void {
    this.write(name, value, false);
  }

  setIfAbsent(name: string, value: unknown): void {
    if (this.cache.has(name) && this.cache.get(name)!.value !== undefined) return;
    this.write(name, value, true);
  }

  /** Writes not yet in the table (for /health and tests). */
  get pendingWrites(): number {
    return this.pending.size;
  }

  /** Takes the table's rows into the cache (names with a pending local write keep theirs). */
  async refresh(): Promise<void> {
    const rows = await this.repository.find({ select: { name: true, value: true, revision: true } });
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.name);
      if (this.pending.has(row.name)) continue;
      const cached = this.cache.get(row.name);
      if (cached && cached.revision === row.revision) continue;
      this.cache.set(row.name, { value: parse(row.value), revision: row.revision });
    }
    for (const name of [...this.cache.keys()]) if (!seen.has(name) && !this.pending.has(name)) this.cache.delete(name);
  }

  private write(name: string, value: unknown, ifAbsent: boolean): void {
    // A later plain write replaces an initial one still waiting; an initial one never replaces a write.
    if (ifAbsent && this.pending.has(name)) return;
    const revision = this.cache.get(name)?.revision ?? 0;
    if (value === undefined) this.cache.delete(name);
    else this.cache.set(name, { value, revision });
    this.pending.set(name, { value, ifAbsent });
    this.kick();
  }

  private kick(): void {
    if (this.stopped || this.flushing || this.retryTimer) return;
    this.flushing = this.flush()
      .then(() => {
        this.failures = 0;
      })
      .catch((error) => {
        this.failures += 1;
        this.options.onError?.('global variable write failed; retrying', error);
        const { min, max } = this.options.retryMs ?? { min: 250, max: 5000 };
        const delay = Math.min(max, min * 2 ** Math.min(10, this.failures - 1));
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick();
        }, delay);
        this.retryTimer.unref();
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.pending.size > 0 && !this.retryTimer) this.kick();
      });
  }

  /** Writes every pending value in order; throws on the first failure (the rest stay pending). */
  private async flush(): Promise<void> {
    for (const [name, write] of [...this.pending]) {
      await this.store(name, write);
      // Only forget it if no newer write came in meanwhile.
      if (this.pending.get(name) === write) this.pending.delete(name);
    }
  }

  private async store(name: string, write: PendingWrite): Promise<void> {
    const now = new Date().toISOString();
    const by = this.options.nodeId.slice(0, 64);
    if (write.value === undefined) {
      await this.repository.delete({ name });
      return;
    }
    const text = JSON.stringify(write.value);
    for (let tries = 0; tries < 3; tries++) {
      if (!write.ifAbsent) {
        const updated = await this.repository
          .createQueryBuilder()
          .update(GlobalVariableEntity)
          .set({ value: text, revision: () => 'revision + 1', updatedAt: now, updatedBy: by })
          .where('name = :name', { name })
          .execute();
        if ((updated.affected ?? 0) > 0) return;
      }
      try {
        await this.repository.insert({ name, value: text, revision: 1, updatedAt: now, updatedBy: by });
        return;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (write.ifAbsent) {
          // Another node set it first: take its value.
          const row = await this.repository.findOneBy({ name });
          if (row && this.pending.get(name) === write)
            this.cache.set(name, { value: parse(row.value), revision: row.revision });
          return;
        }
      }
    }
    throw new Error(`global variable "${name}" could not be written`);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
