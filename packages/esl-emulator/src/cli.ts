/**
 * Standalone start: `pnpm --filter @ivr/esl-emulator start [--port 8021] [--password ClueCon]
 * [--outbound 127.0.0.1:8084] [--control-port 8022] [--time-scale 1]`. Each flag also reads an
 * environment variable: ESL_PORT, ESL_HOST, ESL_PASSWORD, ESL_OUTBOUND, ESL_CONTROL_PORT, ESL_TIME_SCALE.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    password: { type: 'string' },
    outbound: { type: 'string' },
    'control-port': { type: 'string' },
    'time-scale': { type: 'string' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(
    'esl-emulator [--host 127.0.0.1] [--port 8021] [--password ClueCon] [--outbound host:port] [--control-port 8022] [--time-scale 1]',
  );
  process.exit(0);
}

function fail(message: string): never {
  console.error(`esl-emulator: ${message}`);
  process.exit(2);
}

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${name} must be a port number, got "${raw}"`);
  return n;
}

const env = process.env;
const outboundRaw = values.outbound ?? env.ESL_OUTBOUND;
let outbound: { host: string; port: number } | undefined;
if (outboundRaw) {
  const m = /^(.+):(\d+)$/.exec(outboundRaw);
  if (!m) fail(`--outbound must be host:port, got "${outboundRaw}"`);
  outbound = { host: m[1]!, port: port('--outbound', m[2], 0) };
}
const timeScale = Number(values['time-scale'] ?? env.ESL_TIME_SCALE ?? 1);
if (!(timeScale > 0)) fail('--time-scale must be a positive number');

const handle = await startEmulator({
  host: values.host ?? env.ESL_HOST ?? '127.0.0.1',
  port: port('--port', values.port ?? env.ESL_PORT, 8021),
  password: values.password ?? env.ESL_PASSWORD ?? 'ClueCon',
  outbound,
  timeScale,
  control: {
    host: values.host ?? env.ESL_HOST ?? '127.0.0.1',
    port: port('--control-port', values['control-port'] ?? env.ESL_CONTROL_PORT, 8022),
  },
});
console.log(`esl-emulator: event socket on ${handle.esl.host}:${handle.esl.port} (password ${handle.esl.password})`);
if (handle.control)
  console.log(
    `esl-emulator: control API on ${handle.control.url} (WebSocket ${handle.control.url.replace('http', 'ws')}/events)`,
  );
console.log(
  outbound
    ? `esl-emulator: inbound calls go to socket ${outbound.host}:${outbound.port} async full`
    : 'esl-emulator: no --outbound target: digit-only destinations are rejected (NO_ROUTE_DESTINATION)',
);

const stop = () => {
  void handle.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
