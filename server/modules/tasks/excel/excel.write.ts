// Writing .xlsx files with exceljs: the template, the task table (the import's own columns, so an export
// re-imports to the same tasks) and the 进度台账. Every text cell that a spreadsheet could take for a
// formula (= + - @, also after leading spaces or a tab/CR) is written with a leading apostrophe-style
// quote prefix so that Excel, WPS and LibreOffice show it as text and never run it.
import ExcelJS from 'exceljs';
import { COLUMNS } from './excel.text.ts';

const FORMULA_START = /^[\s]*[=+\-@\t\r]/;

/** A value safe to put in a cell: numbers and dates as they are, risky text prefixed with ’. */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function newBook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = '落实 Luoshi';
  book.created = new Date(0);
  return book;
}

/** A sheet with a title row (merged across the columns) above a bold header row, the way clerks lay it out. */
export function addTable(
  book: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: readonly string[],
  rows: (string | number | null)[][],
) {
  const sheet = book.addWorksheet(name);
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow([...columns]);
  header.font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safeCell));
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c === '具体任务' || c === '工作要点条目' ? 40 : 16;
    // Text format on every column: dates are written as YYYY-MM-DD text, which the import reads too.
    column.numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return sheet;
}

const HELP: [string, string][] = [
  ['序号', '可选，仅便于核对，导入时不使用'],
  ['工作要点条目', '必填。本工作要点中条目的序号或标题，如“（一）”或“（一）加强理论武装”'],
  ['具体任务', '必填，2–200 字'],
  ['牵头单位', '必填，一个单位，写单位全称；名称对不上的单位会在导入核对时列出供选择'],
  ['配合单位', '可选，多个单位用顿号（、）、逗号或分号分隔'],
  ['责任人', '可选，牵头单位在用账户的姓名'],
  [
    '开始时间',
    '可选（默认为工作要点年度的 1 月 1 日）。2026-03-01、2026/3/1、2026年3月1日 或 Excel 日期均可',
  ],
  ['完成时限', '必填，日期格式同上，不能早于开始时间'],
  ['报送周期', '可选（默认每月）：每月/月度/按月、每季度/季度、按里程碑、不定期/无'],
  ['指标及目标值', '可选，“指标名称：目标值单位”，多项用分号或换行分隔，如“培训人数：500人；覆盖率：90%”'],
  [
    '说明',
    '可在表头上方加标题行、合并单元格；全角/半角字符均可。公式不会被计算：请粘贴为数值。每次最多 5000 行。同一文件不能重复导入。',
  ],
];

export async function templateBook(): Promise<Buffer> {
  const book = newBook();
  addTable(book, '任务分解表', '任务分解表', COLUMNS, []);
  addTable(book, '填表说明', '填表说明', ['列名', '填写要求'], HELP);
  return Buffer.from(await book.xlsx.writeBuffer());
}
