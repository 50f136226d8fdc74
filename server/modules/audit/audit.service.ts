import { ACTION_LABELS, OBJECT_LABELS, OUTCOME_LABELS } from '../../core/audit/audit.catalogue.ts';
import { checkpointFile } from '../../core/audit/audit.checkpoints.ts';
import { type AuditFilter, listAuditRows } from '../../core/audit/audit.repository.ts';
import { type ChainVerdict, verifyAuditChain } from '../../core/audit/audit.verify.ts';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { AuditRow } from '../../db/schema.ts';
import type { AuditExportQuery, AuditListQuery } from './audit.schemas.ts';
import { detailSections, parseDetail } from './audit.detail.ts';
import { auditWorkbook } from './audit.workbook.ts';

function auditRowToEntry(row: AuditRow) {
  const detail = parseDetail(row.detail);
  return {
    id: row.id,
    at: row.at,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome,
    ip: row.ip,
    detail,
    detailSections: detailSections(detail),
  };
}

// The page's filter in the form the repository compares: time bounds in the stored +08:00 form.
function toAuditFilter(q: AuditExportQuery): Omit<AuditFilter, 'limit'> {
  const { from, to, ...rest } = q;
  return {
    ...rest,
    from: from === undefined ? undefined : toTimestamp(new Date(from)),
    to: to === undefined ? undefined : toTimestamp(new Date(to)),
  };
}

/** The names the audit page shows for codes, from the one catalogue the recorder is typed by. */
export function auditLabelCatalogue() {
  return { actions: ACTION_LABELS, objects: OBJECT_LABELS, outcomes: OUTCOME_LABELS };
}

export async function listAuditEntries(s: Services, q: AuditListQuery) {
  const { cursor, limit, ...filter } = q;
  const rows = await listAuditRows(s.db.kysely, {
    ...toAuditFilter(filter),
    beforeId: decodeCursor<number>(cursor, 'number'),
    limit: limit + 1,
  });
  return pageOf(rows, limit, (row) => row.id, auditRowToEntry);
}

// Verifies the chain against the keys and the latest checkpoint; the verification is itself recorded.
export async function verifyAuditLog(s: Services, ctx: RequestContext): Promise<ChainVerdict> {
  const verdict = await verifyAuditChain(s.db.kysely, s.auditKeys, checkpointFile(s.config.dataDir));
  await s.audit.recordAlone(ctx, {
    action: 'audit.verify',
    outcome: verdict.ok ? 'success' : 'failure',
    note: { checked: verdict.checked, brokenAt: verdict.brokenAt, checkpoint: verdict.checkpoint },
  });
  return verdict;
}

// One export is one file held in memory; beyond this many rows the auditor narrows the filter instead.
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

// The filtered log as an .xlsx workbook, newest first. Every export is itself audited (audit.export, with
// the filter and the row count), and so is one refused for being too large.
export async function exportAuditLog(s: Services, ctx: RequestContext, q: AuditExportQuery) {
  const rows = await listAuditRows(s.db.kysely, { ...toAuditFilter(q), limit: AUDIT_EXPORT_MAX_ROWS + 1 });
  const filter = { ...q };
  if (rows.length > AUDIT_EXPORT_MAX_ROWS) {
    await s.audit.recordAlone(ctx, {
      action: 'audit.export',
      outcome: 'failure',
      objectType: 'audit',
      note: { filter, limit: AUDIT_EXPORT_MAX_ROWS, reason: 'too_many_rows' },
    });
    throw appError(
      'AUDIT_EXPORT_TOO_LARGE',
      `符合条件的审计记录超过 ${AUDIT_EXPORT_MAX_ROWS} 条，一次最多导出 ${AUDIT_EXPORT_MAX_ROWS} 条：请缩小时间范围或增加筛选条件后分次导出`,
      { limit: AUDIT_EXPORT_MAX_ROWS },
    );
  }
  const now = s.clock.now();
  const body = await auditWorkbook(rows, {
    exportedBy: ctx.actor?.username ?? '',
    at: toTimestamp(now),
    filter,
  });
  await s.audit.recordAlone(ctx, {
    action: 'audit.export',
    objectType: 'audit',
    note: { filter, rows: rows.length },
  });
  const stamp = toTimestamp(now).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return { filename: `审计日志-${stamp}.xlsx`, body };
}
