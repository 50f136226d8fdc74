import type { Kysely, Transaction } from 'kysely';
import type { CalendarDayRow, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The staff's corrections between two days, inclusive ('YYYY-MM-DD' sorts as it reads). */
export function listCorrections(db: Q, from: string, to: string): Promise<CalendarDayRow[]> {
  return db
    .selectFrom('calendar_days')
    .selectAll()
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export function findCorrection(db: Q, day: string): Promise<CalendarDayRow | undefined> {
  return db.selectFrom('calendar_days').selectAll().where('day', '=', day).executeTakeFirst();
}

/** Inserts the first correction of a day; false when another request corrected it first. */
export async function insertCorrection(db: Q, row: CalendarDayRow): Promise<boolean> {
  const inserted = await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Updates the correction if it still has `version`; false when someone changed it first. */
export async function updateCorrection(db: Q, row: CalendarDayRow, version: number): Promise<boolean> {
  const result = await db
    .updateTable('calendar_days')
    .set({
      kind: row.kind,
      name: row.name,
      version: row.version,
      updated_at: row.updated_at,
      updated_by: row.updated_by,
    })
    .where('day', '=', row.day)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteCorrection(db: Q, day: string, version: number): Promise<boolean> {
  const result = await db
    .deleteFrom('calendar_days')
    .where('day', '=', day)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
