// Reading the 任务分解表's cells with exceljs: find the header row by its names (title rows and merged
// cells above it are skipped), then each data row's cells as text or dates. Formulas are never evaluated:
// a formula cell gives the value Excel/WPS saved with it, and one saved without a value is refused.
import ExcelJS from 'exceljs';
import { appError } from '../../../core/errors.ts';
import type { ExcelLimits } from './excel.limits.ts';
import { COLUMNS, norm, type Column } from './excel.text.ts';
import { unreadable } from './excel.zip.ts';

export interface RowProblem {
  row: number;
  column: string;
  problem: string;
}
export type CellText = string | Date;
export interface SheetRow {
  row: number;
  cells: Partial<Record<Column, CellText>>;
}

const HEADER_SCAN_ROWS = 30;
const REQUIRED: Column[] = ['工作要点条目', '具体任务', '牵头单位', '完成时限'];

/** The column a header cell names: its words, widths unified, with a trailing note （…）allowed. */
function columnNamed(text: string): Column | null {
  const t = norm(text).replace(/\(.*\)$/, '');
  return COLUMNS.find((c) => t === norm(c)) ?? null;
}

/** A cell as text or date; a problem in words when it cannot be read as either. */
function cellText(value: ExcelJS.CellValue): CellText | { problem: string } {
  if (value === null || value === undefined) return '';
  // An export's neutralised text ('=…, see excel.write.ts) reads back as what was typed; it is never run.
  if (typeof value === 'string') return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return { problem: '应为文字或日期，不能是“是/否”值' };
  if (value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null || (typeof result === 'object' && 'error' in result))
      return { problem: '是没有保存计算结果的公式，请复制后“选择性粘贴为数值”再导入（导入不计算公式）' };
    return cellText(result);
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return String(value.text ?? '');
  if ('error' in value) return { problem: `是错误值 ${value.error}，请改为文字` };
  return { problem: '无法识别的单元格内容' };
}

export async function readTaskSheet(bytes: Buffer, filename: string, limits: ExcelLimits) {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable(filename);
  }
  // The first sheet whose header row names the required columns (a 填表说明 sheet may come first).
  for (const sheet of book.worksheets) {
    const found = findHeader(sheet);
    if (found) return readRows(sheet, found.headerRow, found.columns, limits);
  }
  throw appError(
    'TASK_IMPORT_INVALID',
    `未找到表头：请保留模板中“${REQUIRED.join('”“')}”等列名所在的一行（可在其上方加标题行）`,
    { rows: [{ row: 0, column: '表头', problem: '未找到表头行' }] },
  );
}

function findHeader(sheet: ExcelJS.Worksheet) {
  const last = Math.min(sheet.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const columns = new Map<number, Column>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cellText(cell.value);
      if (typeof text !== 'string') return;
      const named = columnNamed(text);
      if (named && ![...columns.values()].includes(named)) columns.set(col, named);
    });
    const names = new Set(columns.values());
    if (REQUIRED.every((c) => names.has(c))) return { headerRow: r, columns };
  }
  return null;
}

function readRows(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  columns: Map<number, Column>,
  limits: ExcelLimits,
): { rows: SheetRow[]; problems: RowProblem[] } {
  const rows: SheetRow[] = [];
  const problems: RowProblem[] = [];
  // rowCount is the last row with content (rows only styled are not data, but count toward the bound).
  if (sheet.rowCount - headerRow > limits.rows)
    throw appError(
      'TASK_IMPORT_TOO_LARGE',
      `表格有 ${sheet.rowCount - headerRow} 行，超过每次导入 ${limits.rows} 行的上限，请拆分后再导入`,
      { problem: 'TOO_MANY_ROWS', limit: limits.rows },
    );
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SheetRow['cells'] = {};
    let filled = false;
    for (const [col, name] of columns) {
      const text = cellText(row.getCell(col).value);
      if (typeof text === 'object' && !(text instanceof Date)) {
        problems.push({ row: r, column: name, problem: text.problem });
        filled = true;
        continue;
      }
      if (typeof text === 'string' && text.length > limits.cellChars) {
        problems.push({ row: r, column: name, problem: `内容超过 ${limits.cellChars} 字` });
        filled = true;
        continue;
      }
      if (text instanceof Date || text.trim()) filled = true;
      cells[name] = text;
    }
    if (filled) rows.push({ row: r, cells });
  }
  return { rows, problems };
}
