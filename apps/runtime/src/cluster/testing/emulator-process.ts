/**
 * The ESL emulator as the shared switch of several runtime nodes (cluster tests, `pnpm soak`).
 * Configured by CLUSTER_EMULATOR (JSON, see EmulatorProcessConfig). Inbound calls to digit-only
 * numbers are spread the way a FreeSWITCH dialplan would spread them: a number whose prefix is
 * pinned goes to that node's socket, any other number round-robin over `targets` (FreeSWITCH does
 * this with mod_distributor or a list of `socket` actions with failover: docs/scaling.md).
 * Prints `emulator ready` once it listens.
 */
import { startEmulator, type DialplanApp, type EndpointDefinition } from '@ivr/esl-emulator';

export interface EmulatorProcessConfig {
  port: number;
  controlPort: number;
  password?: string;
  timeScale?: number;
  /** host:port of every node's outbound-socket listener. */
  targets: string[];
  /** Number prefix -> host:port. */
  pins?: Record<string, string>;
  endpoints?: Array<Omit<EndpointDefinition, 'match'> & { match: string }>;
  heartbeatSeconds?: number;
}

const config = JSON.parse(process.env.CLUSTER_EMULATOR ?? '{}') as EmulatorProcessConfig;
const handle = await startEmulator({
  port: config.port,
  password: config.password ?? 'ClueCon',
  timeScale: config.timeScale ?? 1,
  heartbeatSeconds: config.heartbeatSeconds ?? 0,
  control: { port: config.controlPort },
});
for (const endpoint of config.endpoints ?? []) handle.emulator.defineEndpoint(endpoint);

const sw = handle.emulator.switch;
const dialplan = sw.route.bind(sw);
let next = 0;
sw.route = (destination: string, context: string): DialplanApp[] => {
  const apps = dialplan(destination, context);
  if (!/^\d+$/.test(destination) || apps[0]?.[0] !== 'hangup') return apps;
  const pinned = Object.entries(config.pins ?? {}).find(([prefix]) => destination.startsWith(prefix));
  const target = pinned?.[1] ?? config.targets[next++ % Math.max(1, config.targets.length)];
  return target ? [['socket', `${target} async full`]] : apps;
};

// Long runs (soak): keep the history of ended calls bounded.
const keep = Number(process.env.CLUSTER_EMULATOR_KEEP_HISTORY ?? 100_000);
setInterval(() => {
  if (handle.emulator.switch.histories.size > keep) handle.emulator.pruneHistory();
}, 10_000).unref();

process.stdout.write(`emulator ready ${handle.esl.port} ${handle.control?.port ?? ''}\n`);
const stop = () => void handle.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
