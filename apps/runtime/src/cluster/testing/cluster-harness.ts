/**
 * Several runtime processes on one machine (loopback only) for the cluster tests and `pnpm soak`:
 * each node is `node --import tsx --conditions=source apps/runtime/src/main.ts` with its own HTTP
 * and outbound-socket ports, sharing one PostgreSQL schema, one BullMQ queue on Redis and one
 * standalone emulator (emulator-process.ts). TcpProxy cuts a node's database or Redis connection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorProcessConfig } from './emulator-process.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '../../../../..');
const MAIN = join(REPO_ROOT, 'apps/runtime/src/main.ts');
const EMULATOR = join(HERE, 'emulator-process.ts');

/** Thrown inside a waitFor check: stops waiting at once. */
export class WaitAborted extends Error {}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` returns a truthy value (or throws the last error past `timeoutMs`). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      if (error instanceof WaitAborted) throw error;
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message ?? String(last)}` : ''}`);
    await sleep(everyMs);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A child process whose output is kept (the last lines) for failure messages. */
class Child {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  exitCode: number | null | undefined;
  exitedAt: number | undefined;
  constructor(readonly proc: ChildProcess) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) this.output.push(line);
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.exited = new Promise((r) =>
      proc.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        this.exitedAt = Date.now();
        r(code);
      }),
    );
  }
  get running(): boolean {
    return this.exitCode === undefined;
  }
  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.proc.kill(signal);
    const done = await Promise.race([this.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
    if (!done && this.running) {
      this.proc.kill('SIGKILL');
      await this.exited;
    }
  }
}

function spawnTs(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script], {
    cwd: REPO_ROOT,
    // The runtime's tsconfig turns on the decorators Nest needs.
    env: { TSX_TSCONFIG_PATH: join(REPO_ROOT, 'apps/runtime/tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export class EmulatorProcess extends Child {
  constructor(
    proc: ChildProcess,
    readonly config: EmulatorProcessConfig,
  ) {
    super(proc);
  }

  static async start(config: EmulatorProcessConfig, env: NodeJS.ProcessEnv = {}): Promise<EmulatorProcess> {
    const child = new EmulatorProcess(
      spawnTs(EMULATOR, { ...process.env, ...env, CLUSTER_EMULATOR: JSON.stringify(config) }),
      config,
    );
    await waitFor('the emulator', () => {
      if (!child.running) throw new WaitAborted(`the emulator exited:\n${child.tail()}`);
      return child.output.some((line) => line.includes('emulator ready'));
    });
    return child;
  }

  get control(): string {
    return `http://127.0.0.1:${this.config.controlPort}`;
  }

  async placeCall(to: string, from = '79990000000'): Promise<string> {
    const response = await fetch(`${this.control}/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to, from }),
    });
    if (response.status !== 201) throw new Error(`placeCall ${to}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { uuid: string }).uuid;
  }

  async calls(): Promise<
    Array<{ uuid: string; direction: string; to: string; from?: string; active: boolean; state: string }>
  > {
    return (await (await fetch(`${this.control}/calls`)).json()) as never;
  }

  async history(uuid: string): Promise<{ summary: { hangupCause?: string; spoken: string[] } } | undefined> {
    const response = await fetch(`${this.control}/calls/${uuid}`);
    return response.ok ? ((await response.json()) as never) : undefined;
  }

  /** An API command on the switch (as over the event socket). */
  async api(command: string): Promise<string> {
    const response = await fetch(`${this.control}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ command }),
    });
    return ((await response.json()) as { output: string }).output;
  }

  async hangup(uuid: string): Promise<void> {
    await fetch(`${this.control}/calls/${uuid}/hangup`, { method: 'POST', body: '{}' });
  }

  async activeCalls(): Promise<number> {
    return ((await (await fetch(`${this.control}/health`)).json()) as { calls: number }).calls;
  }
}

export interface NodeSpec {
  name: string;
  /** Overrides of the node's environment (e.g. DATABASE_URL through a proxy). */
  env?: NodeJS.ProcessEnv;
}

export class RuntimeNode extends Child {
  private token: string | undefined;
  constructor(
    proc: ChildProcess,
    readonly name: string,
    readonly port: number,
    readonly eslPort: number,
    readonly env: NodeJS.ProcessEnv,
  ) {
    super(proc);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async health(): Promise<{ status: number; body: { status: string; checks: Record<string, { status: string }> } }> {
    const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: (await response.json()) as never };
  }

  async login(): Promise<string> {
    const response = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: this.env.ADMIN_PASSWORD }),
    });
    if (!response.ok) throw new Error(`login on ${this.name}: ${response.status} ${await response.text()}`);
    this.token = ((await response.json()) as { token: string }).token;
    return this.token;
  }

  /** JSON request with the admin token; throws on an unexpected status. */
  async api<T = unknown>(method: string, path: string, body?: unknown, expect?: number[]): Promise<T> {
    this.token ??= await this.login();
    const isForm = body instanceof FormData;
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: isForm ? body : JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (expect ? !expect.includes(response.status) : response.status >= 300)
      throw new Error(`${this.name} ${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

export interface ClusterOptions {
  postgresUrl: string;
  redisUrl: string;
  /** Emulator speed (1 = real time). */
  timeScale?: number;
  endpoints?: EmulatorProcessConfig['endpoints'];
  /** Number prefix -> node name: its calls go to that node's socket. */
  pins?: Record<string, string>;
  /** Environment shared by every node. */
  env?: NodeJS.ProcessEnv;
  /** Environment of the emulator process. */
  emulatorEnv?: NodeJS.ProcessEnv;
}

/** One PostgreSQL schema, one BullMQ queue, one emulator and the nodes started on them. */
export class Cluster {
  readonly nodes = new Map<string, RuntimeNode>();
  readonly schema = `cluster_${randomBytes(5).toString('hex')}`;
  readonly queue = `ivr-cluster-${randomBytes(4).toString('hex')}`;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'ivr-cluster-'));
  readonly secretKey = randomBytes(32).toString('hex');
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly adminPassword = `admin-${randomUUID()}`;
  emulator!: EmulatorProcess;
  private eslPort = 0;
  private controlPort = 0;
  private readonly eslPorts = new Map<string, number>();

  constructor(readonly options: ClusterOptions) {}

  /** Creates the schema, picks every node's ports and starts the emulator. */
  async prepare(nodeNames: string[]): Promise<void> {
    await this.sql(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    this.eslPort = await freePort();
    this.controlPort = await freePort();
    for (const name of nodeNames) this.eslPorts.set(name, await freePort());
    await this.startEmulator();
  }

  emulatorConfig(): EmulatorProcessConfig {
    const target = (name: string) => `127.0.0.1:${this.eslPorts.get(name)}`;
    return {
      port: this.eslPort,
      controlPort: this.controlPort,
      password: 'ClusterCon',
      timeScale: this.options.timeScale ?? 1,
      targets: [...this.eslPorts.keys()].map(target),
      pins: Object.fromEntries(Object.entries(this.options.pins ?? {}).map(([prefix, name]) => [prefix, target(name)])),
      ...(this.options.endpoints ? { endpoints: this.options.endpoints } : {}),
    };
  }

  async startEmulator(): Promise<EmulatorProcess> {
    this.emulator = await EmulatorProcess.start(this.emulatorConfig(), this.options.emulatorEnv);
    return this.emulator;
  }

  /** The environment of one node (its own ports and id; the shared database, queue and switch). */
  nodeEnv(name: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATA_DIR: join(this.dataDir, name),
      DATABASE_URL: this.options.postgresUrl,
      DATABASE_SCHEMA: this.schema,
      REDIS_URL: this.options.redisUrl,
      JOBS_QUEUE: this.queue,
      SECRET_KEY: this.secretKey,
      JWT_SECRET: this.jwtSecret,
      ADMIN_PASSWORD: this.adminPassword,
      PASSWORD_HASH_ROUNDS: '4',
      LOG_LEVEL: 'warn',
      FREESWITCH: `127.0.0.1:${this.eslPort}:ClusterCon`,
      ESL_LISTEN_HOST: '127.0.0.1',
      ESL_LISTEN_PORT: String(this.eslPorts.get(name)),
      ESL_ADVERTISED_HOST: '127.0.0.1',
      ESL_NODE_ID: `cluster-${name}`,
      ...this.options.env,
      ...extra,
    };
  }

  /** Starts (or restarts) a node and waits until its /health answers 200. */
  async startNode(spec: NodeSpec): Promise<RuntimeNode> {
    const port = await freePort();
    const env = this.nodeEnv(spec.name, { PORT: String(port), ...spec.env });
    const node = new RuntimeNode(spawnTs(MAIN, env), spec.name, port, this.eslPorts.get(spec.name)!, env);
    this.nodes.set(spec.name, node);
    await waitFor(
      `node ${spec.name}`,
      async () => {
        if (!node.running) throw new WaitAborted(`node ${spec.name} exited (${node.exitCode}):\n${node.tail()}`);
        return (await node.health()).status === 200;
      },
      180_000,
      500,
    );
    return node;
  }

  node(name: string): RuntimeNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no node ${name}`);
    return node;
  }

  /** Runs SQL in this cluster's schema (a short-lived connection each time). */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: this.options.postgresUrl });
    await client.connect();
    try {
      if (this.schema && !text.startsWith('CREATE SCHEMA') && !text.startsWith('DROP SCHEMA'))
        await client.query(`SET search_path TO ${this.schema}`);
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.nodes.values()].map((node) => node.stop('SIGTERM', 20_000)));
    await this.emulator?.stop('SIGTERM', 5000);
    await this.sql(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`).catch(() => undefined);
    await this.dropQueue().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async dropQueue(): Promise<void> {
    const { Redis } = await import('ioredis');
    const redis = new Redis(this.options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `ivr:${this.queue}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}

/** A TCP proxy in front of a service; `cut()` drops every connection and refuses new ones until `restore()`. */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private cutOff = false;
  port = 0;

  constructor(
    private readonly target: { host: string; port: number },
    port = 0,
  ) {
    this.port = port;
  }

  static forUrl(url: string): TcpProxy {
    const parsed = new URL(url);
    const fallback = parsed.protocol.startsWith('redis') ? 6379 : 5432;
    return new TcpProxy({ host: parsed.hostname, port: Number(parsed.port || fallback) });
  }

  /** The URL with host:port replaced by the proxy's. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async start(): Promise<this> {
    const server = createServer((client) => {
      if (this.cutOff) return client.destroy();
      const upstream = connect(this.target);
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    this.server = server;
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
    this.port = (server.address() as { port: number }).port;
    return this;
  }

  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.cutOff = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** A test scenario: an IVR that counts its calls in a global variable, says the count, then waits. */
export function countingScenario(id: string, waitSeconds: number, kind = 'main'): Record<string, unknown> {
  return {
    format: 'ivr-scenario/1',
    id,
    name: `Counting ${id}`,
    kind,
    params: [],
    variables: [{ name: 'calls', scope: 'global', type: 'int', initial: 0 }],
    start: 'answer',
    nodes: [
      { id: 'answer', type: 'answer', typeVersion: 1, params: {}, exits: { ok: 'count' } },
      {
        id: 'count',
        type: 'assign',
        typeVersion: 1,
        params: { assignments: [{ variable: 'calls', value: 'calls + 1' }] },
        exits: { ok: 'hello' },
      },
      {
        id: 'hello',
        type: 'play',
        typeVersion: 1,
        params: { prompt: { tts: 'Call number {{ calls }}.' } },
        exits: { ok: 'wait' },
      },
      { id: 'wait', type: 'pause', typeVersion: 1, params: { duration: waitSeconds }, exits: { ok: 'end' } },
      { id: 'end', type: 'end', typeVersion: 1, params: { action: 'hangup', result: 'done' }, exits: {} },
    ],
    layout: {},
  };
}

/** Saves and publishes a scenario through one node's API. */
export async function publish(node: RuntimeNode, document: Record<string, unknown>): Promise<void> {
  const id = document.id as string;
  const existing = await node.api<{ revision?: number }>('GET', `/api/scenarios/${id}`, undefined, [200, 404]);
  if (existing && 'revision' in existing && existing.revision !== undefined)
    await node.api('PUT', `/api/scenarios/${id}/draft`, { document, revision: existing.revision });
  else await node.api('POST', '/api/scenarios', { document });
  await node.api('POST', `/api/scenarios/${id}/publish`, { note: 'cluster test' });
}
