/**
 * Telephony settings. The runtime's config module reads these environment variables and passes
 * the parsed object in (telephonyConfigFromEnv shows the mapping):
 *   FREESWITCH          host:port:password[,host:port:password...]; empty: the embedded emulator
 *   ESL_LISTEN_HOST     where the outbound-socket server listens (default 127.0.0.1)
 *   ESL_LISTEN_PORT     its port (default 8084; 0 picks a free one)
 *   ESL_ADVERTISED_HOST the address FreeSWITCH connects back to for `&socket(...)` (default: listen host)
 *   TTS_ENGINE          `speak` engine and voice, e.g. `flite|kal` (default flite|kal)
 *   RECORDINGS_DIR      where FreeSWITCH writes recordings (default ./data/recordings)
 *   ESL_NODE_ID         this runtime's id on its channels, for the orphan reaper (default:
 *                       hostname:ESL_LISTEN_PORT, so that nodes sharing a host differ)
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_DIAL_PLAN, type DialPlanOptions } from './call/dial-string.js';
import type { SwitchAddress } from './switch/control-connection.js';

export interface TelephonyConfig {
  /** Empty: the embedded emulator is started in-process and used through the same adapter. */
  switches: SwitchAddress[];
  listenHost: string;
  listenPort: number;
  advertisedHost?: string;
  ttsEngine: string;
  defaultLanguage: string;
  recordingsDir: string;
  nodeId: string;
  dialPlan: DialPlanOptions;
  commandTimeoutMs: number;
  reaper: { intervalMs: number; graceMs: number };
  /** Options of the embedded emulator (tests speed it up with timeScale). */
  embedded?: { timeScale?: number; heartbeatSeconds?: number; maxSessions?: number };
}

export const DEFAULT_TELEPHONY_CONFIG: TelephonyConfig = {
  switches: [],
  listenHost: '127.0.0.1',
  listenPort: 8084,
  ttsEngine: 'flite|kal',
  defaultLanguage: 'en',
  recordingsDir: resolve('data/recordings'),
  nodeId: hostname(),
  dialPlan: DEFAULT_DIAL_PLAN,
  commandTimeoutMs: 10_000,
  reaper: { intervalMs: 60_000, graceMs: 120_000 },
};

/** `host:port:password` entries, comma separated; an IPv6 host goes in brackets (`[::1]:8021:pw`). */
export function parseSwitchList(value: string | undefined): SwitchAddress[] {
  if (!value?.trim()) return [];
  return value.split(',').map((entry) => {
    const match = /^\s*(\[[^\]]+\]|[^:\s]+):(\d+):(.*?)\s*$/.exec(entry);
    if (!match) throw new Error(`FREESWITCH: "${entry.trim()}" is not host:port:password`);
    const port = Number(match[2]);
    if (!(port > 0 && port < 65536)) throw new Error(`FREESWITCH: bad port in "${entry.trim()}"`);
    if (!match[3]) throw new Error(`FREESWITCH: "${entry.trim()}" has no password`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port, password: match[3] };
  });
}

export function telephonyConfigFromEnv(env: Record<string, string | undefined>): TelephonyConfig {
  const port =
    env.ESL_LISTEN_PORT === undefined || env.ESL_LISTEN_PORT === ''
      ? DEFAULT_TELEPHONY_CONFIG.listenPort
      : Number(env.ESL_LISTEN_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`ESL_LISTEN_PORT: "${env.ESL_LISTEN_PORT}" is not a port`);
  return {
    ...DEFAULT_TELEPHONY_CONFIG,
    switches: parseSwitchList(env.FREESWITCH),
    listenHost: env.ESL_LISTEN_HOST || DEFAULT_TELEPHONY_CONFIG.listenHost,
    listenPort: port,
    ...(env.ESL_ADVERTISED_HOST ? { advertisedHost: env.ESL_ADVERTISED_HOST } : {}),
    ttsEngine: env.TTS_ENGINE || DEFAULT_TELEPHONY_CONFIG.ttsEngine,
    recordingsDir: env.RECORDINGS_DIR ? resolve(env.RECORDINGS_DIR) : DEFAULT_TELEPHONY_CONFIG.recordingsDir,
    // Two nodes on one host must not share an id: each reaper would take the other's channels.
    nodeId: env.ESL_NODE_ID || `${DEFAULT_TELEPHONY_CONFIG.nodeId}:${port}`,
  };
}
