// Writes debtors.xlsx, the sample's workbook: `node samples/excel-debt-lookup/make-debtors.mjs`.
// Upload it to the runtime's files (Files in the designer) under the same name to try the sample.
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

export const DEBTORS = [
  ['Phone', 'Name', 'Contract', 'Debt', 'Due date'],
  ['79161234567', 'Maria Ivanova', 'C-1001', 1520.5, '2026-06-10'],
  ['79162345678', 'Pavel Orlov', 'C-1002', 0, ''],
  ['79163456789', 'Nina Sokolova', 'C-1003', 12000, '2026-05-31'],
];

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Debtors');
for (const row of DEBTORS) sheet.addRow(row);
sheet.getRow(1).font = { bold: true };
sheet.columns.forEach((column) => (column.width = 16));
await workbook.xlsx.writeFile(fileURLToPath(new URL('./debtors.xlsx', import.meta.url)));
