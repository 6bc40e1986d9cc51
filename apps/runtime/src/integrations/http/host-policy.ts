/**
 * Which hosts scenario HTTP requests may reach. A deny entry always wins; a non-empty allow list
 * admits only its hosts. Entries are host names or addresses, or `*.example.com` for any
 * subdomain (not example.com itself).
 */
export interface HostRules {
  allow: readonly string[];
  deny: readonly string[];
}

export function hostMatches(host: string, pattern: string): boolean {
  const h = normalizeHost(host);
  const p = normalizeHost(pattern);
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}

/** Undefined when the host may be reached, otherwise why not. */
export function hostRefusal(host: string, rules: HostRules, source: string): string | undefined {
  if (rules.deny.some((pattern) => hostMatches(host, pattern))) return `host ${host} is denied by ${source}`;
  if (rules.allow.length > 0 && !rules.allow.some((pattern) => hostMatches(host, pattern))) {
    return `host ${host} is not in the allow list of ${source}`;
  }
  return undefined;
}

/** Lower case, no IPv6 brackets, no trailing dot: one spelling per host. */
function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}
