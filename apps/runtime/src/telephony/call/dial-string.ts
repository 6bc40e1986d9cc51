/** Builds FreeSWITCH dial strings for bridge and originate from the components' DialTarget. */
import type { DialTarget } from '@ivr/components';

export interface DialPlanOptions {
  /** How a `number` target is dialed; `{number}` is replaced (default `sofia/gateway/default/{number}`). */
  numberTemplate: string;
  /** How an `extension` target is dialed (default `user/{extension}`). */
  extensionTemplate: string;
  /** How a `group` target is dialed (default `group/{group}`). */
  groupTemplate: string;
}

export const DEFAULT_DIAL_PLAN: DialPlanOptions = {
  numberTemplate: 'sofia/gateway/default/{number}',
  extensionTemplate: 'user/{extension}',
  groupTemplate: 'group/{group}',
};

/** A value inside `{a=b,c=d}`: commas and spaces would split it, so such values are quoted. */
export function dialVariableValue(value: string): string {
  const clean = value.replace(/[\r\n'{}[\]]/g, ' ');
  return /[\s,|]/.test(clean) ? `'${clean}'` : clean;
}

export function dialVariables(vars: Readonly<Record<string, string | number | boolean>>): string {
  const entries = Object.entries(vars).map(([name, value]) => `${name}=${dialVariableValue(String(value))}`);
  return entries.length ? entries.join(',') : '';
}

/** The endpoint part of one target, e.g. `sofia/gateway/gw1/79161234567`. */
export function endpointFor(target: DialTarget, plan: DialPlanOptions = DEFAULT_DIAL_PLAN): string {
  const value = target.value.trim();
  switch (target.type) {
    case 'extension':
      return plan.extensionTemplate.replace('{extension}', value);
    case 'group':
      return plan.groupTemplate.replace('{group}', value);
    case 'gateway':
      return `sofia/gateway/${target.gateway}/${value}`;
    case 'uri':
      // A SIP URI goes out through the external profile; anything else is taken as a dial string.
      return /^sips?:/i.test(value) ? `sofia/external/${value.replace(/^sips?:/i, '')}` : value;
    case 'number':
    default:
      return plan.numberTemplate.replace('{number}', value.replace(/[^\d+*#]/g, ''));
  }
}

export interface DialStringRequest {
  targets: readonly DialTarget[];
  strategy: 'sequential' | 'simultaneous';
  ringTimeoutMs: number;
  callerId?: { number?: string; name?: string };
  headers?: Readonly<Record<string, string>>;
  /** Extra variables for every leg (e.g. the correlation variable of an originate). */
  variables?: Readonly<Record<string, string>>;
}

/** Whole seconds, never below 1: FreeSWITCH timeouts are in seconds. */
export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * `{global vars}[leg vars]endpoint,...` (simultaneous) or `...|...` (sequential). The ring timeout
 * is originate_timeout for every leg; a target with its own timeout gets `leg_timeout`.
 */
export function buildDialString(request: DialStringRequest, plan: DialPlanOptions = DEFAULT_DIAL_PLAN): string {
  if (request.targets.length === 0) throw new Error('a bridge needs at least one target');
  const global: Record<string, string> = {
    ...request.variables,
    originate_timeout: String(seconds(request.ringTimeoutMs)),
  };
  if (request.callerId?.number) global.origination_caller_id_number = request.callerId.number;
  if (request.callerId?.name) global.origination_caller_id_name = request.callerId.name;
  for (const [name, value] of Object.entries(request.headers ?? {})) global[sipHeaderVariable(name)] = value;
  const legs = request.targets.map((target) => {
    const own = target.ringTimeout !== undefined ? `[leg_timeout=${seconds(target.ringTimeout * 1000)}]` : '';
    return `${own}${endpointFor(target, plan)}`;
  });
  return `{${dialVariables(global)}}${legs.join(request.strategy === 'sequential' ? '|' : ',')}`;
}

/** `X-Order-Id` -> `sip_h_X-Order-Id` (FreeSWITCH sends sip_h_* variables as headers). */
export function sipHeaderVariable(header: string): string {
  const name = header.trim();
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`"${header}" is not a SIP header name`);
  return `sip_h_${name}`;
}
