import { join } from 'node:path';
import { DEFAULT_HTTP_OPTIONS, type HttpAdapterOptions } from './http/http-adapter.js';

export interface IntegrationsConfig {
  /** The file store: uploaded workbooks and recordings, by name only. */
  filesDir: string;
  http: HttpAdapterOptions;
}

const HOST_PATTERN = /^(\*\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$|^\[?[0-9A-Fa-f:.]+\]?$/;

/**
 * Reads the integrations' settings from the environment, checked: a bad value stops start-up with
 * a message naming the variable.
 * - IVR_HTTP_ALLOW_HOSTS: comma-separated hosts (`api.example.com`, `*.example.com`) HTTP steps may
 *   reach; empty or unset: any host not denied.
 * - IVR_HTTP_DENY_HOSTS: hosts never reached, added to the cloud metadata endpoints denied always.
 * - IVR_HTTP_MAX_RESPONSE_BYTES: largest response body read (default 1 MiB).
 */
export function loadIntegrationsConfig(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): IntegrationsConfig {
  const hosts = (name: string): string[] => {
    const entries = (env[name] ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
    const bad = entries.find((entry) => !HOST_PATTERN.test(entry));
    if (bad !== undefined) throw new Error(`${name}: "${bad}" is not a host name, address or *.domain pattern`);
    return entries;
  };
  let maxResponseBytes = DEFAULT_HTTP_OPTIONS.maxResponseBytes;
  const rawMax = env.IVR_HTTP_MAX_RESPONSE_BYTES;
  if (rawMax !== undefined && rawMax !== '') {
    maxResponseBytes = Number(rawMax);
    if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 1) {
      throw new Error(`IVR_HTTP_MAX_RESPONSE_BYTES: "${rawMax}" is not a positive whole number of bytes`);
    }
  }
  return {
    filesDir: join(dataDir, 'files'),
    http: {
      ...DEFAULT_HTTP_OPTIONS,
      hosts: {
        allow: hosts('IVR_HTTP_ALLOW_HOSTS'),
        deny: [...DEFAULT_HTTP_OPTIONS.hosts.deny, ...hosts('IVR_HTTP_DENY_HOSTS')],
      },
      maxResponseBytes,
    },
  };
}
