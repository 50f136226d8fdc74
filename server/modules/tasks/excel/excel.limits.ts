// Bounds of a 任务分解表 import (docs/decisions/task-excel-import.md): what a real table needs, with room.
export const EXCEL_LIMITS = {
  /** The uploaded .xlsx itself (the multipart limit of the app is the outer bound). */
  fileBytes: 10 * 1024 * 1024,
  /** All parts of the zip once inflated: a zip bomb stops here, before exceljs sees it. */
  unpackedBytes: 40 * 1024 * 1024,
  zipEntries: 500,
  /** Data rows below the header. */
  rows: 5000,
  /** Characters in one cell. */
  cellChars: 2000,
  /** Reading and checking the whole file. */
  millis: 20_000,
};
export type ExcelLimits = typeof EXCEL_LIMITS;
