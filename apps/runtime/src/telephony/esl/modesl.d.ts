/**
 * The part of modesl (CommonJS, untyped) this adapter uses, a few internals included (EslConnection
 * replaces its Parser). modesl's Connection does the connect/auth handshakes and keeps one FIFO of
 * reply callbacks per connection; everything else (timeouts, jobs, executions, subscriptions) is
 * done by EslClient.
 */
declare module 'modesl' {
  import type { Socket } from 'node:net';

  namespace modesl {
    type HeaderValue = string | number | boolean;

    class Event {
      constructor(headers: Record<string, unknown>, body?: string);
      type: string;
      subclass: string | null | undefined;
      body: string;
      headers: Array<{ name: string; value: string }>;
      getHeader(name: string): string | null;
      getBody(): string;
      getType(): string;
      addHeader(name: string, value: string): void;
    }

    type ReplyCallback = (event: Event) => void;

    /** An EventEmitter2 (wildcard, `::` delimiter): listeners see the emitted name as `this.event`. */
    class Connection {
      /** Outbound mode: a socket FreeSWITCH opened to us; sends `connect` at once. */
      constructor(socket: Socket, ready?: () => void);
      /** Inbound mode: connects, answers auth/request with `auth <password>`. */
      constructor(host: string, port: number, password: string, ready?: () => void);
      socket: Socket | null;
      channelData: Event | null;
      send(command: string, args?: Record<string, HeaderValue> | null): void;
      sendRecv(command: string, args: Record<string, HeaderValue> | null, cb: ReplyCallback): void;
      api(command: string, args: string, cb: ReplyCallback): void;
      getInfo(): Event | null;
      /** Internal: makes the Parser and answers auth/request; EslConnection replaces it. */
      _onConnect(): void;
      /** Internal: routes one parsed frame (replies, auth, notices) to modesl's listeners. */
      _onEvent(event: Event, headers: Record<string, unknown>, body?: string): void;
      /** Internal: answers auth/request with the password. */
      auth(): void;
      connecting: boolean;
      emit(event: string, ...args: unknown[]): boolean;
      on(event: string, listener: (this: { event: string }, ...args: any[]) => void): this;
      once(event: string, listener: (this: { event: string }, ...args: any[]) => void): this;
      off(event: string, listener: (...args: any[]) => void): this;
      removeListener(event: string, listener: (...args: any[]) => void): this;
      removeAllListeners(event?: string): this;
    }
  }

  export = modesl;
}
