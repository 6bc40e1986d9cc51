/**
 * Signing of the payment result callbacks. Each POST carries
 *
 *   X-IVR-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * A receiver recomputes the HMAC over the timestamp, a dot and the raw body bytes (before any
 * JSON parsing), compares in constant time, and refuses a timestamp too far from its clock, so a
 * captured request cannot be replayed later. Each attempt is signed afresh with its own time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-IVR-Signature';
export const DELIVERY_ID_HEADER = 'X-IVR-Delivery-Id';
export const DELIVERY_ATTEMPT_HEADER = 'X-IVR-Delivery-Attempt';

/** Five minutes either way, as most webhook senders allow. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signCallback(secret: string, body: string | Uint8Array, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** What a receiver runs on the header and the raw body it got. */
export function verifyCallbackSignature(
  secret: string,
  header: string | undefined,
  body: string | Uint8Array,
  options: { now?: Date; toleranceSeconds?: number } = {},
): SignatureCheck {
  if (!header) return { ok: false, reason: 'no signature header' };
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given))
    return { ok: false, reason: 'malformed signature' };
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'timestamp outside the tolerance' };
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'signature mismatch' };
  return { ok: true, timestamp };
}
