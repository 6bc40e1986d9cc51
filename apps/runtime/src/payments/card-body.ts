/**
 * Builds a JSON request body that carries card digits without ever making them a JavaScript
 * string. The document is serialised with random placeholders where the card fields go; the
 * placeholders are then replaced, byte for byte, by the digits copied from the caller's buffers
 * into one new Buffer, which the connector overwrites (fill(0)) once the request is over. ASCII
 * digits need no JSON escaping, so the result is the JSON the document would have produced.
 */
import { randomBytes } from 'node:crypto';

/** A value that is filled in as a JSON string from these bytes (ASCII digits only). */
export class SecretDigits {
  constructor(readonly bytes: Uint8Array) {
    for (const byte of bytes) {
      if (byte < 0x30 || byte > 0x39) throw new TypeError('card data must be ASCII digits');
    }
  }
}

export type BodyValue = string | number | boolean | null | SecretDigits | BodyObject | BodyValue[];
export interface BodyObject {
  [key: string]: BodyValue | undefined;
}

/** The body as bytes; the caller owns the buffer and wipes it after the request. */
export function buildSecretJson(document: BodyObject): Buffer {
  const nonce = randomBytes(12).toString('hex');
  const secrets: Uint8Array[] = [];
  const replace = (value: BodyValue | undefined): unknown => {
    if (value instanceof SecretDigits) {
      secrets.push(value.bytes);
      return `@@card-${secrets.length - 1}-${nonce}@@`;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) if (inner !== undefined) out[key] = replace(inner);
      return out;
    }
    return value;
  };
  const text = JSON.stringify(replace(document));
  const pattern = new RegExp(`"@@card-(\\d+)-${nonce}@@"`, 'g');
  const parts: Array<Uint8Array> = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(Buffer.from(text.slice(last, match.index + 1), 'utf8')); // up to and including the opening quote
    const bytes = secrets[Number(match[1])];
    if (!bytes) throw new Error('card body placeholder without its value');
    parts.push(bytes);
    last = match.index + match[0].length - 1; // the closing quote stays
  }
  parts.push(Buffer.from(text.slice(last), 'utf8'));
  // Buffer.alloc, not Buffer.concat: concat may take a slice of Node's shared pool, and the body is
  // meant to be a buffer of its own, wiped after use.
  const size = parts.reduce((total, part) => total + part.length, 0);
  const body = Buffer.alloc(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  return body;
}
