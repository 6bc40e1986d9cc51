/** A benchmark child process spoken to over IPC: send a message, wait for the reply of a given type. */
import { fork, type ChildProcess } from 'node:child_process';

type Message = { type: string } & Record<string, unknown>;

export class Child {
  private readonly process: ChildProcess;
  private readonly inbox: Message[] = [];
  private waiter: { type: string; resolve: (m: Message) => void } | undefined;
  private exited: string | undefined;

  constructor(
    readonly name: string,
    file: string,
    env: Record<string, string>,
  ) {
    this.process = fork(file, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // No --enable-source-maps: it makes every Error's stack costly, which production does not pay.
      // --expose-gc: a system under test collects garbage before each window's RSS baseline.
      execArgv: ['--expose-gc', ...(process.env.BENCH_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    });
    this.process.on('message', (message: Message) => {
      if (this.waiter && message.type === this.waiter.type) {
        const { resolve } = this.waiter;
        this.waiter = undefined;
        resolve(message);
      } else this.inbox.push(message);
    });
    this.process.on('exit', (code, signal) => {
      this.exited = `${name} exited (${code ?? signal})`;
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  send(message: Message): void {
    this.process.send(message);
  }

  /** Waits for the next message of `type` (or one that already came). */
  receive(type: string, timeoutMs = 120_000): Promise<Message> {
    const queued = this.inbox.findIndex((m) => m.type === type);
    if (queued >= 0) return Promise.resolve(this.inbox.splice(queued, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(this.exited ?? `${this.name}: no "${type}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const poll = setInterval(() => {
        if (this.exited) {
          clearInterval(poll);
          clearTimeout(timer);
          reject(new Error(this.exited));
        }
      }, 200);
      this.waiter = {
        type,
        resolve: (m) => {
          clearTimeout(timer);
          clearInterval(poll);
          resolve(m);
        },
      };
    });
  }

  async request(message: Message, replyType: string, timeoutMs?: number): Promise<Message> {
    const reply = this.receive(replyType, timeoutMs);
    this.send(message);
    return reply;
  }

  /** Asks it to stop, then kills it if it does not. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      this.send({ type: 'stop' });
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }
}
