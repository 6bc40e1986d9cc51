import type { CallRecordsService } from '../calls/call-records.service.js';
import type { CallLifecycleEvent } from '../telephony/call-lifecycle.js';

/**
 * Turns the telephony's lifecycle facts and the runs' outcomes into CDRs: one record per call,
 * created when it rings, completed when it ends. Writes never hold up a call; failures are logged.
 */
export class CdrRecorder {
  private readonly records = new Map<string, Promise<string>>();

  constructor(
    private readonly calls: CallRecordsService,
    private readonly onError: (error: unknown) => void,
  ) {}

  handle(event: CallLifecycleEvent): void {
    const write = async () => {
      if (event.type === 'ringing') {
        this.records.set(
          event.callId,
          this.calls.start({
            direction: event.direction,
            caller: event.from.slice(0, 64),
            callee: event.to.slice(0, 64),
            startedAt: event.at.toISOString(),
            legs: [
              {
                uuid: event.callId,
                number: event.to,
                role: event.direction === 'inbound' ? 'caller' : 'callee',
                startedAt: event.at.toISOString(),
              },
            ],
          }),
        );
        return;
      }
      const id = await this.records.get(event.callId);
      if (!id) return;
      if (event.type === 'answered') await this.calls.update(id, { answeredAt: event.at.toISOString() });
      if (event.type === 'ended') {
        // The run's outcome may arrive just after the hangup: keep the id a little longer.
        setTimeout(() => this.records.delete(event.callId), 60_000).unref();
        await this.calls.update(id, {
          endedAt: event.at.toISOString(),
          durationMs: event.durationMs,
          hangupCause: event.cause,
        });
      }
    };
    write().catch(this.onError);
  }

  /** The scenario a call ran and how its run ended. */
  runEnded(callId: string, run: { scenarioId: string; version: number; status: string; result?: string }): void {
    const record = this.records.get(callId);
    if (!record) return;
    record
      .then((id) =>
        this.calls.update(id, {
          scenarioId: run.scenarioId,
          scenarioVersion: run.version,
          result: (run.result ?? run.status).slice(0, 32),
        }),
      )
      .catch(this.onError);
  }
}
