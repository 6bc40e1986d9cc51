/**
 * A typed promise API over one modesl connection: commands with per-command timeouts, api and
 * bgapi, dialplan applications with their completion, and event delivery by reference.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type modesl from 'modesl';
import { EslConnection } from './esl-connection.js';
import { EslConnectionClosed, EslTimeout } from './esl-errors.js';
import { EslEvent } from './esl-event.js';

export interface EslReply {
  ok: boolean;
  /** Reply-Text (command/reply) or the body (api/response). */
  text: string;
  event: EslEvent;
}

export interface EslClientOptions {
  /** How long a command may wait for its reply (command/reply, api/response). */
  commandTimeoutMs?: number;
  /** A name for error messages and logs (e.g. the switch address or the call uuid). */
  label?: string;
}

export type EventListener = (event: EslEvent) => void;

type HeaderMap = Record<string, string>;

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

export class EslClient {
  private readonly listeners = new Set<EventListener>();
  private readonly noticeListeners = new Set<(disposition: string) => void>();
  private readonly pendingReplies = new Set<Waiter<never>>();
  private readonly jobs = new Map<string, Waiter<string>>();
  private readonly executions = new Map<string, Waiter<EslEvent>>();
  private closedReason: string | undefined;
  private readonly closeListeners = new Set<(reason: string) => void>();
  readonly closed: Promise<string>;
  readonly label: string;
  private readonly commandTimeoutMs: number;

  private constructor(
    private readonly conn: EslConnection,
    private readonly socket: Socket,
    options: EslClientOptions,
  ) {
    this.label = options.label ?? 'esl';
    this.commandTimeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.closed = new Promise((resolve) => this.closeListeners.add(resolve));
    socket.setNoDelay(true);
    // modesl re-emits socket errors on its EventEmitter2, which throws when nobody listens.
    conn.on('error', (error: Error) => this.destroy(`socket error: ${error.message}`));
    socket.once('close', () => this.finish('connection closed'));
    conn.eventSink = (raw) => this.dispatch(new EslEvent(raw));
    conn.onProtocolError = (message) => this.destroy(message);
    conn.on('esl::event::disconnect::notice', (notice: modesl.Event) => {
      const disposition = notice.getHeader('Content-Disposition') ?? 'disconnect';
      for (const listener of [...this.noticeListeners]) listener(disposition);
    });
  }

  /** Inbound mode: connects to a FreeSWITCH event socket and authenticates. */
  static connectInbound(
    target: { host: string; port: number; password: string },
    options: EslClientOptions = {},
  ): Promise<EslClient> {
    const conn = new EslConnection(target.host, target.port, target.password);
    const socket = conn.socket!;
    const client = new EslClient(conn, socket, { label: `${target.host}:${target.port}`, ...options });
    return new Promise((resolve, reject) => {
      const timeoutMs = client.commandTimeoutMs;
      const fail = (error: Error) => {
        cleanup();
        client.destroy(error.message);
        reject(error);
      };
      const onReady = () => {
        cleanup();
        resolve(client);
      };
      const onAuthFail = () => fail(new Error(`ESL authentication refused by ${client.label}`));
      const offClose = client.onClose((reason) => fail(new EslConnectionClosed(`${client.label}: ${reason}`)));
      const timer = setTimeout(() => fail(new EslTimeout('auth', timeoutMs)), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        offClose();
        conn.removeListener('esl::ready', onReady);
        conn.removeListener('esl::event::auth::fail', onAuthFail);
      };
      conn.once('esl::ready', onReady);
      conn.once('esl::event::auth::fail', onAuthFail);
    });
  }

  /**
   * Outbound mode: FreeSWITCH connected to us for one channel. Sends `connect` (modesl does),
   * `myevents` (this channel only) and `linger` (keep the socket after hangup so the last events
   * arrive), and resolves with the channel data of the connect reply.
   */
  static async acceptOutbound(
    socket: Socket,
    options: EslClientOptions = {},
  ): Promise<{ client: EslClient; channelData: EslEvent }> {
    socket.setNoDelay(true);
    const conn = new EslConnection(socket);
    const client = new EslClient(conn, socket, { label: 'outbound', ...options });
    try {
      const connected = new Promise<EslEvent>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new EslTimeout('connect', client.commandTimeoutMs)),
          client.commandTimeoutMs,
        );
        const offClose = client.onClose((reason) => reject(new EslConnectionClosed(`before connect: ${reason}`)));
        conn.once('esl::ready', () => {
          clearTimeout(timer);
          offClose();
          const data = conn.getInfo();
          if (data) resolve(EslEvent.fromModesl(data));
          else reject(new Error('connect reply carried no channel data'));
        });
      });
      // Sent right behind `connect`, before modesl's own `event json BACKGROUND_JOB
      // CHANNEL_EXECUTE_COMPLETE`, so that subscription is already narrowed to this channel.
      const [channelData] = await Promise.all([connected, client.command('myevents json'), client.command('linger')]);
      return { client, channelData };
    } catch (error) {
      client.destroy('outbound setup failed');
      throw error;
    }
  }

  get isClosed(): boolean {
    return this.closedReason !== undefined;
  }

  // --- commands -------------------------------------------------------------------------------------

  /** Sends a command and resolves with its command/reply. */
  command(line: string, headers?: HeaderMap, timeoutMs = this.commandTimeoutMs): Promise<EslReply> {
    return this.awaitReply(line, timeoutMs, (callback) => this.conn.sendRecv(line, headers ?? null, callback)).then(
      (event) => {
        const text = event.header('Reply-Text') ?? '';
        return { ok: !text.startsWith('-'), text, event };
      },
    );
  }

  /** `api <command>`: resolves with the api/response body (which may or may not end in a newline). */
  api(command: string, timeoutMs = this.commandTimeoutMs): Promise<string> {
    return this.awaitReply(`api ${command}`, timeoutMs, (callback) => this.conn.api(command, '', callback)).then(
      (event) => event.body,
    );
  }

  /**
   * `bgapi <command>` with our own Job-UUID: resolves with the BACKGROUND_JOB body. The
   * connection must be subscribed to BACKGROUND_JOB (modesl subscribes it on connect).
   */
  async bgapi(command: string, options: { jobUuid?: string; signal?: AbortSignal } = {}): Promise<string> {
    const jobUuid = options.jobUuid ?? randomUUID();
    const result = this.waitFor(this.jobs, jobUuid, options.signal);
    // Observed at once: an abort may reject it before the command's reply is in.
    result.catch(() => undefined);
    try {
      const reply = await this.command(`bgapi ${command}`, { 'Job-UUID': jobUuid });
      if (!reply.ok) throw new Error(`bgapi ${command.split(' ')[0]} refused: ${reply.text}`);
    } catch (error) {
      this.jobs.get(jobUuid)?.reject(error as Error);
      throw error;
    }
    return result;
  }

  /**
   * Runs a dialplan application on a channel (`sendmsg` execute with `event-lock` so applications
   * run in the order sent) and resolves with its CHANNEL_EXECUTE_COMPLETE, matched by the
   * Application-UUID we chose (esl README item 4). The signal stops the waiting (not the media:
   * the caller breaks it) and forgets the completion.
   */
  async execute(uuid: string, app: string, arg = '', options: { signal?: AbortSignal } = {}): Promise<EslEvent> {
    const appUuid = randomUUID();
    const completion = this.waitFor(this.executions, appUuid, options.signal);
    completion.catch(() => undefined);
    const headers: HeaderMap = {
      'call-command': 'execute',
      'execute-app-name': app,
      'event-lock': 'true',
      'Event-UUID': appUuid,
    };
    if (arg) headers['execute-app-arg'] = arg.replace(/[\r\n]+/g, ' ');
    try {
      const reply = await this.command(`sendmsg ${uuid}`, headers);
      if (!reply.ok) throw new Error(`execute ${app} refused: ${reply.text}`);
    } catch (error) {
      this.executions.get(appUuid)?.reject(error as Error);
      throw error;
    }
    return completion;
  }

  /** Rejects every application completion still awaited (the channel hung up: queued ones never run). */
  abandonExecutions(error: Error): void {
    for (const waiter of [...this.executions.values()]) waiter.reject(error);
  }

  get pendingExecutions(): number {
    return this.executions.size;
  }

  /** Hangs a channel up through this connection (sendmsg hangup). */
  async hangupChannel(uuid: string, cause: string): Promise<void> {
    await this.command(`sendmsg ${uuid}`, { 'call-command': 'hangup', 'hangup-cause': cause });
  }

  // --- events ---------------------------------------------------------------------------------------

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** text/disconnect-notice: `linger` (channel gone, socket kept) or `disconnect`. */
  onDisconnectNotice(listener: (disposition: string) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    if (this.closedReason !== undefined) {
      listener(this.closedReason);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  // --- closing --------------------------------------------------------------------------------------

  /** Sends `exit` (FreeSWITCH answers `+OK bye` and closes), then makes sure the socket is gone. */
  async exit(timeoutMs = 2_000): Promise<void> {
    if (this.isClosed) return;
    try {
      await this.command('exit', undefined, timeoutMs);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.closed, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    } catch {
      // Closed or timed out: destroy below either way.
    }
    this.destroy('exit');
  }

  destroy(reason: string): void {
    if (!this.socket.destroyed) this.socket.destroy();
    this.finish(reason);
  }

  // --- internals ------------------------------------------------------------------------------------

  private dispatch(event: EslEvent): void {
    const name = event.name;
    if (name === 'BACKGROUND_JOB') {
      const job = event.header('Job-UUID');
      if (job) this.jobs.get(job)?.resolve(event.body);
    } else if (name === 'CHANNEL_EXECUTE_COMPLETE') {
      const appUuid = event.header('Application-UUID');
      if (appUuid) this.executions.get(appUuid)?.resolve(event);
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  /**
   * Registers a reply callback in modesl's FIFO and bounds it in time. A reply that never comes
   * would leave every later reply matched to the wrong command, so a timeout drops the connection.
   */
  private awaitReply(
    what: string,
    timeoutMs: number,
    send: (callback: modesl.ReplyCallback) => void,
  ): Promise<EslEvent> {
    if (this.closedReason !== undefined) return Promise.reject(new EslConnectionClosed(`${this.label}: ${what}`));
    return new Promise<EslEvent>((resolve, reject) => {
      let settled = false;
      const waiter: Waiter<never> = {
        resolve: () => undefined,
        reject: (error) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          this.pendingReplies.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiter.reject(new EslTimeout(what.split(' ').slice(0, 2).join(' '), timeoutMs));
        this.destroy(`no reply to ${what.split(' ')[0]}`);
      }, timeoutMs);
      this.pendingReplies.add(waiter);
      send((event) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pendingReplies.delete(waiter);
        resolve(EslEvent.fromModesl(event));
      });
    });
  }

  /** A promise settled by dispatch() (job or completion), by the signal, or by the close. */
  private waitFor<T>(registry: Map<string, Waiter<T>>, key: string, signal: AbortSignal | undefined): Promise<T> {
    if (this.closedReason !== undefined) return Promise.reject(new EslConnectionClosed(`${this.label}: ${key}`));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => waiter.reject(signal!.reason as Error);
      const done = () => {
        registry.delete(key);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter<T> = {
        resolve: (value) => {
          done();
          resolve(value);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      registry.set(key, waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private finish(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    const error = new EslConnectionClosed(`${this.label}: ${reason}`);
    for (const waiter of [...this.pendingReplies]) waiter.reject(error);
    for (const waiter of [...this.jobs.values()]) waiter.reject(error);
    for (const waiter of [...this.executions.values()]) waiter.reject(error);
    for (const listener of [...this.closeListeners]) listener(reason);
    this.closeListeners.clear();
    this.listeners.clear();
    this.noticeListeners.clear();
  }
}
