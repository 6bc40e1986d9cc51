import type { ScenarioDocument } from '@ivr/scenario-schema';
/**
 * The telephony module's core: the outbound-socket server for calls, the control connections, the
 * switch port, the orphan reaper and the embedded emulator when no FreeSWITCH is configured.
 * Inbound calls are routed (CallRouter) and run on the engine (ScenarioRunner) with a CallLeg.
 */
import type { SwitchPort } from '@ivr/components';
import type { CallLeg, RunRequest, RunResult } from '../engine/engine.js';
import { CallLifecycleEmitter } from './call-lifecycle.js';
import { createCallLeg } from './call/call-leg.js';
import { EslCallPort, type CallPortOptions } from './call/esl-call-port.js';
import type { TelephonyConfig } from './config.js';
import { startEmbeddedSwitch, type EmbeddedSwitch } from './embedded-switch.js';
import type { EslClient } from './esl/esl-client.js';
import type { EslEvent } from './esl/esl-event.js';
import { OutboundServer } from './esl/outbound-server.js';
import { ControlConnection, type Capacity } from './switch/control-connection.js';
import { EslSwitchPort } from './switch/esl-switch-port.js';
import { OrphanReaper } from './switch/orphan-reaper.js';
import { ORIGINATION_VARIABLE, OriginationRegistry } from './switch/origination-registry.js';
import { SwitchPool } from './switch/switch-pool.js';

/** An inbound call as the router sees it. */
export interface IncomingCall {
  callId: string;
  /** The dialed number (Caller-Destination-Number). */
  destination: string;
  callerId: string;
  callerName: string;
  /** SIP X- headers of the INVITE. */
  headers: Readonly<Record<string, string>>;
  switchId: string | undefined;
}

export type RouteDecision =
  /** `document`: run this document as it is (a draft, in the designer's test call). */
  | { scenarioId: string; version?: number; document?: ScenarioDocument }
  | {
      park: string;
      firstSlot?: number;
      lastSlot?: number;
      timeoutMs?: number;
      announce?: boolean;
      onTimeout?: 'return' | 'exit';
    }
  | { pickup: string; slot: string };

/** Decides what an inbound call runs (the routing module implements it); null: nothing routes. */
export interface CallRouter {
  route(call: IncomingCall): Promise<RouteDecision | null>;
}

/** What runs scenarios on a call: ScenarioEngine fits. */
export interface ScenarioRunner {
  run(request: RunRequest): Promise<RunResult>;
}

export type TelephonyLog = (
  level: 'debug' | 'info' | 'warn' | 'error',
  message: string,
  fields: Record<string, unknown>,
) => void;

export interface TelephonyStatus {
  mode: 'freeswitch' | 'embedded';
  switches: Array<{ id: string; connected: boolean; connects: number; capacity?: Capacity }>;
  activeCalls: number;
  /** Outbound ESL sockets open (one per call in progress, including legs handed over). */
  callSockets: number;
  pendingOriginations: number;
}

/** The cause a call gets when no route matches its number (SIP 404). */
export const NO_ROUTE_CAUSE = 'UNALLOCATED_NUMBER';

export class TelephonyService {
  readonly lifecycle = new CallLifecycleEmitter();
  /** Legs with an outbound socket open on this runtime, by call id. */
  readonly legs = new Map<string, EslCallPort>();
  private readonly originations = new OriginationRegistry();
  private outbound: OutboundServer | undefined;
  private embedded: EmbeddedSwitch | undefined;
  private controls: ControlConnection[] = [];
  private pool: SwitchPool | undefined;
  private port: EslSwitchPort | undefined;
  private reaper: OrphanReaper | undefined;
  private router: CallRouter | undefined;
  private runner: ScenarioRunner | undefined;
  private readonly log: TelephonyLog;
  private draining = false;

  constructor(
    private readonly config: TelephonyConfig,
    deps: { router?: CallRouter; runner?: ScenarioRunner; log?: TelephonyLog } = {},
  ) {
    this.router = deps.router;
    this.runner = deps.runner;
    this.log = deps.log ?? (() => undefined);
  }

  /** Late wiring (Nest builds the engine and the routing module apart). */
  setRouter(router: CallRouter): void {
    this.router = router;
  }

  setRunner(runner: ScenarioRunner): void {
    this.runner = runner;
  }

  /** The SwitchPort for the engine's ports (available after start()). */
  get switchPort(): SwitchPort {
    if (!this.port) throw new Error('telephony is not started');
    return this.port;
  }

  /** The in-process emulator when no FreeSWITCH is configured (the designer's test calls use it). */
  get embeddedSwitch(): EmbeddedSwitch | undefined {
    return this.embedded;
  }

  get controlConnections(): readonly ControlConnection[] {
    return this.controls;
  }

  get outboundAddress(): { host: string; port: number } | undefined {
    return this.outbound?.address;
  }

  async start(): Promise<void> {
    if (this.outbound) return;
    const outbound = new OutboundServer(
      {
        host: this.config.listenHost,
        port: this.config.listenPort,
        commandTimeoutMs: this.config.commandTimeoutMs,
        onError: (error) => this.log('warn', 'outbound socket failed', { error: String(error) }),
      },
      (client, data) => this.handleCall(client, data),
    );
    this.outbound = outbound;
    const address = await outbound.listen();
    let switches = this.config.switches;
    if (switches.length === 0) {
      this.embedded = await startEmbeddedSwitch({
        outbound: { host: this.advertisedHost(), port: address.port },
        recordingsDir: this.config.recordingsDir,
        ...this.config.embedded,
      });
      switches = [this.embedded.address];
      this.log('info', 'no FreeSWITCH configured: embedded emulator started', {
        esl: `${this.embedded.address.host}:${this.embedded.address.port}`,
      });
    }
    this.controls = switches.map(
      (address) =>
        new ControlConnection(address, {
          commandTimeoutMs: this.config.commandTimeoutMs,
          log: (level, message, fields) => this.log(level, message, fields),
        }),
    );
    this.pool = new SwitchPool(this.controls);
    this.port = new EslSwitchPort(this.pool, this.originations, {
      socketTarget: () => `${this.advertisedHost()}:${address.port}`,
      nodeId: this.config.nodeId,
      dialPlan: this.config.dialPlan,
      lifecycle: this.lifecycle,
      legs: this.legs,
    });
    this.reaper = new OrphanReaper(this.pool, {
      nodeId: this.config.nodeId,
      isLive: (callId) => this.legs.has(callId),
      intervalMs: this.config.reaper.intervalMs,
      graceMs: this.config.reaper.graceMs,
      log: (level, message, fields) => this.log(level, message, fields),
    });
    for (const control of this.controls) control.start();
    // Wait for the first connections, but start anyway when a switch is down: it reconnects.
    await Promise.all(this.controls.map((control) => control.ready().catch(() => undefined)));
    this.reaper.start();
  }

  async stop(): Promise<void> {
    await this.reaper?.stop();
    this.originations.clear();
    await this.outbound?.close();
    await Promise.all(this.controls.map((control) => control.stop()));
    await this.embedded?.close();
    this.outbound = undefined;
    this.embedded = undefined;
    this.port = undefined;
  }

  /**
   * Graceful shutdown: new inbound calls are refused (NORMAL_TEMPORARY_FAILURE) while the calls in
   * progress go on; resolves with the calls still up when they have all ended or `timeoutMs` passed.
   * Originated legs still come back, so a draining call can dial and transfer.
   */
  async drain(timeoutMs: number, pollMs = 200): Promise<number> {
    this.draining = true;
    const deadline = Date.now() + timeoutMs;
    while (this.legs.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
    return this.legs.size;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** For /health and /metrics. */
  status(): TelephonyStatus {
    return {
      mode: this.embedded ? 'embedded' : 'freeswitch',
      switches: this.controls.map((control) => ({
        id: control.id,
        connected: control.connected,
        connects: control.connects,
        ...(control.capacity ? { capacity: control.capacity } : {}),
      })),
      activeCalls: this.legs.size,
      callSockets: this.outbound?.connections ?? 0,
      pendingOriginations: this.originations.pendingOriginations,
    };
  }

  /** Kills our channels no run owns; also runs on a timer (config.reaper). */
  reapOrphans(): Promise<string[]> {
    if (!this.reaper) return Promise.resolve([]);
    return this.reaper.sweep();
  }

  /**
   * After an originate with attachToRun answered: the run takes the leg that came back through
   * `&socket(...)` and becomes its owner; `end()` hangs it up (unless handed over) and closes it.
   */
  takeOriginatedLeg(callId: string): { leg: CallLeg; end(): Promise<void> } | undefined {
    const port = this.originations.take(callId);
    if (!port) return undefined;
    return { leg: createCallLeg(port), end: () => port.finish() };
  }

  /** For EngineDependencies.legs: a run claims the leg its dial (originate, attachToRun) answered. */
  readonly legClaims = { claim: (callId: string): CallLeg | undefined => this.takeOriginatedLeg(callId)?.leg };

  /**
   * Ends a leg a run claimed once that run is over: hangs it up unless it was handed over
   * (transfer, pickup, bridge), waits for its last events and sends `exit`.
   */
  async endLeg(callId: string): Promise<void> {
    await this.legs.get(callId)?.finish();
  }

  private advertisedHost(): string {
    const host = this.config.advertisedHost ?? this.config.listenHost;
    return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  }

  private callPortOptions(switchId: string): CallPortOptions {
    return {
      ttsEngine: this.config.ttsEngine,
      defaultLanguage: this.config.defaultLanguage,
      recordingsDir: this.config.recordingsDir,
      dialPlan: this.config.dialPlan,
      switchId,
      lifecycle: this.lifecycle,
      nodeId: this.config.nodeId,
    };
  }

  private async handleCall(client: EslClient, data: EslEvent): Promise<void> {
    const connection = this.pool?.byCoreUuid(data.header('Core-UUID'));
    const switchId = connection?.id ?? 'unknown';
    const port = new EslCallPort(client, data, this.callPortOptions(switchId));
    this.legs.set(port.id, port);
    if (connection) this.pool?.remember(port.id, connection);
    try {
      await port.start();
      const originationId = port.info.variables.get(ORIGINATION_VARIABLE);
      if (originationId) {
        if (await this.originations.deliver(originationId, port)) await port.finished;
        else await port.hangup('ORIGINATOR_CANCEL');
        return;
      }
      await this.routeInbound(port, switchId);
    } catch (error) {
      this.log('error', 'call failed', { callId: port.id, error: (error as Error)?.message ?? String(error) });
    } finally {
      await port.finish().catch(() => undefined);
      this.legs.delete(port.id);
      this.pool?.forget(port.id);
    }
  }

  private async routeInbound(port: EslCallPort, switchId: string): Promise<void> {
    const { info } = port;
    if (this.draining) {
      this.log('info', 'shutting down: inbound call refused', { callId: port.id, destination: info.dialedNumber });
      await port.hangup('NORMAL_TEMPORARY_FAILURE');
      return;
    }
    this.lifecycle.emit({
      type: 'ringing',
      callId: port.id,
      direction: 'inbound',
      from: info.callerId,
      to: info.dialedNumber,
      switchId,
      at: new Date(),
    });
    const call: IncomingCall = {
      callId: port.id,
      destination: info.dialedNumber,
      callerId: info.callerId,
      callerName: info.callerName,
      headers: info.headers,
      switchId,
    };
    const decision = this.router ? await this.router.route(call) : null;
    if (!decision) {
      this.log('info', 'no route for the dialed number', { callId: port.id, destination: info.dialedNumber });
      await port.hangup(NO_ROUTE_CAUSE);
      return;
    }
    if ('scenarioId' in decision) {
      if (!this.runner) throw new Error('no scenario runner is wired');
      const result = await this.runner.run({
        scenarioId: decision.scenarioId,
        ...(decision.version !== undefined ? { version: decision.version } : {}),
        ...(decision.document ? { document: decision.document } : {}),
        call: createCallLeg(port),
      });
      this.log('info', 'run ended', {
        callId: port.id,
        runId: result.runId,
        status: result.status,
        reason: result.reason,
      });
      return;
    }
    const signal = port.hangupSignal;
    if ('park' in decision) {
      if (!port.isAnswered()) await port.answer();
      await port.park({
        lot: decision.park,
        firstSlot: decision.firstSlot ?? 711,
        lastSlot: decision.lastSlot ?? 715,
        announce: decision.announce ?? true,
        timeoutMs: decision.timeoutMs ?? 120_000,
        onTimeout: decision.onTimeout ?? 'return',
        signal,
      });
      return;
    }
    if (!port.isAnswered()) await port.answer();
    await port.pickup(decision.pickup, decision.slot, { signal });
  }
}
