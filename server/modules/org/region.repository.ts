import type { Kysely, Transaction } from 'kysely';
import { likeContains, likeStartsWith } from '../../db/like.ts';
import type { Database, RegionRow } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function findRegionByCode(db: Q, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export interface RegionListFilter {
  parentCode?: string | undefined;
  underPath?: string | undefined;
  q?: string | undefined;
  afterCode?: string | undefined;
  limit: number;
}

export function listRegions(db: Q, f: RegionListFilter): Promise<RegionRow[]> {
  let q = db.selectFrom('regions').selectAll();
  if (f.parentCode) q = q.where('parent_code', '=', f.parentCode);
  if (f.underPath)
    q = q.where((eb) => eb.or([eb('path', '=', f.underPath!), eb('path', 'like', `${f.underPath}/%`)]));
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([likeContains('name', text), likeStartsWith('code', text)]));
  }
  if (f.afterCode) q = q.where('code', '>', f.afterCode);
  return q.orderBy('code').limit(f.limit).execute();
}

export async function insertRegion(trx: Q, row: Omit<RegionRow, 'version'>): Promise<RegionRow> {
  return trx.insertInto('regions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRegion(
  trx: Q,
  code: string,
  version: number,
  changes: Partial<Pick<RegionRow, 'name' | 'status'>> & { updated_at: string },
): Promise<RegionRow | undefined> {
  return trx
    .updateTable('regions')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('code', '=', code)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
