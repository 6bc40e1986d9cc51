/**
 * The embedded default: with no FreeSWITCH configured, the ESL emulator runs in-process, sends its
 * inbound calls to our outbound server, and is reached through the very same adapter (an inbound
 * control connection on its event socket) as a real switch would be.
 */
import { startEmulator, type Emulator } from '@ivr/esl-emulator';
import type { SwitchAddress } from './switch/control-connection.js';

export interface EmbeddedSwitch {
  address: SwitchAddress;
  emulator: Emulator;
  close(): Promise<void>;
}

export async function startEmbeddedSwitch(options: {
  outbound: { host: string; port: number };
  timeScale?: number;
  heartbeatSeconds?: number;
  maxSessions?: number;
  recordingsDir?: string;
}): Promise<EmbeddedSwitch> {
  const handle = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    outbound: options.outbound,
    control: false,
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    ...(options.heartbeatSeconds !== undefined ? { heartbeatSeconds: options.heartbeatSeconds } : {}),
    ...(options.maxSessions !== undefined ? { maxSessions: options.maxSessions } : {}),
    ...(options.recordingsDir !== undefined ? { recordingsDir: options.recordingsDir } : {}),
  });
  return {
    address: { host: handle.esl.host, port: handle.esl.port, password: handle.esl.password },
    emulator: handle.emulator,
    close: () => handle.close(),
  };
}
