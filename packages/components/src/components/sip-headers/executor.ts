import type { Executor } from '../../executor.js';
import { mapIntoVariables } from '../../shared/evaluate-map.js';
import { renderHeaders, requireCall } from '../../shared/call-helpers.js';
import type { SipHeadersParams } from './definition.js';

/** Reads incoming X- headers into variables (missing ones become empty) and sets headers for the next bridge. */
export const sipHeadersExecutor: Executor<SipHeadersParams> = async (context) => {
  const { params } = context;
  const call = requireCall(context);
  const incoming = await call.incomingSipHeaders();
  // Header names are case-insensitive in SIP: match them so.
  const byLowerName = new Map(Object.entries(incoming).map(([name, value]) => [name.toLowerCase(), value]));
  const found: Record<string, unknown> = {};
  for (const header of Object.keys(params.map)) found[header] = byLowerName.get(header.toLowerCase()) ?? '';
  const outgoing = renderHeaders(context, params.headers);
  if (Object.keys(outgoing).length > 0) await call.setOutgoingSipHeaders(outgoing);
  return { exit: 'ok', vars: mapIntoVariables(found, params.map) };
};
