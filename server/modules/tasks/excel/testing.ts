// Building real .xlsx files and multipart requests for the Excel tests.
import ExcelJS from 'exceljs';

export type Cell = ExcelJS.CellValue;

export const HEADER = [
  '序号',
  '工作要点条目',
  '具体任务',
  '牵头单位',
  '配合单位',
  '责任人',
  '开始时间',
  '完成时限',
  '报送周期',
  '指标及目标值',
];

/** A workbook the way clerks make it: a merged title row, a blank row, then the header and the rows. */
export async function sheetFile(rows: Cell[][], header: string[] = HEADER): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('任务分解表');
  sheet.addRow(['山东省2026年统战工作任务分解表']);
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.addRow(['填报单位：省委统战部办公室', '', '', '', '', '', '', '', '日期：2026年1月']);
  sheet.mergeCells(2, 1, 2, 8);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function multipart(file: Buffer, fields: Record<string, string> = {}, filename = '任务分解表.xlsx') {
  const boundary = '----luoshi-excel-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
