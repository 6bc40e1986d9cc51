import { Inject, Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RunTracesService } from '../runs/run-traces.service.js';
import { TelephonyService } from '../telephony/telephony-service.js';
import { matchesFilter, type LiveEvent, type LiveFilter } from './live-event.js';

/** Activity kinds of the simulated switch that may carry what a caller typed: never forwarded. */
const PRIVATE_ACTIVITY = new Set(['dtmf', 'digits-collected', 'set']);

/**
 * One stream of what happens: call lifecycle from telephony, runs and steps from the engine's
 * traces, and (on the embedded emulator) what is played. Subscribers filter it.
 */
@Injectable()
export class LiveHub implements OnModuleInit, OnModuleDestroy {
  private readonly subscribers = new Set<{ filter: LiveFilter; send: (event: LiveEvent) => void }>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    @Inject(RunTracesService) private readonly traces: RunTracesService,
    @Optional() @Inject(TelephonyService) private readonly telephony?: TelephonyService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.traces.subscribe((event) => {
        if (event.type === 'step') {
          this.publish({
            type: 'node.entered',
            step: event.step,
            ...(event.callId ? { callId: event.callId } : {}),
            ...(event.step.exported ? { exported: event.step.exported } : {}),
          });
        } else if (event.type === 'run-started') {
          const { runId, scenarioId, version, callId, parentRunId } = event.run;
          this.publish({
            type: 'run.started',
            runId,
            scenarioId,
            version,
            ...(callId ? { callId } : {}),
            ...(parentRunId ? { parentRunId } : {}),
          });
        } else {
          const { runId, scenarioId, status, reason } = event.run;
          this.publish({ type: 'run.ended', runId, scenarioId, status, ...(reason ? { reason } : {}) });
        }
      }),
    );
    if (!this.telephony) return;
    this.unsubscribe.push(
      this.telephony.lifecycle.on((event) => {
        const at = event.at.toISOString();
        if (event.type === 'ringing') {
          this.publish({
            type: 'call.ringing',
            callId: event.callId,
            direction: event.direction,
            from: event.from,
            to: event.to,
            at,
          });
        } else if (event.type === 'answered') this.publish({ type: 'call.answered', callId: event.callId, at });
        else if (event.type === 'bridged') {
          this.publish({
            type: 'call.bridged',
            callId: event.callId,
            ...(event.peerCallId ? { peerCallId: event.peerCallId } : {}),
            ...(event.peerNumber ? { peerNumber: event.peerNumber } : {}),
            at,
          });
        } else if (event.type === 'ended') {
          this.publish({
            type: 'call.ended',
            callId: event.callId,
            cause: event.cause,
            durationMs: event.durationMs,
            at,
          });
        }
      }),
    );
    const emulator = this.telephony.embeddedSwitch?.emulator;
    if (emulator) {
      this.unsubscribe.push(
        emulator.onActivity((entry) => {
          if (PRIVATE_ACTIVITY.has(entry.type)) return;
          const { uuid, at, ...activity } = entry;
          this.publish({ type: 'media', callId: uuid, activity, at: new Date(at).toISOString() });
        }),
      );
    }
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe) stop();
    this.subscribers.clear();
  }

  subscribe(filter: LiveFilter, send: (event: LiveEvent) => void): () => void {
    const subscriber = { filter, send };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private publish(event: LiveEvent): void {
    for (const subscriber of this.subscribers) {
      if (!matchesFilter(event, subscriber.filter)) continue;
      try {
        subscriber.send(event);
      } catch {
        // A viewer that cannot take the event is dropped by its socket's own error handling.
      }
    }
  }
}
