import ExcelJS from 'exceljs';
import type { AuditRow } from '../../db/schema.ts';
import { detailText, parseDetail } from './audit.detail.ts';
import { ACTION_LABELS, OBJECT_LABELS, OUTCOME_LABELS } from '../../core/audit/audit.catalogue.ts';
import { FIELD_LABELS, labelOf } from './audit.labels.ts';

const AUDIT_SHEET = '审计日志';
const ABOUT_SHEET = '导出说明';

// Columns as the audit page names them, plus the codes, so a spreadsheet can be filtered either way.
const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: '编号', key: 'id', width: 8 },
  { header: '时间', key: 'at', width: 30 },
  { header: '操作人', key: 'actor', width: 14 },
  { header: '操作', key: 'action', width: 18 },
  { header: '操作代码', key: 'actionCode', width: 24 },
  { header: '对象类型', key: 'objectType', width: 12 },
  { header: '对象编号', key: 'objectId', width: 10 },
  { header: '结果', key: 'outcome', width: 8 },
  { header: 'IP', key: 'ip', width: 16 },
  { header: '请求编号', key: 'requestId', width: 38 },
  { header: '详情', key: 'detail', width: 80 },
];

export interface ExportHeader {
  exportedBy: string;
  at: string;
  filter: Record<string, string | undefined>;
}

export async function auditWorkbook(rows: AuditRow[], header: ExportHeader): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '落实 Luoshi';
  const sheet = book.addWorksheet(AUDIT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      id: row.id,
      at: row.at,
      actor: row.actor_name ?? '',
      action: labelOf(ACTION_LABELS, row.action),
      actionCode: row.action,
      objectType: labelOf(OBJECT_LABELS, row.object_type),
      objectId: row.object_id ?? '',
      outcome: labelOf(OUTCOME_LABELS, row.outcome),
      ip: row.ip ?? '',
      requestId: row.request_id ?? '',
      detail: detailText(parseDetail(row.detail)),
    });
  }
  sheet.getColumn('detail').alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };

  const about = book.addWorksheet(ABOUT_SHEET);
  about.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 60 },
  ];
  about.addRow({ k: '导出人', v: header.exportedBy });
  about.addRow({ k: '导出时间', v: header.at });
  about.addRow({ k: '记录数', v: rows.length });
  const conditions = Object.entries(header.filter).filter(([, v]) => v);
  about.addRow({
    k: '筛选条件',
    v: conditions.length ? conditions.map(([k, v]) => `${FIELD_LABELS[k] ?? k}：${v}`).join('；') : '全部',
  });
  about.addRow({ k: '说明', v: '本次导出已记入审计日志（操作：导出审计日志）。' });
  return Buffer.from(await book.xlsx.writeBuffer());
}
