import type { Kysely, Transaction } from 'kysely';
import type { Database, MessageRow } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

// Every query here names the recipient: a user reaches only their own messages. Newest first by id,
// through messages_recipient (all) or the partial index messages_unread (unread only). Each row carries
// the recipient's unread count, read by the same statement (an uncorrelated subquery, computed once), so
// the page and the count agree without holding a transaction.
export interface MessagePageArgs {
  recipientId: number;
  unread: boolean;
  beforeId?: number | undefined;
  limit: number;
}

export function listMessages(
  db: Q,
  f: MessagePageArgs,
): Promise<Array<MessageRow & { unread_count: number | string }>> {
  return messagePageQuery(db, f).execute();
}

// The query itself, for the plan test (inbox.api.test.ts).
export function messagePageQuery(db: Q, f: MessagePageArgs) {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('messages as u')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .where('u.recipient_id', '=', f.recipientId)
        .where('u.read_at', 'is', null)
        .$asScalar()
        .as('unread_count'),
    )
    .where('recipient_id', '=', f.recipientId);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit);
}

export async function countUnread(db: Q, recipientId: number): Promise<number> {
  return Number((await unreadCountQuery(db, recipientId).executeTakeFirstOrThrow()).n);
}

export function unreadCountQuery(db: Q, recipientId: number) {
  return db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null);
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

/** The id of the user's newest message (0 when none): one step down the (recipient_id, id) index. */
export async function latestMessageId(db: Q, recipientId: number): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select('id')
    .where('recipient_id', '=', recipientId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? 0;
}
