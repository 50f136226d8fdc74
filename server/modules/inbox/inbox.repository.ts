import type { Kysely, Transaction } from 'kysely';
import type { Database, MessageRow } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

// Every query here names the recipient: a user reaches only their own messages. Newest first by id,
// through messages_recipient (all) or the partial index messages_unread (unread only).
export function listMessages(
  db: Q,
  f: { recipientId: number; unread: boolean; beforeId?: number | undefined; limit: number },
): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('recipient_id', '=', f.recipientId);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function countUnread(db: Q, recipientId: number): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findMessage(db: Q, id: number): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

// Marks one of the recipient's messages read (once: a second read keeps the first time). Returns the
// row, or undefined when the recipient has no message with this id.
export async function markRead(
  db: Q,
  recipientId: number,
  id: number,
  at: string,
): Promise<MessageRow | undefined> {
  await db
    .updateTable('messages')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .execute();
  return db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .executeTakeFirst();
}

export async function markAllRead(
  db: Q,
  recipientId: number,
  at: string,
  upToId: number | undefined,
): Promise<number> {
  let q = db
    .updateTable('messages')
    .set({ read_at: at })
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null);
  if (upToId !== undefined) q = q.where('id', '<=', upToId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
