import type { Kysely, Transaction } from 'kysely';
import type { AuditRow, Database } from '../../db/schema.ts';
import { likeStartsWith } from '../../db/like.ts';

export async function findLastAuditHash(
  db: Kysely<Database>,
): Promise<{ id: number; hash: string } | undefined> {
  return db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function findAuditHashAt(db: Kysely<Database>, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
  return row?.hash;
}

// The last row sealed with plain SM3 (before keyed chaining), or 0. Read once, for the first checkpoint.
export async function findLastLegacyAuditId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('key_id', 'is', null)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function insertAuditRow(trx: Transaction<Database>, row: AuditRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  // Stored-timestamp form (+08:00, see core/clock.ts): compared as text.
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export async function listAuditRows(db: Kysely<Database>, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  // A prefix match ('auth.' finds every sign-in event); LIKE wildcards in the filter are escaped, not
  // dropped, since action names themselves contain '_' (access.out_of_scope).
  if (f.action) q = q.where(likeStartsWith('action', f.action));
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

// Streams the chain in id order in pages, so verifying a large log does not load it all at once.
export async function listAuditRowsAfter(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
