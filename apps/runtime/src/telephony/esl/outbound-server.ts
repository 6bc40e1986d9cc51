/**
 * The target of the dialplan's `socket <host>:<port> async full`: FreeSWITCH opens one connection
 * per call. Each connection is set up (connect, myevents, linger) and handed to the handler.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { EslClient } from './esl-client.js';
import type { EslEvent } from './esl-event.js';

export type OutboundCallHandler = (client: EslClient, channelData: EslEvent) => Promise<void>;

export interface OutboundServerOptions {
  host: string;
  /** 0 picks a free port (tests, the embedded emulator). */
  port: number;
  commandTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

export class OutboundServer {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly handlers = new Set<Promise<void>>();

  constructor(
    private readonly options: OutboundServerOptions,
    private readonly handle: OutboundCallHandler,
  ) {}

  async listen(): Promise<{ host: string; port: number }> {
    const server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server = server;
    server.listen(this.options.port, this.options.host);
    await once(server, 'listening');
    return this.address!;
  }

  get address(): { host: string; port: number } | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? { host: address.address, port: address.port } : undefined;
  }

  /** Connections open now (one per call in progress). */
  get connections(): number {
    return this.sockets.size;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    const handling = EslClient.acceptOutbound(
      socket,
      this.options.commandTimeoutMs !== undefined ? { commandTimeoutMs: this.options.commandTimeoutMs } : {},
    )
      .then(({ client, channelData }) => this.handle(client, channelData))
      .catch((error: unknown) => {
        socket.destroy();
        this.options.onError?.(error);
      })
      .finally(() => this.handlers.delete(handling));
    this.handlers.add(handling);
  }

  /** Stops accepting, drops the open call sockets and waits for their handlers. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await Promise.allSettled([...this.handlers]);
  }
}
