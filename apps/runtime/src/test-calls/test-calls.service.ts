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
import { COMPONENT_CATALOG } from '../scenarios/scenario-catalog.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import type { CallRouter } from '../telephony/telephony-service.js';
import { TelephonyService } from '../telephony/telephony-service.js';

/** The header a test call carries so the router sends it to the scenario under test, not the routing table. */
export const TEST_CALL_HEADER = 'X-IVR-Test-Call';

export interface TestCallRequest {
  scenarioId: string;
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

  hangup(callId: string): void {
    this.requireCall(callId);
    this.emulator().hangup(callId);
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
