/**
 * The column mapping form's model: one role per sheet column (phone, contact id, time zone, a
 * scenario variable, or ignored), turned into the runtime's mapping with its problems listed.
 */
import type { CampaignMapping } from './campaignApi';

export type ColumnRole = 'ignore' | 'phone' | 'id' | 'timeZone' | 'variable';

export interface ColumnChoice {
  role: ColumnRole;
  /** The scenario variable the column fills (role variable). */
  variable: string;
}

export type MappingProblem =
  | { code: 'no-phone' }
  | { code: 'many'; role: 'phone' | 'id' | 'timeZone' }
  | { code: 'bad-variable'; column: string; variable: string }
  | { code: 'duplicate-variable'; variable: string };

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A column's letter (A, B, ... Z, AA): the key of a column without a header. */
export function columnLetter(index: number): string {
  let out = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** How a column is named in the mapping: its header, or its letter when the header is empty. */
export function columnKeys(headers: readonly string[]): string[] {
  return headers.map((header, i) => (header.trim() ? header.trim() : columnLetter(i)));
}

/** A variable name from a header: `Client name` -> `client_name`; non-Latin headers -> `col_C`. */
export function variableNameFor(header: string, index: number): string {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  if (!name) return `col_${columnLetter(index)}`;
  return /^[0-9]/.test(name) ? `_${name}`.slice(0, 64) : name;
}

const PHONE = /phone|tel|mobile|msisdn|number|телефон|номер|моб|tel[eé]fono|n[uú]mero|m[oó]vil|celular/i;
const ID = /^(id|client ?id|contact ?id|customer ?id|код|ид|идентификатор|id ?клиента|identificador)$/i;
const TIME_ZONE = /time ?zone|^tz$|часовой|пояс|zona horaria/i;

/** A first guess from the headers: the first phone-like column, an id column, the rest as variables. */
export function guessChoices(headers: readonly string[]): Record<string, ColumnChoice> {
  const keys = columnKeys(headers);
  const out: Record<string, ColumnChoice> = {};
  let phone = false;
  let id = false;
  let zone = false;
  keys.forEach((key, i) => {
    const header = headers[i] ?? '';
    const variable = variableNameFor(header, i);
    if (!phone && PHONE.test(header)) {
      phone = true;
      out[key] = { role: 'phone', variable };
    } else if (!id && ID.test(header.trim())) {
      id = true;
      out[key] = { role: 'id', variable };
    } else if (!zone && TIME_ZONE.test(header)) {
      zone = true;
      out[key] = { role: 'timeZone', variable };
    } else {
      out[key] = { role: header.trim() ? 'variable' : 'ignore', variable };
    }
  });
  if (!phone && keys.length > 0) out[keys[0]!] = { role: 'phone', variable: out[keys[0]!]!.variable };
  return out;
}

/** The runtime's mapping from the choices, and what is wrong with them (empty when it can be sent). */
export function buildMapping(
  headers: readonly string[],
  choices: Readonly<Record<string, ColumnChoice>>,
  options: { sheet?: string; headerRow: number },
): { mapping: CampaignMapping | null; problems: MappingProblem[] } {
  const keys = columnKeys(headers);
  const problems: MappingProblem[] = [];
  const single: Partial<Record<'phone' | 'id' | 'timeZone', string[]>> = {};
  const variables: Record<string, string> = {};
  const seen = new Set<string>();
  for (const key of keys) {
    const choice = choices[key];
    if (!choice || choice.role === 'ignore') continue;
    if (choice.role === 'variable') {
      const name = choice.variable.trim();
      if (!VARIABLE.test(name)) problems.push({ code: 'bad-variable', column: key, variable: name });
      else if (seen.has(name)) problems.push({ code: 'duplicate-variable', variable: name });
      else {
        seen.add(name);
        variables[name] = key;
      }
      continue;
    }
    (single[choice.role] ??= []).push(key);
  }
  if (!single.phone?.length) problems.push({ code: 'no-phone' });
  for (const role of ['phone', 'id', 'timeZone'] as const)
    if ((single[role]?.length ?? 0) > 1) problems.push({ code: 'many', role });
  if (problems.length > 0) return { mapping: null, problems };
  return {
    mapping: {
      ...(options.sheet ? { sheet: options.sheet } : {}),
      headerRow: options.headerRow,
      phone: single.phone![0]!,
      ...(single.id ? { id: single.id[0]! } : {}),
      ...(single.timeZone ? { timeZone: single.timeZone[0]! } : {}),
      variables,
    },
    problems,
  };
}

/** Choices back from a saved mapping (a ready campaign reopened). */
export function choicesFromMapping(headers: readonly string[], mapping: CampaignMapping): Record<string, ColumnChoice> {
  const keys = columnKeys(headers);
  const out: Record<string, ColumnChoice> = {};
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  keys.forEach((key, i) => {
    const variable = Object.entries(mapping.variables).find(([, column]) => same(column, key))?.[0];
    const role: ColumnRole = same(mapping.phone, key)
      ? 'phone'
      : mapping.id && same(mapping.id, key)
        ? 'id'
        : mapping.timeZone && same(mapping.timeZone, key)
          ? 'timeZone'
          : variable
            ? 'variable'
            : 'ignore';
    out[key] = { role, variable: variable ?? variableNameFor(headers[i] ?? '', i) };
  });
  return out;
}
