import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { EndpointBehaviour } from '@ivr/esl-emulator';
import { migrate, scenarioDocumentSchema, validate, type Catalog, type ScenarioDocument } from '@ivr/scenario-schema';
import { ScenarioEngine } from '../engine/engine.js';
import { COMPONENT_CATALOG } from '../scenarios/scenario-catalog.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import type { CallRouter } from '../telephony/telephony-service.js';
import { parseTestSpec, prepareScenarios, runScenarioTests, type FileResult } from '../scenario-tests/harness.js';
import { TelephonyService } from '../telephony/telephony-service.js';

/** The header a test call carries so the router sends it to the scenario under test, not the routing table. */
export const TEST_CALL_HEADER = 'X-IVR-Test-Call';

export interface TestCallRequest {
  scenarioId: string;
  /** Call this number (a real phone through a real FreeSWITCH) and run the scenario when it answers. */
  dial?: string;
  /** A published version, or the draft as it is now. */
  version: number | 'draft';
  from: string;
  to: string;
  headers: Record<string, string>;
}

interface PendingTestCall {
  scenarioId: string;
  version?: number;
  document?: ScenarioDocument;
  expires: number;
}

/**
 * Calls placed from the designer's test-call panel. On the embedded emulator the call is placed
 * as an inbound call carrying a one-time token; the router sees the token and runs the chosen
 * scenario version (or the unpublished draft) instead of what the routing table says.
 */
@Injectable()
export class TestCallsService {
  private readonly pending = new Map<string, PendingTestCall>();

  constructor(
    @Inject(TelephonyService) private readonly telephony: TelephonyService,
    @Inject(ScenariosService) private readonly scenarios: ScenariosService,
    @Inject(COMPONENT_CATALOG) private readonly catalog: Catalog,
    @Inject(ScenarioEngine) private readonly engine: ScenarioEngine,
  ) {}

  /** Wraps the routing table's router: test calls first. */
  router(next: CallRouter): CallRouter {
    return {
      route: async (call) => {
        const token = call.headers[TEST_CALL_HEADER];
        const pending = token ? this.pending.get(token) : undefined;
        if (!token || !pending) return next.route(call);
        this.pending.delete(token);
        if (pending.expires < Date.now()) return null;
        return {
          scenarioId: pending.scenarioId,
          ...(pending.version !== undefined ? { version: pending.version } : {}),
          ...(pending.document ? { document: pending.document } : {}),
        };
      },
    };
  }

  async place(request: TestCallRequest): Promise<{ callId: string }> {
    if (request.dial !== undefined) return this.dial(request, request.dial);
    const emulator = this.emulator();
    const target = await this.target(request);
    const token = randomUUID();
    for (const [key, value] of this.pending) if (value.expires < Date.now()) this.pending.delete(key);
    this.pending.set(token, { ...target, expires: Date.now() + 60_000 });
    const call = emulator.placeCall({
      from: request.from,
      to: request.to,
      headers: { ...request.headers, [TEST_CALL_HEADER]: token },
    });
    return { callId: call.uuid };
  }

  async press(callId: string, digits: string): Promise<void> {
    this.requireCall(callId);
    await this.emulator().pressDigits(callId, digits, 150);
  }

  async hangup(callId: string): Promise<void> {
    const emulator = this.telephony.embeddedSwitch?.emulator;
    if (emulator?.history(callId)) emulator.hangup(callId);
    else await this.telephony.switchPort.kill(callId, 'NORMAL_CLEARING');
  }

  /**
   * With a real FreeSWITCH: rings the given number and runs the scenario (draft or version) on the
   * answered call. Resolves once answered; the run goes on, watched on the live stream.
   */
  private async dial(request: TestCallRequest, number: string): Promise<{ callId: string }> {
    const target = await this.target(request);
    const result = await this.telephony.switchPort.originate({
      target: { type: 'number', value: number },
      ringTimeoutMs: 30_000,
      callerId: { number: request.from },
      headers: request.headers,
      attachToRun: true,
      signal: AbortSignal.timeout(40_000),
    });
    if (result.outcome !== 'answered') {
      throw new UnprocessableEntityException(
        `${number} did not answer the test call: ${result.outcome} (${result.cause})`,
      );
    }
    const leg = this.telephony.legClaims.claim(result.callId);
    if (!leg) throw new UnprocessableEntityException('the answered call did not come back to this runtime');
    void this.engine
      .run({
        scenarioId: target.scenarioId,
        ...(target.version !== undefined ? { version: target.version } : {}),
        ...(target.document ? { document: target.document } : {}),
        call: leg,
      })
      .finally(() => this.telephony.endLeg(result.callId).catch(() => undefined));
    return { callId: result.callId };
  }

  /** How a number the scenario dials behaves: answer, busy, no answer (ringing), decline... */
  defineEndpoint(number: string, behaviour: EndpointBehaviour): void {
    this.emulator().defineEndpoint({ match: number, ...behaviour });
  }

  history(callId: string) {
    const history = this.emulator().history(callId);
    if (!history) throw new NotFoundException(`No test call ${callId}`);
    // Digits pressed are left out: a test call may well type a test card number.
    return {
      ...history.summary,
      digitsPressed: undefined,
      entries: history.entries.filter((e) => e.type !== 'dtmf' && e.type !== 'digits-collected'),
    };
  }

  private casesRunning: Promise<unknown> = Promise.resolve();

  /**
   * Runs scenario test cases (the YAML or JSON format of `pnpm ivr test`) against the drafts in the
   * database: `scenarios` in the text lists scenario ids instead of files. Each run gets its own
   * simulated switch; runs queue one after another so they cannot starve live calls.
   */
  async runCases(text: string): Promise<FileResult> {
    let spec;
    try {
      spec = parseTestSpec(text, !text.trimStart().startsWith('{'));
    } catch (error) {
      throw new BadRequestException((error as Error).message);
    }
    const run = this.casesRunning.then(async () => {
      let scenarios;
      try {
        scenarios = await prepareScenarios(spec, (id) => this.scenarios.document(id, 'draft'));
      } catch (error) {
        if (error instanceof NotFoundException) throw error;
        return { file: 'test cases', cases: [], error: (error as Error).message } satisfies FileResult;
      }
      return runScenarioTests('test cases', spec, scenarios);
    });
    this.casesRunning = run.catch(() => undefined);
    return run;
  }

  private async target(request: TestCallRequest): Promise<Omit<PendingTestCall, 'expires'>> {
    if (request.version !== 'draft') {
      await this.scenarios.document(request.scenarioId, request.version);
      return { scenarioId: request.scenarioId, version: request.version };
    }
    const migrated = migrate(await this.scenarios.document(request.scenarioId, 'draft'));
    if (!migrated.ok) throw new UnprocessableEntityException(migrated.message);
    const diagnostics = validate(migrated.document, this.catalog);
    if (diagnostics.some((d) => d.severity === 'error')) {
      throw new UnprocessableEntityException({
        message: 'The draft has errors: fix them before a test call',
        diagnostics,
      });
    }
    return { scenarioId: request.scenarioId, document: scenarioDocumentSchema.parse(migrated.document) };
  }

  private emulator() {
    const emulator = this.telephony.embeddedSwitch?.emulator;
    if (!emulator) {
      throw new BadRequestException(
        'Test calls need the embedded switch; with a real FreeSWITCH, call the scenario from a phone',
      );
    }
    return emulator;
  }

  private requireCall(callId: string): void {
    if (!this.emulator().history(callId)) throw new NotFoundException(`No test call ${callId}`);
  }
}
