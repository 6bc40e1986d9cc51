/**
 * SMPP delivery receipts (deliver_sm with esm_class bit 0x04). The receipt's text follows the
 * de-facto format of SMPP 3.4 appendix B (`id:... sub:... dlvr:... stat:DELIVRD err:000`); SMPP
 * 5.0 centres also send the receipted_message_id and message_state TLVs, which win when present.
 */
export interface DeliveryReceipt {
  messageId: string;
  /** DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, ACCEPTD, ENROUTE, UNKNOWN. */
  state: string;
}

const MESSAGE_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

/** Not final yet: the receipt says the message is still on its way. */
export const INTERIM_STATES = new Set(['ENROUTE', 'ACCEPTD']);

export function isReceipt(pdu: Readonly<Record<string, unknown>>): boolean {
  return typeof pdu.esm_class === 'number' && (pdu.esm_class & 0x3c) === 0x04;
}

export function parseReceipt(pdu: Readonly<Record<string, unknown>>): DeliveryReceipt | undefined {
  const text = messageText(pdu.short_message) ?? messageText(pdu.message_payload) ?? '';
  const id = stringField(pdu.receipted_message_id) ?? /\bid:(\S+)/i.exec(text)?.[1];
  if (!id) return undefined;
  const state =
    (typeof pdu.message_state === 'number' ? MESSAGE_STATES[pdu.message_state] : undefined) ??
    /\bstat:(\S+)/i.exec(text)?.[1]?.toUpperCase() ??
    'UNKNOWN';
  return { messageId: id.replace(/\0+$/, ''), state };
}

/** Centres disagree on hex or decimal ids between submit_sm_resp and the receipt: both count. */
export function sameMessageId(a: string, b: string): boolean {
  if (a === b) return true;
  const asNumbers = (hex: string, dec: string) =>
    /^[0-9a-f]+$/i.test(hex) && /^\d+$/.test(dec) && BigInt(`0x${hex}`) === BigInt(dec);
  try {
    return asNumbers(a, b) || asNumbers(b, a);
  } catch {
    return false;
  }
}

function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value)
    return messageText((value as { message: unknown }).message);
  return undefined;
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (Buffer.isBuffer(value) && value.length > 0) return value.toString('latin1');
  return undefined;
}
