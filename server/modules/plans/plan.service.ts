// Plans (工作要点): create, list, item detail, publish, versions. Editing lives in plan.edit.ts, a plan's
// detail in plan.detail.ts, revisions in plan.revision.ts.
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { isUniqueViolation } from '../../db/dialect/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { PlanRow } from '../../db/schema.ts';
import { readCache } from '../../db/read-cache.ts';
import { immutable } from '../../core/immutable.ts';
import { outOfScope } from '../../core/access/guard.ts';
import { findItemWithPlan, listItemsAlignedTo, listItemsOfPlan } from './item.repository.ts';
import { canSeePlan, loadEditablePlan, loadVisiblePlan, visibilityOf } from './plan.policy.ts';
import { itemRef, metaOf, planToSummary } from './plan.present.ts';
import {
  findPlanById,
  findPublishedPlanOf,
  findRegionPath,
  insertPlan,
  listPlans,
  listPlanVersions,
  updatePlanAtVersion,
  type PlanSummaryRow,
  type PlanWithRegion,
} from './plan.repository.ts';
import { getPlanDetail } from './plan.detail.ts';
import { recordVersion, saveTree } from './plan.save.ts';
import type { OutlineInput } from './plan.schemas.ts';
import { publishRevision } from './plan.revision.ts';
import { buildTree, emptyItemsOf, itemRowToNode, refuseEmptyItems } from './plan.tree.ts';

export interface PlanCreateInput {
  regionCode: string;
  year: number;
  title: string;
  outline: OutlineInput;
  sourceText: string;
}

export async function createPlan(s: Services, ctx: RequestContext, input: PlanCreateInput) {
  refuseYearMismatch(input);
  const region = await findRegionPath(s.db.kysely, input.regionCode);
  if (!region) throw appError('REGION_NOT_FOUND');
  if (!ctx.actor || !regionInScope(ctx.actor.scope, region.path))
    return outOfScope(s, ctx, 'region', input.regionCode, 'REGION_NOT_FOUND');
  return insertPlanWithTree(s, ctx, input);
}

/**
 * A title naming years (2022年…, 2021—2022年…) must name the chosen year: a mismatch is nearly always
 * a wrong choice at import. Answered as a schema problem is (errors.plugin.ts: in, path, code, message), on
 * the field `year`, so the form shows it there.
 */
function refuseYearMismatch(input: Pick<PlanCreateInput, 'title' | 'year'>): void {
  const named = [...input.title.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1]));
  if (!named.length || named.includes(input.year)) return;
  const message = `标题中的年度（${named.join('、')} 年）与所选年度（${input.year} 年）不一致：请更正年度或标题`;
  throw appError('VALIDATION_FAILED', message, {
    problems: [{ in: 'body', path: 'year', code: 'custom', message }],
  });
}

/** Stores a new draft plan as version 1, with no scope check (createPlan's, or a system context's). */
export async function insertPlanWithTree(s: Services, ctx: RequestContext, input: PlanCreateInput) {
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const planId = await insertPlan(trx, {
      region_code: input.regionCode,
      year: input.year,
      title: input.title,
      status: 'draft',
      outline_meta: JSON.stringify(metaOf(input.outline)),
      source_text: input.sourceText,
      created_by: ctx.actor?.userId ?? null,
      created_at: now,
      updated_at: now,
      published_at: null,
      published_by: null,
    });
    const itemCount = await saveTree(trx, { s, ctx }, planId, input.outline.nodes);
    const plan = (await findPlanById(trx, planId))!;
    await recordVersion(trx, plan, 'create', ctx.actor?.userId ?? null, now);
    await s.audit.record(trx, ctx, {
      action: 'plan.create',
      objectType: 'plan',
      objectId: planId,
      after: { regionCode: input.regionCode, year: input.year, title: input.title, itemCount },
    });
    return planId;
  });
  return getPlanDetail(s, id);
}

export interface PlanListQuery {
  regionCode?: string | undefined;
  year?: number | undefined;
  status?: PlanRow['status'] | undefined;
  cursor?: string | undefined;
  limit: number;
}

// Pages of the list as read, kept while the database is unchanged (db/read-cache.ts), by what decides
// them: the reader's visibility and the query. Many readers share a visibility (a region's staff).
type PlanPage = ReturnType<typeof pageOfPlans>;

function pageOfPlans(rows: PlanSummaryRow[], limit: number) {
  return pageOf(rows, limit, (p) => `${p.year}:${p.id}`, planToSummary);
}

export async function listVisiblePlans(s: Services, ctx: RequestContext, q: PlanListQuery) {
  const visibility = await visibilityOf(s, ctx.actor);
  const after = decodePlanCursor(q.cursor);
  const pages = readCache<Readonly<PlanPage>>(s.db, 'plan list pages', 500);
  const key = JSON.stringify([visibility, q.regionCode, q.year, q.status, after, q.limit]);
  return pages.get(key, async () => {
    const rows = await listPlans(s.db, {
      visibility,
      regionCode: q.regionCode,
      year: q.year,
      status: q.status,
      after,
      limit: q.limit + 1,
    });
    // Shared by every request that hits it: frozen, and written to JSON once (core/immutable.ts).
    return immutable(pageOfPlans(rows, q.limit));
  });
}

// The list's keyset (year desc, id desc) as one JSON string "year:id".
function decodePlanCursor(cursor: string | undefined): { year: number; id: number } | undefined {
  const key = decodeCursor<string>(cursor, 'string');
  if (key === undefined) return undefined;
  const m = /^(\d{4}):(\d+)$/.exec(key);
  if (!m) throw appError('VALIDATION_FAILED', '分页游标无效');
  return { year: Number(m[1]), id: Number(m[2]) };
}

/** One item with its place in the tree, the item it implements one level up, and those implementing it. */
export async function getPlanItem(s: Services, ctx: RequestContext, planId: number, itemId: number) {
  const plan = await loadVisiblePlan(s, ctx, planId);
  const items = await listItemsOfPlan(s.db.kysely, planId);
  const row = items.find((i) => i.id === itemId);
  if (!row) throw appError('PLAN_ITEM_NOT_FOUND');
  const byId = new Map(items.map((i) => [i.id, i]));
  const ancestors = [];
  for (let p = row.parent_id; p !== null; p = byId.get(p)?.parent_id ?? null) {
    const a = byId.get(p);
    if (!a) break;
    ancestors.unshift({ id: a.id, number: a.number, heading: a.heading });
  }
  const visibility = await visibilityOf(s, ctx.actor);
  const target = row.aligned_to === null ? undefined : await findItemWithPlan(s.db.kysely, row.aligned_to);
  const below = await listItemsAlignedTo(s.db.kysely, [itemId]);
  const { children: _children, ...item } = itemRowToNode(row);
  return {
    plan: planToSummary(plan),
    item: { ...item, childCount: items.filter((i) => i.parent_id === row.id).length },
    ancestors,
    alignedTo: target && canSeePlan(visibility, target) ? itemRef(target) : null,
    alignedFrom: below.filter((b) => canSeePlan(visibility, b)).map(itemRef),
  };
}

export async function publishPlan(s: Services, ctx: RequestContext, id: number, version: number) {
  const plan = await loadEditablePlan(s, ctx, id);
  return publishLoadedPlan(s, ctx, plan, version);
}

/**
 * Publishes a plan already loaded and authorised (or seeded by the system). Two publishes of one region
 * and year at once both pass the check; the unique index stops the second, answered as the same 409.
 */
export async function publishLoadedPlan(
  s: Services,
  ctx: RequestContext,
  plan: PlanWithRegion,
  version: number,
) {
  if (plan.status === 'published') throw appError('CONFLICT', '该工作要点已经发布');
  if (plan.status === 'repealed') throw appError('CONFLICT', '已废止的工作要点不能再发布');
  if (plan.revision_of !== null) return publishRevision(s, ctx, plan, version);
  refuseEmptyItems(emptyItemsOf(buildTree(await listItemsOfPlan(s.db.kysely, plan.id))));
  try {
    await s.db.kysely.transaction().execute(async (trx) => {
      if (await findPublishedPlanOf(trx, plan.region_code, plan.year, plan.id))
        throw appError('PLAN_ALREADY_PUBLISHED');
      const now = toTimestamp(s.clock.now());
      const row = await updatePlanAtVersion(trx, plan.id, version, {
        status: 'published',
        published_at: now,
        published_by: ctx.actor?.userId ?? null,
        updated_at: now,
        // A plan published again after a withdrawal no longer carries the withdrawal notice.
        notice: null,
      });
      if (!row) throw appError('VERSION_CONFLICT');
      await recordVersion(trx, row, 'publish', ctx.actor?.userId ?? null, now);
      await s.audit.record(trx, ctx, {
        action: 'plan.publish',
        objectType: 'plan',
        objectId: plan.id,
        before: { status: plan.status, version: plan.version },
        after: { status: row.status, version: row.version },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw appError('PLAN_ALREADY_PUBLISHED');
    throw error;
  }
  return getPlanDetail(s, plan.id);
}

export async function listVersionsOfPlan(
  s: Services,
  ctx: RequestContext,
  id: number,
  page: { cursor?: string | undefined; limit: number },
) {
  await loadVisiblePlan(s, ctx, id);
  const beforeNo = decodeCursor<number>(page.cursor, 'number');
  const rows = await listPlanVersions(s.db.kysely, id, { beforeNo, limit: page.limit + 1 });
  return pageOf(
    rows,
    page.limit,
    (r) => r.version_no,
    (r) => ({
      no: r.version_no,
      action: r.action,
      title: r.title,
      status: r.status,
      itemCount: r.item_count,
      createdAt: r.created_at,
      createdBy: r.created_by_name ?? null,
    }),
  );
}

export type { PlanWithRegion };
