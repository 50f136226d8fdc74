// Rows of the watch-list (关注).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function listWatches(db: Q, userId: number) {
  return db.selectFrom('watches').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

export function findWatch(db: Q, id: number) {
  return db.selectFrom('watches').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWatchOf(db: Q, userId: number, targetType: string, targetId: number) {
  return db
    .selectFrom('watches')
    .selectAll()
    .where('user_id', '=', userId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
}

export async function countWatches(db: Q, userId: number): Promise<number> {
  const row = await db
    .selectFrom('watches')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertWatch(
  trx: Q,
  row: { user_id: number; target_type: string; target_id: number; created_at: string },
): Promise<number> {
  return (await trx.insertInto('watches').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteWatch(trx: Q, id: number): Promise<void> {
  await trx.deleteFrom('watches').where('id', '=', id).execute();
}
