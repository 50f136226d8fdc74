import { checkpointFile } from '../../core/audit/audit.checkpoints.ts';
import { type AuditFilter, listAuditRows } from '../../core/audit/audit.repository.ts';
import { type ChainVerdict, verifyAuditChain } from '../../core/audit/audit.verify.ts';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { AuditRow } from '../../db/schema.ts';
import type { AuditExportQuery, AuditListQuery } from './audit.schemas.ts';

export function auditRowToEntry(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    outcome: row.outcome,
    ip: row.ip,
    detail: row.detail ? (JSON.parse(row.detail) as unknown) : null,
  };
}

export type AuditEntry = ReturnType<typeof auditRowToEntry>;

// The page's filter in the form the repository compares: time bounds in the stored +08:00 form.
export function toAuditFilter(q: AuditExportQuery): Omit<AuditFilter, 'limit'> {
  const { from, to, ...rest } = q;
  return {
    ...rest,
    from: from === undefined ? undefined : toTimestamp(new Date(from)),
    to: to === undefined ? undefined : toTimestamp(new Date(to)),
  };
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
