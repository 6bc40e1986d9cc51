import ExcelJS from 'exceljs';

/** Writes an xlsx with exceljs's streaming writer: one sheet, a header row, then `rows`. */
export async function writeXlsx(
  path: string,
  header: (string | number)[],
  rows: Iterable<(string | number | null | ExcelJS.CellValue)[]>,
  options: { sheet?: string; merge?: string; extraSheets?: string[] } = {},
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
  });
  for (const name of options.extraSheets ?? []) workbook.addWorksheet(name).commit();
  const sheet = workbook.addWorksheet(options.sheet ?? 'Contacts');
  // Rows are committed as they go, except when cells are to be merged (the writer merges uncommitted rows only).
  const commit = !options.merge;
  const added = sheet.addRow(header);
  if (commit) added.commit();
  for (const row of rows) {
    const next = sheet.addRow(row);
    if (commit) next.commit();
  }
  if (options.merge) sheet.mergeCells(options.merge);
  sheet.commit();
  await workbook.commit();
}

/** Reads a small xlsx back whole (for assertions): rows of plain values keyed by header. */
export async function readXlsx(path: string): Promise<Record<string, unknown>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}
