import type { ValueType } from '../document.js';

/** The CEL type an expression sees for a declared value type. */
export function celTypeOf(type: ValueType): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'int':
      return 'int';
    case 'double':
      return 'double';
    case 'bool':
      return 'bool';
    case 'list':
      return 'list';
    case 'map':
      return 'map';
    case 'timestamp':
      return 'google.protobuf.Timestamp';
    case 'any':
      return 'dyn';
  }
}

/**
 * Converts a stored value (JSON-friendly: numbers, strings, objects) into what the CEL evaluator
 * expects for the declared type: ints are BigInt inside CEL, timestamps are Dates.
 */
export function toCelValue(value: unknown, type: ValueType): unknown {
  if (value === undefined || value === null) return defaultCelValue(type);
  switch (type) {
    case 'int': {
      if (typeof value === 'bigint') return value;
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
    }
    case 'double':
      return typeof value === 'number' ? value : Number(value);
    case 'string':
      return typeof value === 'string' ? value : String(value);
    case 'bool':
      return value === true || value === 'true';
    case 'timestamp':
      return value instanceof Date ? value : new Date(String(value));
    default:
      return value;
  }
}

function defaultCelValue(type: ValueType): unknown {
  switch (type) {
    case 'int':
      return 0n;
    case 'double':
      return 0;
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'list':
      return [];
    case 'map':
      return {};
    case 'timestamp':
      return new Date(0);
    case 'any':
      return null;
  }
}

/** Converts a CEL result back to a JSON-friendly value (BigInt -> number, Map -> object). */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = fromCelValue(v);
    return out;
  }
  if (value instanceof Uint8Array) return value;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromCelValue(v);
    return out;
  }
  return value;
}

/** Does a JSON-friendly value fit a declared type (for initial values and params)? */
export function valueFitsType(value: unknown, type: ValueType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'double':
      return typeof value === 'number' && Number.isFinite(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'map':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'timestamp':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'any':
      return true;
  }
}

/** Text form of a value inside a `{{ }}` template. */
export function stringifyForTemplate(value: unknown): string {
  const plain = fromCelValue(value);
  if (plain === null || plain === undefined) return '';
  if (typeof plain === 'string') return plain;
  if (plain instanceof Date) return plain.toISOString();
  if (typeof plain === 'object') return JSON.stringify(plain);
  return String(plain);
}
