/**
 * Conformance of the multi-connection captures (shared clock): an inbound control client plus the
 * outbound sockets of each call, replayed together against one emulator (see multi.ts). Every frame
 * of every connection is compared as in conformance.spec.ts. Tolerated, because they race in
 * FreeSWITCH itself: the initial CHANNEL_PARK (with myevents) and a uuid_bridge B-leg's
 * CS_CONSUME_MEDIA state (valet-pickup-B has it, conf-uuid-bridge-B not). The early linger notice of a
 * uuid_bridge A-leg (conf-uuid-bridge-A, valet-pickup-A) is asserted, not tolerated.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Emulator, type EmulatorOptions } from '../src/emulator.js';
import { replayScenario, type ScenarioConnection } from './multi.js';
import { report } from './replay.js';
import { ESL_DIR } from './transcript.js';

const haveCaptures = existsSync(join(ESL_DIR, 'README.md'));
const TIME_SCALE = 0.02;
const PROMPTS = {
  '/usr/freeswitch/share/prompts/thanks.wav': 2758,
  '/usr/freeswitch/share/prompts/goodbye.wav': 2706,
  '/usr/freeswitch/share/prompts/welcome.wav': 5540,
};

let emulators: Emulator[] = [];
afterEach(async () => {
  for (const e of emulators) await e.close();
  emulators = [];
});

interface ScenarioCase {
  name: string;
  connections: ScenarioConnection[];
  options?: EmulatorOptions;
}

const SCENARIOS: ScenarioCase[] = [
  {
    name: 'api-originate-socket',
    connections: [
      { name: 'esl-api-originate-socket-inbound', kind: 'inbound' },
      { name: 'esl-api-originate-socket-outbound', kind: 'originated' },
    ],
  },
  {
    name: 'api-originate-socket-unquoted',
    connections: [
      { name: 'esl-api-originate-socket-unquoted-inbound', kind: 'inbound' },
      { name: 'esl-api-originate-socket-unquoted-outbound', kind: 'originated' },
    ],
  },
  {
    name: 'conf-uuid-bridge',
    connections: [
      { name: 'esl-conf-uuid-bridge-inbound', kind: 'inbound' },
      { name: 'esl-conf-uuid-bridge-A', kind: 'call', hooks: { callerHangupAt: [24] } },
      { name: 'esl-conf-uuid-bridge-B', kind: 'call' },
    ],
  },
  {
    name: 'conf-transfer-bridge',
    connections: [
      { name: 'esl-conf-transfer-bridge-inbound', kind: 'inbound' },
      { name: 'esl-conf-transfer-bridge-A', kind: 'call', hooks: { callerHangupAt: [29] } },
      { name: 'esl-conf-transfer-bridge-B', kind: 'call' },
    ],
  },
  {
    name: 'valet-pickup',
    connections: [
      { name: 'esl-valet-pickup-inbound', kind: 'inbound' },
      { name: 'esl-valet-pickup-A', kind: 'call', hooks: { callerHangupAt: [29] } },
      { name: 'esl-valet-pickup-B', kind: 'call' },
    ],
  },
  {
    name: 'valet-timeout-orbit',
    connections: [
      { name: 'esl-valet-timeout-orbit-inbound', kind: 'inbound' },
      { name: 'esl-valet-timeout-orbit', kind: 'call' },
    ],
  },
  {
    name: 'valet-timeout-noexten',
    connections: [
      { name: 'esl-valet-timeout-noexten-inbound', kind: 'inbound' },
      { name: 'esl-valet-timeout-noexten', kind: 'call' },
    ],
  },
];

describe.skipIf(!haveCaptures)('conformance: multi-connection captures (shared clock)', () => {
  for (const c of SCENARIOS) {
    it(c.name, async () => {
      const results = await replayScenario(c.connections, async (outbound) => {
        const em = new Emulator({
          port: 0,
          timeScale: TIME_SCALE,
          prompts: PROMPTS,
          strictFiles: true,
          heartbeatSeconds: 0,
          recordingsDir: mkdtempSync(join(tmpdir(), 'esl-rec-')),
          outbound,
          ...c.options,
        });
        await em.listen();
        emulators.push(em);
        return em;
      });
      for (const r of results) report(r);
      for (const r of results) {
        expect(r.compared, r.name).toBeGreaterThan(5);
        expect(r.diffs, r.name).toEqual([]);
      }
    });
  }
});
