export interface CallFilters {
  /** `datetime-local` values in the browser's time zone. */
  from?: string;
  to?: string;
  caller?: string;
  callee?: string;
  scenarioId?: string;
  result?: string;
  direction?: string;
}

/** The /api/calls query: local date-times become ISO instants, empty filters are left out. */
export function callsQueryString(filters: CallFilters, limit: number, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [keyof CallFilters, string | undefined][]) {
    if (!value) continue;
    params.set(key, key === 'from' || key === 'to' ? new Date(value).toISOString() : value.trim());
  }
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return params.toString();
}

/** The id the call's steps are recorded under: its caller leg (the CDR id is not a channel). */
export function traceCallId(call: { id: string; legs?: { uuid: string; role: string }[] }): string {
  const legs = call.legs ?? [];
  return (legs.find((leg) => leg.role === 'caller') ?? legs[0])?.uuid ?? call.id;
}
