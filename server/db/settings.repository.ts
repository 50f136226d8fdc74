// Rows of the settings table: one JSON value per key, with a version for optimistic concurrency.
// A key never saved reads as undefined; the caller supplies its defaults at version 0.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface SettingRow {
  value: string;
  version: number;
}

export function findSetting(db: Q, key: string): Promise<SettingRow | undefined> {
  return db.selectFrom('settings').select(['value', 'version']).where('key', '=', key).executeTakeFirst();
}

/**
 * Saves a setting if it is still at `expectedVersion` (0: never saved) and moves it to the next version.
 * Returns false on a concurrent save — a stale version, or a first save that lost the race to insert
 * the row — so the caller answers VERSION_CONFLICT instead of writing its audit event.
 */
export async function saveSettingVersioned(
  trx: Transaction<Database>,
  key: string,
  value: string,
  expectedVersion: number,
  now: string,
): Promise<boolean> {
  if (expectedVersion === 0) {
    // ON CONFLICT DO NOTHING rather than catching the violation: a raised error would abort the
    // transaction on PostgreSQL.
    const inserted = await trx
      .insertInto('settings')
      .values({ key, value, version: 1, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const updated = await trx
    .updateTable('settings')
    .set((eb) => ({ value, updated_at: now, version: eb('version', '+', 1) }))
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
