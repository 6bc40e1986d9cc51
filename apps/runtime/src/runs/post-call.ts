import type { RunResult } from '../engine/engine.js';
import type { EndedCall } from '../jobs/service-runs.service.js';
import type { CallLifecycleEvent } from '../telephony/call-lifecycle.js';

interface CallFacts {
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  startedAt: Date;
  answeredAt?: Date;
  bridged: boolean;
  run?: Promise<RunResult>;
}

/**
 * Gathers what post-call processing receives (caller, dialed number, whether a bridge happened,
 * durations, how the run ended) from the call's lifecycle and its run, then hands it over once the
 * call has ended and its run too (or it had none).
 */
export class PostCallFacts {
  private readonly calls = new Map<string, CallFacts>();

  constructor(
    private readonly deliver: (call: EndedCall) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  trackRun(callId: string, run: Promise<RunResult>): void {
    const facts = this.calls.get(callId);
    if (facts) facts.run = run;
  }

  handle(event: CallLifecycleEvent): void {
    if (event.type === 'ringing') {
      this.calls.set(event.callId, {
        direction: event.direction,
        from: event.from,
        to: event.to,
        startedAt: event.at,
        bridged: false,
      });
      return;
    }
    const facts = this.calls.get(event.callId);
    if (!facts) return;
    if (event.type === 'answered') facts.answeredAt = event.at;
    else if (event.type === 'bridged') facts.bridged = true;
    else if (event.type === 'ended') {
      this.calls.delete(event.callId);
      void this.finish(event.callId, facts, event).catch(this.onError);
    }
  }

  private async finish(
    callId: string,
    facts: CallFacts,
    ended: Extract<CallLifecycleEvent, { type: 'ended' }>,
  ): Promise<void> {
    const run = facts.run ? await facts.run.catch(() => undefined) : undefined;
    await this.deliver({
      callId,
      direction: facts.direction,
      caller: facts.from || null,
      dialed: facts.to || null,
      bridged: facts.bridged,
      answered: ended.answered,
      startedAt: facts.startedAt.toISOString(),
      answeredAt: facts.answeredAt?.toISOString() ?? null,
      endedAt: ended.at.toISOString(),
      durationSeconds: Math.round(ended.durationMs / 1000),
      talkSeconds: Math.round(ended.talkMs / 1000),
      result: run ? (run.result ?? run.status) : null,
      hangupCause: ended.cause,
      scenarioId: run?.scenarioId ?? null,
    });
  }
}
