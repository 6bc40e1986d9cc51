import type { JsonSchema } from '../../../catalog/componentSchemas';
import { stableJson } from '../../history/diffHighlight';

const MAX_LENGTH = 60;

/**
 * One line that tells nodes of the same type apart on the canvas: the params that differ from their
 * defaults, in schema order, shortest form first (a prompt shows its text, a list its length).
 */
export function summarizeParams(params: Record<string, unknown>, schema: JsonSchema | undefined): string {
  const order = schema?.properties ? Object.keys(schema.properties) : [];
  const keys = [...order.filter((k) => k in params), ...Object.keys(params).filter((k) => !order.includes(k))];
  const parts: string[] = [];
  for (const key of keys) {
    const value = params[key];
    const fallback = schema?.properties?.[key]?.default;
    if (fallback !== undefined && stableJson(fallback) === stableJson(value)) continue;
    const text = describeValue(value);
    if (!text) continue;
    parts.push(typeof value === 'string' || typeof value === 'object' ? text : `${key}: ${text}`);
    if (parts.join(' · ').length >= MAX_LENGTH) break;
  }
  const line = parts.join(' · ');
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string') return value.replace(/\s+/g, ' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '' : `[${value.length}]`;
  if (typeof value === 'object') {
    for (const inner of Object.values(value as Record<string, unknown>)) {
      const text = describeValue(inner);
      if (text) return text;
    }
  }
  return '';
}
