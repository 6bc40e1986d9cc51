// Writes autoinformer.xlsx, the sample's contact list: `node samples/excel-autoinformer/make-contacts.mjs`.
// Upload it as the campaign's list (and to the runtime's files under the same name, for the Result column).
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const CONTACTS = [
  ['Phone', 'Name', 'Message', 'Result'],
  ['79161234567', 'Maria', 'Your order is ready for pickup at the Central store.', null],
  ['79162345678', 'Pavel', 'Your order is ready for pickup at the North store.', null],
  ['79163456789', 'Nina', 'Your order is ready for pickup at the Central store.', null],
];

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Contacts');
for (const row of CONTACTS) sheet.addRow(row);
sheet.getRow(1).font = { bold: true };
sheet.columns.forEach((column) => (column.width = 20));
await workbook.xlsx.writeFile(fileURLToPath(new URL('./autoinformer.xlsx', import.meta.url)));
