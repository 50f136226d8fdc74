import type { Kysely } from 'kysely';
import type { Database, IdempotencyKeyTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

// Inserts the key unless the user already holds it; true when this request now owns it.
export async function reserveIdempotencyKey(db: Db, row: IdempotencyKeyTable): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findIdempotencyKey(db: Db, userId: number, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function storeIdempotentResponse(
  db: Db,
  userId: number,
  key: string,
  status: number,
  body: string,
) {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: status, body })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

export async function deleteIdempotencyKey(db: Db, userId: number, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute();
}

export async function purgeIdempotencyKeys(db: Db, userId: number, before: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('created_at', '<', before)
    .execute();
}
