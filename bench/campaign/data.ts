/**
 * The contact lists the campaign-import benchmark reads: one sheet, a header row and `rows` data
 * rows, deterministic, written with exceljs's streaming writer with shared strings (as Excel saves
 * text) and no styles. Columns: Phone, Name, Time zone, Debt, Contract.
 * - Phone: mostly valid, as Excel holds them: a number cell (79161234567) or text in several
 *   layouts ("+7 (916) 123-45-67", "8 916 123 45 67", "+79161234567"); about 1 in 53 too short
 *   (invalid), 1 in 211 empty, 1 in 41 a repeat of a number a few rows up (duplicate).
 * - Time zone: six real zones, 1 in 7 empty, 1 in 199 unknown ("Mars/Olympus").
 * - Name (about 400 distinct), Debt (a number) and Contract (unique text) are the custom fields.
 * A do-not-call list of about 1 in 97 of the numbers goes into the database before the import.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../lib/report.js';

export const HEADER = ['Phone', 'Name', 'Time zone', 'Debt', 'Contract'];

/** The mapping the operator would choose for these files (the API's `prepare` body). */
export const MAPPING = {
  headerRow: 1,
  phone: 'Phone',
  id: 'Contract',
  timeZone: 'Time zone',
  variables: { name: 'Name', debt: 'Debt' },
};

const FIRST = ['Anna', 'Boris', 'Olga', 'Ivan', 'Maria', 'Pavel', 'Elena', 'Sergei', 'Irina', 'Dmitry'];
const FIRST_MORE = ['Natalia', 'Alexei', 'Tatiana', 'Nikolai', 'Svetlana', 'Andrei', 'Yulia', 'Mikhail', 'Daria'];
const LAST = ['Ivanov', 'Petrov', 'Sidorov', 'Smirnov', 'Kuznetsov', 'Popov', 'Volkov', 'Sokolov', 'Lebedev'];
const LAST_MORE = ['Kozlov', 'Novikov', 'Morozov', 'Egorov', 'Pavlov', 'Semenov', 'Golubev', 'Vinogradov', 'Bogdanov'];
const FIRSTS = [...FIRST, ...FIRST_MORE];
const LASTS = [...LAST, ...LAST_MORE];
const ZONES = [
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Novosibirsk',
  'Asia/Vladivostok',
  'Europe/Kaliningrad',
];

/** The 11-digit number of data row `i` (0-based), before any layout. */
const digitsOf = (i: number) => `79${String(160_000_000 + ((i * 7_919) % 839_999_999)).padStart(9, '0')}`;

function phoneCell(i: number): string | number | null {
  if (i % 211 === 5) return null;
  if (i % 53 === 7) return String(1000 + (i % 9000)).slice(0, 4);
  // A repeat of the row 3 above (which is then not an invalid or empty one most of the time).
  const n = i % 41 === 11 && i >= 3 ? i - 3 : i;
  const d = digitsOf(n);
  switch (n % 10) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return Number(d);
    case 5:
    case 6:
      return `+7 (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7, 9)}-${d.slice(9)}`;
    case 7:
      return `8 ${d.slice(1, 4)} ${d.slice(4, 7)} ${d.slice(7, 9)} ${d.slice(9)}`;
    default:
      return `+${d}`;
  }
}

export function dataRow(i: number): (string | number | null)[] {
  const zone = i % 199 === 13 ? 'Mars/Olympus' : i % 7 === 3 ? null : ZONES[i % ZONES.length]!;
  return [
    phoneCell(i),
    `${FIRSTS[i % FIRSTS.length]} ${LASTS[Math.floor(i / FIRSTS.length) % LASTS.length]}`,
    zone,
    Math.round(((i * 7_331) % 1_000_000) / 10) / 10,
    `C-${String(2_000_000 + i)}`,
  ];
}

/** Do-not-call numbers (normalised as the import stores them): about 1 in 97 of the list's numbers. */
export function doNotCallNumbers(rows: number): string[] {
  const out = new Set<string>();
  for (let i = 3; i < rows; i += 97) out.add(digitsOf(i));
  return [...out];
}

interface WorkbookWriter {
  addWorksheet(name: string): {
    addRow(values: unknown[]): { commit(): void };
    commit(): void;
  };
  commit(): Promise<void>;
}

/** Writes the list of `rows` data rows to `path` (streaming: the writer keeps no rows). */
export async function writeContactList(path: string, rows: number): Promise<void> {
  const exceljs = createRequire(join(repoRoot(), 'apps', 'runtime', 'package.json'))('exceljs') as {
    stream: { xlsx: { WorkbookWriter: new (options: Record<string, unknown>) => WorkbookWriter } };
  };
  const workbook = new exceljs.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i += 1) sheet.addRow(dataRow(i)).commit();
  sheet.commit();
  await workbook.commit();
}
