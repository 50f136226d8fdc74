// Reads a ledger .xlsx back (tests and e2e): the data rows and the 合计 row, cell values as written.
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from '../stats/pairing.excel.ts';

export async function readLedger(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('结对台账')!;
  const rows: (string | number)[][] = [];
  sheet.eachRow((row, n) => {
    if (n <= 2) return;
    rows.push(LEDGER_COLUMNS.map((_, i) => row.getCell(i + 1).value as string | number));
  });
  return { rows: rows.slice(0, -1), total: rows[rows.length - 1]! };
}
