import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import { BIG_ROW_ID } from '../../core/http/row-id.ts';
import { messageKindLabel } from '../../core/notify/kinds.ts';
import type { Services } from '../../core/services.ts';
import type { MessageRow } from '../../db/schema.ts';
import type { InboxQuery, MessageOut, ReadAllBody } from './inbox.schemas.ts';
import { countUnread, listMessages, markAllRead, markRead } from './inbox.repository.ts';

// The signed-in user's own inbox (站内消息). Reading a message changes only the reader's own state, not
// business data, and is not audited (docs/decisions/inbox.md); its time is kept on the message itself.

function me(ctx: RequestContext): number {
  // Every inbox route requires a session, so there is always an actor.
  return ctx.actor!.userId;
}

function presentMessage(row: MessageRow): MessageOut {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: messageKindLabel(row.kind),
    title: row.title,
    body: row.body,
    object: row.object_type && row.object_id ? { type: row.object_type, id: row.object_id } : null,
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export async function listInbox(s: Services, ctx: RequestContext, q: InboxQuery) {
  const recipientId = me(ctx);
  // Messages' ids are bigint on PostgreSQL.
  const beforeId = decodeCursor<number>(q.cursor, 'number', BIG_ROW_ID);
  const rows = await listMessages(s.db.kysely, {
    recipientId,
    unread: q.unread ?? false,
    beforeId,
    limit: q.limit + 1,
  });
  // Read with the page when it has rows (so the two agree); an empty page asks on its own.
  const unreadCount = rows[0] ? Number(rows[0].unread_count) : await countUnread(s.db.kysely, recipientId);
  return { ...pageOf(rows, q.limit, (r) => r.id, presentMessage), unreadCount };
}

export async function unreadCount(s: Services, ctx: RequestContext) {
  return { count: await countUnread(s.db.kysely, me(ctx)) };
}

// The message was loaded in scope (the caller's own) by the guard before this runs.
export async function readMessage(s: Services, ctx: RequestContext, message: MessageRow) {
  const recipientId = me(ctx);
  const row = await markRead(s.db.kysely, recipientId, message.id, toTimestamp(s.clock.now()));
  if (!row) throw appError('MESSAGE_NOT_FOUND');
  return { message: presentMessage(row), unreadCount: await countUnread(s.db.kysely, recipientId) };
}

export async function readAllMessages(s: Services, ctx: RequestContext, body: ReadAllBody) {
  const recipientId = me(ctx);
  const marked = await markAllRead(s.db.kysely, recipientId, toTimestamp(s.clock.now()), body?.upToId);
  return { marked, unreadCount: await countUnread(s.db.kysely, recipientId) };
}
