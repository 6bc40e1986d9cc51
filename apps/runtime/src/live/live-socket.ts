import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { UsersService } from '../auth/users.service.js';
import { LiveHub } from './live-hub.js';

export const LIVE_PATH = '/api/live';

const subscribeMessage = z
  .object({
    subscribe: z
      .object({
        callId: z.string().max(64).optional(),
        runId: z.string().max(64).optional(),
        scenarioId: z.string().max(64).optional(),
      })
      .strict(),
  })
  .strict();

/**
 * The live stream over WebSocket at /api/live?token=<session token> (browsers cannot set headers
 * on a WebSocket). Every signed-in role may watch. A client narrows the stream with
 * {"subscribe": {"callId": ...}} (or runId, scenarioId); until then it gets everything.
 */
@Injectable()
export class LiveSocket implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private onUpgrade: ((request: IncomingMessage, socket: Duplex, head: Buffer) => void) | undefined;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapter: HttpAdapterHost,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(LiveHub) private readonly hub: LiveHub,
  ) {}

  onApplicationBootstrap(): void {
    const http = this.adapter.httpAdapter.getHttpServer() as Server;
    this.onUpgrade = (request, socket, head) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== LIVE_PATH) return;
      void this.authenticate(url.searchParams.get('token')).then((ok) => {
        if (!ok) {
          socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          return;
        }
        this.server.handleUpgrade(request, socket, head, (ws) => this.attach(ws));
      });
    };
    http.on('upgrade', this.onUpgrade);
  }

  async onApplicationShutdown(): Promise<void> {
    const http = this.adapter.httpAdapter?.getHttpServer() as Server | undefined;
    if (this.onUpgrade) http?.off('upgrade', this.onUpgrade);
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async authenticate(token: string | null): Promise<boolean> {
    if (!token) return false;
    try {
      const { sub } = await this.jwt.verifyAsync<{ sub: string }>(token);
      return (await this.users.findById(sub)) !== null;
    } catch {
      return false;
    }
  }

  private attach(ws: WebSocket): void {
    let unsubscribe = this.hub.subscribe({}, (event) => this.send(ws, event));
    ws.on('message', (data) => {
      const parsed = subscribeMessage.safeParse(safeJson(data.toString()));
      if (!parsed.success) {
        this.send(ws, { type: 'error', message: 'send {"subscribe": {"callId"|"runId"|"scenarioId": "..."}}' });
        return;
      }
      unsubscribe();
      unsubscribe = this.hub.subscribe(parsed.data.subscribe, (event) => this.send(ws, event));
      this.send(ws, { type: 'subscribed', filter: parsed.data.subscribe });
    });
    ws.on('close', () => unsubscribe());
    ws.on('error', () => unsubscribe());
  }

  private send(ws: WebSocket, event: unknown): void {
    // A viewer too slow to keep up loses events rather than growing the runtime's memory.
    if (ws.readyState === ws.OPEN && ws.bufferedAmount < 1024 * 1024) ws.send(JSON.stringify(event));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
