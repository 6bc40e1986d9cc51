import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { RunTrace, StepTrace, TraceSink } from '../engine/trace.js';
import { ROOT_LOGGER } from '../logging/logger.tokens.js';
import type { Logger } from 'pino';
import { RunStepEntity } from './run-step.entity.js';

/** What live viewers receive: a step, or a run starting or ending. */
export type LiveRunEvent =
  | { type: 'step'; callId?: string; step: StepTrace }
  | { type: 'run-started'; run: RunTrace & { parentRunId?: string; callId?: string } }
  | { type: 'run-ended'; run: RunTrace & { steps: number } };

/**
 * The engine's trace sink: steps are streamed at once to live viewers (the designer's test-call
 * panel, CTI) and written to the database in batches, so tracing never waits on a disk write.
 */
@Injectable()
export class RunTracesService implements TraceSink, OnApplicationShutdown {
  private readonly listeners = new Set<(event: LiveRunEvent) => void>();
  private readonly callOfRun = new Map<string, string>();
  private pending: RunStepEntity[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectRepository(RunStepEntity) private readonly steps: Repository<RunStepEntity>,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  subscribe(listener: (event: LiveRunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  runStarted(run: RunTrace & { parentRunId?: string; callId?: string }): void {
    if (run.callId) this.callOfRun.set(run.runId, run.callId);
    this.publish({ type: 'run-started', run });
  }

  runEnded(run: RunTrace & { steps: number }): void {
    this.publish({ type: 'run-ended', run });
    this.callOfRun.delete(run.runId);
  }

  step(trace: StepTrace): void {
    const callId = this.callOfRun.get(trace.runId);
    this.publish({ type: 'step', step: trace, ...(callId ? { callId } : {}) });
    const row = this.steps.create({
      runId: trace.runId,
      seq: trace.seq,
      callId: callId ?? null,
      scenarioId: trace.scenarioId,
      scenarioVersion: trace.version,
      nodeId: trace.nodeId,
      component: trace.component,
      exit: trace.exit,
      startedAt: trace.startedAt,
      durationMs: trace.durationMs,
      changed: trace.changed,
      notes: trace.notes,
      error: trace.error ?? null,
    });
    this.pending.push(row);
    this.timer ??= setTimeout(() => void this.flush(), 200);
  }

  /** Writes what is pending; resolves when every step traced so far is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        for (let i = 0; i < batch.length; i += 100) await this.steps.save(batch.slice(i, i + 100), { reload: false });
      } catch (error) {
        // Losing a trace must not end a call; the error is logged for the operator.
        this.logger.error({ err: error, steps: batch.length }, 'run steps could not be stored');
      }
    });
    return this.flushing;
  }

  async forRun(runId: string): Promise<RunStepEntity[]> {
    await this.flush();
    return this.steps.find({ where: { runId }, order: { seq: 'ASC' } });
  }

  async forCall(callId: string): Promise<RunStepEntity[]> {
    await this.flush();
    return this.steps.find({ where: { callId }, order: { startedAt: 'ASC', seq: 'ASC' } });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private publish(event: LiveRunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken viewer must not stop the others or the run.
      }
    }
  }
}
