import { CURRENT_FORMAT } from '../document.js';
import { migrateV0ToV1 } from './v0-to-v1.js';

/** One step from a format to the next; pure, returns a new object. */
interface MigrationStep {
  from: string;
  to: string;
  apply(doc: Record<string, unknown>): Record<string, unknown>;
}

/** The chain of steps, oldest first. A new format adds one step here. */
const STEPS: readonly MigrationStep[] = [{ from: 'ivr-scenario/0', to: 'ivr-scenario/1', apply: migrateV0ToV1 }];

export const KNOWN_FORMATS: readonly string[] = [...STEPS.map((s) => s.from), CURRENT_FORMAT];

export type MigrationResult =
  { ok: true; document: Record<string, unknown>; from: string; applied: string[] } | { ok: false; message: string };

/**
 * Brings a document of any known format up to the current one. A document with no `format`
 * field is the pre-release format 0. Unknown or newer formats are refused, never guessed.
 */
export function migrate(input: unknown): MigrationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'a scenario must be a JSON object' };
  }
  let doc = input as Record<string, unknown>;
  const from = doc.format === undefined ? 'ivr-scenario/0' : doc.format;
  if (typeof from !== 'string' || !KNOWN_FORMATS.includes(from)) {
    return {
      ok: false,
      message: `unknown format ${JSON.stringify(from)}; this version reads ${KNOWN_FORMATS.join(', ')}`,
    };
  }
  const applied: string[] = [];
  let format = from;
  while (format !== CURRENT_FORMAT) {
    const step = STEPS.find((s) => s.from === format);
    if (!step) return { ok: false, message: `no migration from ${format}` };
    try {
      doc = step.apply(doc);
    } catch (error) {
      return { ok: false, message: `migration ${step.from} -> ${step.to} failed: ${(error as Error).message}` };
    }
    applied.push(`${step.from} -> ${step.to}`);
    format = step.to;
  }
  return { ok: true, document: doc, from, applied };
}
