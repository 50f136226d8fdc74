// The watch-list (关注): a person follows tasks (and notices, once that module registers them) and reads
// a change feed of them. Scope is checked when an object is followed and again on every read, so an
// object moved out of the reader's scope drops out of the list and the feed without anyone removing it.
import type { RequestContext } from '../../core/access/actor.ts';
import { loadInScope, scopedResource } from '../../core/access/guard.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/http/pagination.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import type { WatchRow } from '../../db/schema.ts';
import { targetOf, watchableTypes, type FeedEvent, type FeedStart, type WatchSummary } from './targets.ts';
import {
  countWatches,
  deleteWatch,
  findWatch,
  findWatchOf,
  insertWatch,
  listWatches,
} from './watch.repository.ts';

// A bound on one person's list keeps the list and feed queries (ids in a list) small.
const MAX_WATCHES = 500;

/** One's own watch-list entries only. */
export const watchResource = scopedResource<WatchRow, number>({
  type: 'watch',
  notFound: 'WATCH_NOT_FOUND',
  find: (s, id) => findWatch(s.db.kysely, id),
  inScope: (_s, ctx, row) => Promise.resolve(ctx.actor?.userId === row.user_id),
});

function actorOf(ctx: RequestContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

function watchable(type: string) {
  const target = targetOf(type);
  if (!target.watch)
    throw appError(
      'VALIDATION_FAILED',
      `${target.label}不能关注；可关注：${watchableTypes()
        .map((t) => targetOf(t).label)
        .join('、')}`,
      {
        problems: [{ in: 'body', path: 'targetType', code: 'invalid_value', message: '该类对象不能关注' }],
      },
    );
  return { ...target, watch: target.watch };
}

function present(row: WatchRow, summary: WatchSummary) {
  return {
    id: row.id,
    targetType: row.target_type,
    targetTypeLabel: targetOf(row.target_type).label,
    targetId: row.target_id,
    createdAt: row.created_at,
    target: {
      title: summary.title,
      link: summary.link,
      state: summary.state,
      health: summary.health,
      dueDate: summary.dueDate,
      unitName: summary.unitName,
    },
  };
}

/** The reader's entries whose objects they still see, with each object's summary, newest first. */
async function visibleWatches(s: Services, ctx: RequestContext, filter?: { type?: string; id?: number }) {
  const actor = actorOf(ctx);
  const rows = (await listWatches(s.db.kysely, actor.userId)).filter(
    (w) =>
      (filter?.type === undefined || w.target_type === filter.type) &&
      (filter?.id === undefined || w.target_id === filter.id),
  );
  const out: Array<{ row: WatchRow; summary: WatchSummary }> = [];
  for (const type of new Set(rows.map((r) => r.target_type))) {
    const target = targetOf(type);
    if (!target.watch) continue;
    const ofType = rows.filter((r) => r.target_type === type);
    const seen = await target.watch.summaries(
      s,
      actor,
      ofType.map((r) => r.target_id),
    );
    for (const row of ofType) {
      const summary = seen.get(row.target_id);
      if (summary) out.push({ row, summary });
    }
  }
  return out.sort((a, b) => b.row.id - a.row.id);
}

export async function listMyWatches(
  s: Services,
  ctx: RequestContext,
  q: { targetType?: string; targetId?: number },
) {
  const filter: { type?: string; id?: number } = {};
  if (q.targetType !== undefined) filter.type = q.targetType;
  if (q.targetId !== undefined) filter.id = q.targetId;
  return (await visibleWatches(s, ctx, filter)).map((w) => present(w.row, w.summary));
}

/** Follows an object in the reader's scope; following it again answers the existing entry. */
export async function addWatch(
  s: Services,
  ctx: RequestContext,
  body: { targetType: string; targetId: number },
) {
  const actor = actorOf(ctx);
  const target = watchable(body.targetType);
  await loadInScope(s, ctx, target.resource, body.targetId);
  const existing = await findWatchOf(s.db.kysely, actor.userId, target.type, body.targetId);
  let created = false;
  if (!existing) {
    await s.db.kysely.transaction().execute(async (trx) => {
      // Checked again inside the transaction: a double click adds one row (and the unique key holds).
      if (await findWatchOf(trx, actor.userId, target.type, body.targetId)) return;
      if ((await countWatches(trx, actor.userId)) >= MAX_WATCHES)
        throw appError('WATCH_LIMIT', `关注的对象已达 ${MAX_WATCHES} 个上限，请先取消一些关注`);
      const id = await insertWatch(trx, {
        user_id: actor.userId,
        target_type: target.type,
        target_id: body.targetId,
        created_at: toTimestamp(s.clock.now()),
      });
      await s.audit.record(trx, ctx, {
        action: 'watch.add',
        objectType: target.type,
        objectId: body.targetId,
        note: { watchId: id },
      });
      created = true;
    });
  }
  const [entry] = await visibleWatches(s, ctx, { type: target.type, id: body.targetId });
  if (!entry) throw appError(target.resource.notFound);
  return { created, watch: present(entry.row, entry.summary) };
}

export async function removeWatch(s: Services, ctx: RequestContext, row: WatchRow): Promise<void> {
  await s.db.kysely.transaction().execute(async (trx) => {
    await deleteWatch(trx, row.id);
    await s.audit.record(trx, ctx, {
      action: 'watch.remove',
      objectType: row.target_type,
      objectId: row.target_id,
      note: { watchId: row.id },
    });
  });
}

// The feed's order: newest first (at desc), then by type and event id, both descending. The cursor is
// the last item's key.
interface FeedKey {
  at: string;
  type: string;
  id: number;
}

function startFor(type: string, key: FeedKey | undefined): FeedStart | undefined {
  if (!key) return undefined;
  if (type === key.type) return { at: key.at, sameAt: key.id };
  return { at: key.at, sameAt: type < key.type ? 'all' : 'none' };
}

const SEP = '\u0000';

function decodeFeedCursor(cursor: string | undefined): FeedKey | undefined {
  const raw = decodeCursor<string>(cursor, 'string');
  if (raw === undefined) return undefined;
  const [at, type, id] = raw.split(SEP);
  if (!at || !type || !id || !/^\d+$/.test(id)) throw appError('VALIDATION_FAILED', '分页游标无效');
  return { at, type, id: Number(id) };
}

const compare = (a: FeedEvent & { type: string }, b: FeedEvent & { type: string }) =>
  a.at !== b.at
    ? a.at < b.at
      ? 1
      : -1
    : a.type !== b.type
      ? a.type < b.type
        ? 1
        : -1
      : b.eventId - a.eventId;

interface FeedQuery {
  cursor?: string | undefined;
  limit: number;
}

/**
 * The latest events of what the reader follows and still sees, newest first, a page at a time; kept in the
 * read cache while nothing is written (db/read-cache.ts), by reader and query.
 */
export async function watchFeed(s: Services, ctx: RequestContext, q: FeedQuery) {
  const key = JSON.stringify([ctx.actor?.userId ?? null, q]);
  return readCache<Readonly<Awaited<ReturnType<typeof readFeed>>>>(s.db, '关注 feed pages', 500).get(
    key,
    async () => immutable(await readFeed(s, ctx, q)),
  );
}

async function readFeed(s: Services, ctx: RequestContext, q: FeedQuery) {
  const key = decodeFeedCursor(q.cursor);
  const watches = await visibleWatches(s, ctx);
  const merged: Array<FeedEvent & { type: string }> = [];
  for (const type of new Set(watches.map((w) => w.row.target_type))) {
    const target = watchable(type);
    const ids = watches.filter((w) => w.row.target_type === type).map((w) => w.row.target_id);
    for (const e of await target.watch.feed(s, ids, startFor(type, key), q.limit + 1))
      merged.push({ ...e, type });
  }
  merged.sort(compare);
  const items = merged.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((e) => ({
      targetType: e.type,
      targetTypeLabel: targetOf(e.type).label,
      targetId: e.targetId,
      targetTitle: e.targetTitle,
      link: e.link,
      eventId: e.eventId,
      at: e.at,
      label: e.label,
      actorName: e.actorName,
    })),
    nextCursor:
      merged.length > q.limit && last ? encodeCursor([last.at, last.type, last.eventId].join(SEP)) : null,
  };
}
