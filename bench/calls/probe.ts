/**
 * Client-side timing of one ESL call socket, the same for the runtime and the baseline: it wraps
 * the socket's write() and reads its incoming bytes ahead of the ESL library (prependListener),
 * so times are taken where bytes enter and leave the process.
 * - reaction: an event that ends a step (CHANNEL_EXECUTE_COMPLETE of answer or say, the caller's
 *   first DTMF) arrives -> the next sendmsg is written;
 * - round trip: a sendmsg execute is written -> CHANNEL_EXECUTE with its Application-UUID arrives.
 */
import type { Socket } from 'node:net';
import { FrameParser, headerValue } from '../../packages/esl-protocol/src/index.js';

export type ReactionKind = 'answered -> prompt' | 'digit -> say (SQL lookup included)' | 'said -> hangup';

const EVENT_NAME = /Event-Name"?:\s*"?([A-Z_]+)/;
const APPLICATION_UUID = /Application-UUID"?:\s*"?([0-9a-fA-F-]{36})/;
const CHANNEL_EXECUTE = Buffer.from('CHANNEL_EXECUTE');
const DTMF = Buffer.from('DTMF');

export class CallProbe {
  readonly reactions: Array<{ kind: ReactionKind; ms: number }> = [];
  readonly roundTrips: Array<{ app: string; ms: number }> = [];
  open = 0;
  peakOpen = 0;
  sockets = 0;
  /** Frames and bytes received, commands sent, over all sockets since the last drain. */
  framesIn = 0;
  bytesIn = 0;
  commandsOut = 0;

  attach(socket: Socket): void {
    this.sockets++;
    this.open++;
    this.peakOpen = Math.max(this.peakOpen, this.open);
    socket.once('close', () => this.open--);
    const sentAt = new Map<string, number>();
    const appOf = new Map<string, string>();
    let trigger: { kind: ReactionKind; at: number } | undefined;
    let sawDigit = false;
    let arrivedAt = 0;
    const parser = new FrameParser((frame) => {
      this.framesIn++;
      const body = frame.body;
      if (!body || !(headerValue(frame.headers, 'Content-Type') ?? '').startsWith('text/event-')) return;
      const isExecute = body.indexOf(CHANNEL_EXECUTE) >= 0;
      if (!isExecute && body.indexOf(DTMF) < 0) return;
      const text = body.toString('latin1');
      const name = EVENT_NAME.exec(text)?.[1];
      if (name === 'DTMF') {
        if (!sawDigit) trigger = { kind: 'digit -> say (SQL lookup included)', at: arrivedAt };
        sawDigit = true;
        return;
      }
      const uuid = APPLICATION_UUID.exec(text)?.[1];
      if (!uuid) return;
      if (name === 'CHANNEL_EXECUTE') {
        const sent = sentAt.get(uuid);
        if (sent !== undefined) {
          this.roundTrips.push({ app: appOf.get(uuid) ?? '?', ms: arrivedAt - sent });
          sentAt.delete(uuid);
        }
      } else if (name === 'CHANNEL_EXECUTE_COMPLETE') {
        const app = appOf.get(uuid);
        appOf.delete(uuid);
        if (app === 'answer') trigger = { kind: 'answered -> prompt', at: arrivedAt };
        else if (app === 'say') trigger = { kind: 'said -> hangup', at: arrivedAt };
      }
    });
    socket.prependListener('data', (chunk: Buffer) => {
      arrivedAt = performance.now();
      this.bytesIn += chunk.length;
      parser.push(chunk);
    });

    let pending = '';
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    const onCommand = (frame: string, at: number) => {
      this.commandsOut++;
      if (!frame.startsWith('sendmsg')) return;
      if (trigger) {
        this.reactions.push({ kind: trigger.kind, ms: at - trigger.at });
        trigger = undefined;
      }
      const command = /call-command: *(\S+)/i.exec(frame)?.[1];
      if (command !== 'execute') return;
      const uuid = /event-uuid: *(\S+)/i.exec(frame)?.[1];
      const app = /execute-app-name: *(\S+)/i.exec(frame)?.[1];
      if (!uuid || !app) return;
      sentAt.set(uuid, at);
      appOf.set(uuid, app);
    };
    socket.write = ((data: unknown, ...rest: unknown[]) => {
      const at = performance.now();
      pending += typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('latin1') : '';
      let end: number;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        const frame = pending.slice(0, end);
        pending = pending.slice(end + 2);
        onCommand(frame, at);
      }
      return write(data, ...rest);
    }) as Socket['write'];
  }

  /** Takes the samples gathered so far and starts afresh. */
  drain(): {
    reactions: CallProbe['reactions'];
    roundTrips: CallProbe['roundTrips'];
    peakOpen: number;
    framesIn: number;
    bytesIn: number;
    commandsOut: number;
  } {
    const out = {
      reactions: this.reactions.splice(0),
      roundTrips: this.roundTrips.splice(0),
      peakOpen: this.peakOpen,
      framesIn: this.framesIn,
      bytesIn: this.bytesIn,
      commandsOut: this.commandsOut,
    };
    this.peakOpen = this.open;
    this.framesIn = this.bytesIn = this.commandsOut = 0;
    return out;
  }
}
