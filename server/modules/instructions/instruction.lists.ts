// The lists of instructions: on one object (the task page), the 批示办理 page, and the dashboard's count.
import type { RequestContext } from '../../core/access/actor.ts';
import { loadInScope } from '../../core/access/guard.ts';
import { appError } from '../../core/errors.ts';
import { encodeCursor } from '../../core/http/pagination.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import type { InstructionKind, InstructionRow, InstructionStatus } from '../../db/schema.ts';
import {
  countInstructions,
  countWrittenBetween,
  findRegionPath,
  listInstructions,
  listOnTarget,
  listOnTask,
  type ListScope,
} from './instruction.repository.ts';
import { presentInstructions, TargetCache } from './instruction.present.ts';
import { AWAITING } from './instruction.rules.ts';
import { targetOf } from './targets.ts';

function actorOf(ctx: RequestContext) {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * The instructions on an object, newest first; for a task, also those on its reports and notices (the task
 * page shows them all). Each is shown only if its own object is in the reader's scope.
 */
export async function listOnObject(s: Services, ctx: RequestContext, type: string, id: number) {
  const target = targetOf(type);
  await loadInScope(s, ctx, target.resource, id);
  const rows =
    type === 'task' ? await listOnTask(s.db.kysely, id) : await listOnTarget(s.db.kysely, type, id);
  return visible(s, ctx, rows);
}

async function visible(s: Services, ctx: RequestContext, rows: readonly InstructionRow[]) {
  const cache = new TargetCache(s, ctx);
  await cache.prime(rows);
  const kept: InstructionRow[] = [];
  for (const row of rows) if (await cache.facts(row.target_type, row.target_id)) kept.push(row);
  return presentInstructions(
    s,
    ctx,
    kept,
    async (row) => (await cache.facts(row.target_type, row.target_id))!,
  );
}

function listScope(ctx: RequestContext): ListScope {
  const scope = ctx.actor?.scope;
  switch (scope?.kind) {
    case 'all':
      return { kind: 'all' };
    case 'region':
      return { kind: 'region', path: scope.regionPath };
    case 'unit':
      return { kind: 'unit', unitId: scope.unitId };
    case 'organisation':
    case 'none':
    case undefined:
      return { kind: 'none' };
  }
}

interface ListQuery {
  kind?: InstructionKind | undefined;
  status?: 'awaiting' | InstructionStatus | undefined;
  mine?: boolean | undefined;
  regionCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/**
 * The 批示办理 list: the instructions in the reader's scope, newest first, by kind and status; `mine` is a
 * leader's own, a unit's to it, or, for staff, those their region confirms. The rows are narrowed by the
 * scope copied on each one, and each is checked against its object as it is now.
 */
// A page is kept in the read cache while nothing is written (db/read-cache.ts), by reader and query: the
// rows, and each one's check against its object, follow the reader (their scope, their own instructions).
export async function listPage(s: Services, ctx: RequestContext, q: ListQuery) {
  const key = JSON.stringify([ctx.actor?.userId ?? null, q]);
  return readCache<Readonly<Awaited<ReturnType<typeof answerOf>>>>(s.db, '批示办理 pages', 500).get(
    key,
    async () => immutable(await answerOf(s, ctx, q)),
  );
}

// The answer as the route writes it (the cursor encoded), so that a kept one is written to JSON once.
async function answerOf(s: Services, ctx: RequestContext, q: ListQuery) {
  const page = await readPage(s, ctx, q);
  return { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
}

async function readPage(s: Services, ctx: RequestContext, q: ListQuery) {
  const actor = actorOf(ctx);
  // An unknown region holds no instructions (a path no row has).
  const regionPath =
    q.regionCode === undefined
      ? undefined
      : ((await findRegionPath(s.db.kysely, q.regionCode)) ?? `${q.regionCode}\u0000`);
  const mine = q.mine
    ? actor.permissions.has('work.instruct')
      ? { authorId: actor.userId }
      : actor.permissions.has('work.manage') && actor.regionPath
        ? { managerPath: actor.regionPath }
        : {}
    : {};
  const rows = await listInstructions(s.db.kysely, {
    scope: listScope(ctx),
    kind: q.kind,
    status: q.status === undefined ? undefined : q.status === 'awaiting' ? AWAITING : [q.status],
    ...mine,
    regionPath,
    from: q.from,
    to: q.to,
    beforeId: q.beforeId,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: await visible(s, ctx, page),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

/**
 * 待落实 (for the leader's dashboard): 批办 instructions not yet confirmed done, on objects in a region
 * subtree, or only those one leader wrote. The list behind it: /instructions?status=awaiting (&mine=true).
 */
export function countAwaitingFollowUp(
  s: Services,
  f: { regionPath?: string; authorId?: number },
): Promise<number> {
  return countInstructions(s.db.kysely, { ...f, status: AWAITING });
}

/**
 * For the 督办通报: the instructions written within [from, to] (dates) on objects of a region subtree — all,
 * 批办, and of those the ones awaiting follow-up and the ones confirmed done. The list behind each:
 * /instructions?regionCode=&from=&to= (&kind=act | &status=awaiting | &status=done).
 */
export async function countWrittenInSubtree(
  s: Services,
  f: { regionPath: string; from: string; to: string },
): Promise<{ written: number; act: number; awaiting: number; done: number }> {
  const rows = await countWrittenBetween(s.db.kysely, f.regionPath, f.from, f.to);
  const out = { written: 0, act: 0, awaiting: 0, done: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    out.written += n;
    if (r.kind === 'act') out.act += n;
    if (AWAITING.includes(r.status)) out.awaiting += n;
    if (r.status === 'done') out.done += n;
  }
  return out;
}
