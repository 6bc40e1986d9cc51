import ExcelJS from 'exceljs';
import { MoreThan, type DataSource } from 'typeorm';
import { CampaignContactEntity } from './campaign-contact.entity.js';
import type { CampaignMapping, CampaignSettings } from './campaign-settings.js';
import { readSheet, type CellValue, type SheetSource } from './sheet-reader.js';

const PAGE = 1000;

/** The per-contact result cells, by result column name. */
export function resultCells(
  contact: CampaignContactEntity | undefined,
  settings: CampaignSettings,
): Map<string, CellValue> {
  const columns = settings.resultColumns;
  const cells = new Map<string, CellValue>();
  if (!contact) return cells;
  const status = contact.status === 'excluded' ? `excluded: ${contact.excludedReason ?? ''}` : contact.status;
  cells.set(columns.status, status);
  cells.set(columns.result, contact.result);
  cells.set(columns.attempts, contact.attempts);
  cells.set(columns.lastCause, contact.lastCause);
  for (const name of columns.variables) {
    const value = contact.resultVariables?.[name] as unknown;
    cells.set(
      name,
      value === undefined || value === null
        ? null
        : typeof value === 'object'
          ? JSON.stringify(value)
          : (value as CellValue),
    );
  }
  return cells;
}

/**
 * Writes the campaign's sheet with its result columns filled (added at the right when the sheet
 * lacks them) to `outPath` as xlsx. Streams both ways: the source sheet row by row, the contacts by
 * pages in row order, exceljs's streaming WorkbookWriter out.
 */
export async function writeResults(
  dataSource: DataSource,
  campaignId: string,
  source: SheetSource,
  mapping: CampaignMapping,
  settings: CampaignSettings,
  outPath: string,
): Promise<void> {
  const contacts = dataSource.getRepository(CampaignContactEntity);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: outPath,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(source.sheet ?? 'Results');
  const names = [
    settings.resultColumns.status,
    settings.resultColumns.result,
    settings.resultColumns.attempts,
    settings.resultColumns.lastCause,
    ...settings.resultColumns.variables,
  ];
  let positions: Map<string, number> | undefined;
  let page: CampaignContactEntity[] = [];
  let index = 0;
  let lastRow = 0;
  let exhausted = false;
  const contactAt = async (rowNumber: number): Promise<CampaignContactEntity | undefined> => {
    for (;;) {
      while (index < page.length && page[index]!.rowNumber < rowNumber) index += 1;
      if (index < page.length) return page[index]!.rowNumber === rowNumber ? page[index] : undefined;
      if (exhausted) return undefined;
      page = await contacts.find({
        where: { campaignId, rowNumber: MoreThan(lastRow) },
        order: { rowNumber: 'ASC' },
        take: PAGE,
      });
      index = 0;
      if (page.length < PAGE) exhausted = true;
      if (page.length > 0) lastRow = page[page.length - 1]!.rowNumber;
    }
  };
  for await (const row of readSheet({ ...source, maxRows: Number.MAX_SAFE_INTEGER })) {
    const values: CellValue[] = [...row.cells];
    if (row.number === mapping.headerRow) {
      positions = new Map();
      const headers = values.map((v) => (v === null ? '' : String(v).trim().toLowerCase()));
      for (const name of names) {
        let at = headers.indexOf(name.toLowerCase());
        if (at < 0) {
          at = values.length;
          values.push(name);
          headers.push(name.toLowerCase());
        }
        positions.set(name, at);
      }
    } else if (positions && row.number > mapping.headerRow) {
      const cells = resultCells(await contactAt(row.number), settings);
      for (const [name, value] of cells) values[positions.get(name)!] = value;
    }
    sheet.getRow(row.number).values = values.map((v) => v ?? undefined) as ExcelJS.CellValue[];
    sheet.getRow(row.number).commit();
  }
  sheet.commit();
  await workbook.commit();
}
