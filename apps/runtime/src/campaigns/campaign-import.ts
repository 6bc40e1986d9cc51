import { isTimeZone } from '@ivr/components';
import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import { v7 as timeOrderedUuid } from 'uuid';
import { CampaignContactEntity } from './campaign-contact.entity.js';
import type { CampaignMapping } from './campaign-settings.js';
import { DoNotCallEntity } from './do-not-call.entity.js';
import { checkPhone } from './phone.js';
import {
  columnLetters,
  readSheet,
  SheetImportError,
  type CellValue,
  type ReadStats,
  type SheetSource,
} from './sheet-reader.js';

export interface SheetPreview {
  sheets: string[];
  sheet: string;
  headers: string[];
  /** The first rows after the header, as text. */
  rows: { number: number; cells: CellValue[] }[];
}

export type ExclusionReason = 'invalid-number' | 'duplicate' | 'do-not-call' | 'invalid-time-zone';

export interface ValidationReport {
  rows: number;
  contacts: number;
  emptyRows: number;
  excluded: Record<ExclusionReason, number>;
  /** The first problems, for the operator to fix. */
  problems: { row: number; reason: ExclusionReason; value: string }[];
}

const MAX_PROBLEMS = 200;
/** Rows per INSERT: SQL Server takes at most 2100 parameters in one statement. */
const BATCH = 100;
/** Numbers per do-not-call lookup (one parameter each, under the same limit). */
const LOOKUP_BATCH = 1_000;
/**
 * Rows per transaction: a commit (an fsync) per statement was most of SQLite's share of an import;
 * a few thousand rows hold the write lock for some milliseconds only, and nothing is read in between.
 */
const ROWS_PER_TRANSACTION = 5_000;

const isBlank = (cell: CellValue) => cell === null || (typeof cell === 'string' && cell.trim() === '');
const headerText = (value: CellValue) => (value === null ? '' : String(value).trim());

/** The column of a mapping entry: a header name (case-insensitive) or a column letter. */
export function resolveColumn(headers: string[], name: string, what: string): number {
  const wanted = name.trim().toLowerCase();
  const byName = headers.findIndex((h) => h.toLowerCase() === wanted);
  if (byName >= 0) return byName;
  if (/^[A-Z]{1,3}$/.test(name.trim())) {
    let n = 0;
    for (const ch of name.trim()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }
  throw new SheetImportError(
    `${what} column "${name}" is not in the header row (it has: ${headers.filter(Boolean).join(', ') || 'nothing'})`,
  );
}

/** The sheet names, the header and the first rows; reads no further than it shows. */
export async function previewSheet(source: SheetSource, headerRow: number, limit = 10): Promise<SheetPreview> {
  const stats: ReadStats = { rows: 0, sheets: [] };
  let headers: string[] | undefined;
  const rows: SheetPreview['rows'] = [];
  for await (const row of readSheet(source, stats)) {
    if (row.number < headerRow) continue;
    if (row.number === headerRow) {
      headers = row.cells.map(headerText);
      continue;
    }
    rows.push(row);
    if (rows.length >= limit) break;
  }
  if (!headers) throw new SheetImportError(`the sheet is empty: no header row ${headerRow}`);
  return {
    sheets: stats.sheets,
    sheet: source.sheet ?? stats.sheets[stats.sheets.length - 1] ?? '',
    headers: headers.map((h, i) => h || columnLetters(i)),
    rows,
  };
}

/**
 * Reads the whole sheet into the campaign's contacts, streaming, in batches. Bad numbers,
 * duplicates, do-not-call numbers and unknown time zones are excluded and reported; a malformed
 * file (text in the phone column, formulas, merged cells, too many rows, no data) throws
 * SheetImportError and leaves no contact behind.
 */
export async function importContacts(
  dataSource: DataSource,
  campaignId: string,
  source: SheetSource,
  mapping: CampaignMapping,
  now: string,
  stats?: ReadStats,
): Promise<ValidationReport> {
  const contacts = dataSource.getRepository(CampaignContactEntity);
  await contacts.delete({ campaignId });
  const report: ValidationReport = {
    rows: 0,
    contacts: 0,
    emptyRows: 0,
    excluded: { 'invalid-number': 0, duplicate: 0, 'do-not-call': 0, 'invalid-time-zone': 0 },
    problems: [],
  };
  const seen = new Set<string>();
  let columns: { phone: number; id?: number; timeZone?: number; variables: [string, number][] } | undefined;
  let pending: CampaignContactEntity[] = [];
  const inserts = contactInserts(dataSource);
  const blockedAmong = doNotCallLookup(dataSource);

  const markBlocked = async (manager: EntityManager, rows: CampaignContactEntity[]) => {
    for (let at = 0; at < rows.length; at += LOOKUP_BATCH) {
      const slice = rows.slice(at, at + LOOKUP_BATCH);
      const phones = slice.filter((c) => c.status === 'pending').map((c) => c.phone);
      if (phones.length === 0) continue;
      const blocked = await blockedAmong(manager, phones);
      for (const contact of slice) {
        if (contact.status === 'pending' && blocked.has(contact.phone)) exclude(contact, 'do-not-call', contact.phone);
      }
    }
  };

  /** Stores what was read so far: one transaction (one commit, not one per statement), BATCH rows a statement. */
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await dataSource.transaction(async (manager) => {
      await markBlocked(manager, rows);
      for (let at = 0; at < rows.length; at += BATCH) {
        const batch = rows.slice(at, at + BATCH);
        await manager.query(inserts.statement(batch.length), inserts.values(batch));
      }
    });
    stats?.flushedAtRows?.push(stats.rows);
  };
  const exclude = (contact: CampaignContactEntity, reason: ExclusionReason, value: string) => {
    if (contact.status === 'pending') report.contacts -= 1;
    contact.status = 'excluded';
    contact.excludedReason = reason;
    report.excluded[reason] += 1;
    if (report.problems.length < MAX_PROBLEMS) report.problems.push({ row: contact.rowNumber, reason, value });
  };

  try {
    for await (const row of readSheet(source, stats)) {
      if (row.number < mapping.headerRow) continue;
      if (row.number === mapping.headerRow) {
        const headers = row.cells.map(headerText);
        columns = {
          phone: resolveColumn(headers, mapping.phone, 'the phone'),
          ...(mapping.id ? { id: resolveColumn(headers, mapping.id, 'the id') } : {}),
          ...(mapping.timeZone ? { timeZone: resolveColumn(headers, mapping.timeZone, 'the time zone') } : {}),
          variables: Object.entries(mapping.variables).map(([name, col]) => [
            name,
            resolveColumn(headers, col, `the "${name}" variable's`),
          ]),
        };
        continue;
      }
      if (!columns) continue;
      if (row.cells.every(isBlank)) {
        report.emptyRows += 1;
        continue;
      }
      report.rows += 1;
      const raw = row.cells[columns.phone] ?? null;
      const phone = checkPhone(raw);
      if (!phone.ok && phone.reason === 'text')
        throw new SheetImportError(
          `the phone column holds text at ${columnLetters(columns.phone)}${row.number} ("${String(raw).slice(0, 40)}"); map the column with the numbers`,
        );
      const variables: Record<string, CellValue> = {};
      for (const [name, index] of columns.variables) variables[name] = row.cells[index] ?? null;
      const zone = columns.timeZone !== undefined ? row.cells[columns.timeZone] : null;
      const contact: CampaignContactEntity = {
        // Time-ordered (UUIDv7): each row lands at the end of the primary-key index instead of at a random
        // page of it, which made SQLite's part of an import 3-4x dearer.
        id: timeOrderedUuid(),
        campaignId,
        rowNumber: row.number,
        phone: phone.ok ? phone.phone : String(raw ?? '').slice(0, 32),
        externalId:
          columns.id !== undefined && row.cells[columns.id] != null
            ? String(row.cells[columns.id]).slice(0, 200)
            : null,
        timeZone: zone != null && String(zone).trim() !== '' ? String(zone).trim().slice(0, 64) : null,
        variables,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: null,
        lastCause: null,
        result: null,
        resultVariables: null,
        excludedReason: null,
        updatedAt: now,
      };
      report.contacts += 1;
      if (!phone.ok) exclude(contact, 'invalid-number', String(raw ?? ''));
      else if (seen.has(phone.phone)) exclude(contact, 'duplicate', phone.phone);
      else if (contact.timeZone && !isTimeZone(contact.timeZone))
        exclude(contact, 'invalid-time-zone', contact.timeZone);
      if (phone.ok) seen.add(phone.phone);
      pending.push(contact);
      if (pending.length >= ROWS_PER_TRANSACTION) await flush();
    }
    await flush();
    if (!columns) throw new SheetImportError(`the sheet is empty: no header row ${mapping.headerRow}`);
    if (report.rows === 0) throw new SheetImportError('the sheet has a header but no contact rows');
    report.problems.sort((a, b) => a.row - b.row);
    return report;
  } catch (error) {
    // Nothing partial: whatever was inserted before the problem goes.
    await contacts.delete({ campaignId });
    throw error;
  }
}

/** An entity's table as the database spells it in SQL (schema-qualified where it has one). */
function tableName(dataSource: DataSource, metadata: EntityMetadata): string {
  return metadata.tablePath
    .split('.')
    .map((part) => dataSource.driver.escape(part))
    .join('.');
}

/** Which of some numbers are on the do-not-call list: one SELECT ... IN, written once per list length. */
function doNotCallLookup(dataSource: DataSource) {
  const metadata = dataSource.getMetadata(DoNotCallEntity);
  const { driver } = dataSource;
  const column = driver.escape(metadata.findColumnWithPropertyName('number')!.databaseName);
  const table = tableName(dataSource, metadata);
  const statements = new Map<number, string>();
  return async (manager: EntityManager, numbers: string[]): Promise<Set<string>> => {
    let sql = statements.get(numbers.length);
    if (!sql) {
      const list = numbers.map((_, index) => driver.createParameter('p', index)).join(', ');
      sql = `SELECT ${column} AS n FROM ${table} WHERE ${column} IN (${list})`;
      statements.set(numbers.length, sql);
    }
    const rows = (await manager.query(sql, numbers)) as { n: string }[];
    return new Set(rows.map((row) => row.n));
  };
}

/**
 * The INSERT for a batch of contacts, written once per batch size from the entity's metadata, and its
 * values: TypeORM's insert builder spent more CPU building each batch's parameters than SQLite spent
 * storing them (bench/, "Campaign import"). Values still go through the driver where a column needs
 * it (the JSON text columns' transformer).
 */
function contactInserts(dataSource: DataSource) {
  const metadata = dataSource.getMetadata(CampaignContactEntity);
  const { driver } = dataSource;
  const statements = new Map<number, string>();
  const statement = (rows: number) => {
    let sql = statements.get(rows);
    if (sql) return sql;
    const table = tableName(dataSource, metadata);
    const columnList = metadata.columns.map((column) => driver.escape(column.databaseName)).join(', ');
    let index = 0;
    const tuple = () => `(${metadata.columns.map(() => driver.createParameter('p', index++)).join(', ')})`;
    sql = `INSERT INTO ${table} (${columnList}) VALUES ${Array.from({ length: rows }, tuple).join(', ')}`;
    statements.set(rows, sql);
    return sql;
  };
  // Text and integer columns without a transformer go to the driver as they are (1.5 M calls per
  // 100,000 rows saved); the others (JSON text) through the driver's conversion.
  const columns = metadata.columns.map((column) => ({
    column,
    property: column.propertyName as keyof CampaignContactEntity,
    plain:
      !column.transformer &&
      !column.embeddedMetadata &&
      !column.relationMetadata &&
      ['varchar', 'text', 'int', 'integer'].includes(String(column.type)),
  }));
  const values = (rows: CampaignContactEntity[]) => {
    const params: unknown[] = [];
    for (const row of rows) {
      for (const { column, property, plain } of columns)
        params.push(plain ? row[property] : driver.preparePersistentValue(column.getEntityValue(row), column));
    }
    return params;
  };
  return { statement, values };
}
