// Keyword → unit maps (关键词 → 单位), one per region, and the regions they hang on.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function findRegion(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The maps stored for any of `codes` (a region and its ancestors), with their regions' names. */
export function listKeywordMaps(db: Q, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('unit_keyword_maps as m')
    .innerJoin('regions as r', 'r.code', 'm.region_code')
    .select(['m.region_code', 'r.name as region_name', 'm.keywords', 'm.version'])
    .where('m.region_code', 'in', codes)
    .execute();
}

/**
 * Saves a region's map if it is still at `expectedVersion` (0: none saved yet). False when another save
 * came first (a stale version, or a first save that lost the race to insert the row).
 */
export async function saveKeywordMap(
  trx: Transaction<Database>,
  regionCode: string,
  keywords: string,
  expectedVersion: number,
  now: string,
): Promise<boolean> {
  if (expectedVersion === 0) {
    // ON CONFLICT DO NOTHING rather than catching the violation: an error aborts a PostgreSQL transaction.
    const inserted = await trx
      .insertInto('unit_keyword_maps')
      .values({ region_code: regionCode, keywords, version: 1, updated_at: now })
      .onConflict((oc) => oc.column('region_code').doNothing())
      .executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const updated = await trx
    .updateTable('unit_keyword_maps')
    .set((eb) => ({ keywords, updated_at: now, version: eb('version', '+', 1) }))
    .where('region_code', '=', regionCode)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
