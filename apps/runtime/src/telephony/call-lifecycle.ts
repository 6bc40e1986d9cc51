/**
 * Call lifecycle facts for CDR storage and CTI: what happened to each leg, when. The telephony
 * module only reports; the lead connects a listener to the CDR store and the CTI publisher.
 */
export type CallLifecycleEvent =
  | {
      type: 'ringing';
      callId: string;
      direction: 'inbound' | 'outbound';
      from: string;
      to: string;
      /** The switch (host:port of its event socket) that holds the call. */
      switchId: string;
      at: Date;
      /** Set for originated legs: the run or job that asked for them. */
      originationId?: string;
    }
  | { type: 'answered'; callId: string; at: Date }
  | { type: 'bridged'; callId: string; peerCallId?: string; peerNumber?: string; at: Date }
  | { type: 'unbridged'; callId: string; peerCallId?: string; at: Date }
  | {
      type: 'ended';
      callId: string;
      cause: string;
      at: Date;
      answered: boolean;
      /** From creation to hangup. */
      durationMs: number;
      /** From answer to hangup (0 when never answered). */
      talkMs: number;
    };

export type CallLifecycleListener = (event: CallLifecycleEvent) => void;

/** Fans lifecycle events out to listeners; a throwing listener never breaks the call. */
export class CallLifecycleEmitter {
  private readonly listeners = new Set<CallLifecycleListener>();

  on(listener: CallLifecycleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CallLifecycleEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A CDR or CTI sink failing must not affect the call.
      }
    }
  }
}

/** FreeSWITCH times are microseconds since the epoch; 0 means "never". */
export function microsToDate(value: string | undefined): Date | undefined {
  const us = Number(value);
  return Number.isFinite(us) && us > 0 ? new Date(Math.floor(us / 1000)) : undefined;
}
