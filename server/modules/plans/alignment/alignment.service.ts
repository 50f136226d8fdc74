// Compare two plans; suggest and confirm alignment (上下级对应) of an item to an item one level up.
import type { RequestContext } from '../../../core/access/actor.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import type { PlanItemRow } from '../../../db/schema.ts';
import { listPublishedItemsOf } from './alignment.repository.ts';
import {
  findItemOfPlan,
  findItemWithPlan,
  listItemsOfPlan,
  setAlignment,
  type ItemWithPlan,
} from '../item.repository.ts';
import { compareItems, type CompareItem } from './alignment.compare.ts';
import { changePlan } from '../plan.edit.ts';
import { canSeePlan, loadEditablePlan, loadVisiblePlan, visibilityOf } from '../plan.policy.ts';
import { itemRef, planToSummary } from '../plan.present.ts';
import { findRevisionOf, type PlanWithRegion } from '../plan.repository.ts';
import { dice, featuresOf } from '../plan.text.ts';

function toCompareItem(r: PlanItemRow): CompareItem {
  return {
    id: r.id,
    parentId: r.parent_id,
    ord: r.ord,
    position: r.position,
    number: r.number,
    heading: r.heading,
    body: r.body,
  };
}

export async function comparePlans(s: Services, ctx: RequestContext, leftId: number, rightId: number) {
  const left = await loadVisiblePlan(s, ctx, leftId);
  const right = await loadVisiblePlan(s, ctx, rightId);
  const [l, r] = await Promise.all([
    listItemsOfPlan(s.db.kysely, leftId),
    listItemsOfPlan(s.db.kysely, rightId),
  ]);
  const result = compareItems(l.map(toCompareItem), r.map(toCompareItem));
  return { left: planToSummary(left), right: planToSummary(right), ...result };
}

const SUGGESTIONS = 10;

/** Items of the parent region's published plans of the same year, most similar first. */
export async function suggestAlignment(s: Services, ctx: RequestContext, planId: number, itemId: number) {
  const plan = await loadVisiblePlan(s, ctx, planId);
  const item = await findItemOfPlan(s.db.kysely, planId, itemId);
  if (!item) throw appError('PLAN_ITEM_NOT_FOUND');
  return alignmentSuggestions(s, plan, item);
}

/** The suggestions for an item of a plan already loaded (by suggestAlignment, or the demo seed). */
export async function alignmentSuggestions(s: Services, plan: PlanWithRegion, item: PlanItemRow) {
  if (!plan.region_parent) return { items: [] };
  const candidates = await listPublishedItemsOf(s.db.kysely, plan.region_parent, plan.year);
  const own = featuresOf(`${item.heading}\n${item.body}`);
  const scored = candidates
    .map((c) => ({ c, score: dice(own, featuresOf(`${c.heading}\n${c.body}`)) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, SUGGESTIONS);
  return {
    items: scored.map(({ c, score }) => ({
      ...itemRef(c),
      score: Math.round(score * 1000) / 1000,
      current: c.id === item.aligned_to,
    })),
  };
}

/**
 * Links an item to the item it implements one level up (or unlinks it), as confirmed by a person, at
 * the plan's version (If-Match): the plan moves to a new version, like any other edit of its items.
 */
export async function setItemAlignment(
  s: Services,
  ctx: RequestContext,
  ids: { planId: number; itemId: number },
  version: number,
  targetItemId: number | null,
) {
  const plan = await loadEditablePlan(s, ctx, ids.planId);
  const target = targetItemId === null ? null : await findItemWithPlan(s.db.kysely, targetItemId);
  if (targetItemId !== null && !target) throw appError('PLAN_ITEM_NOT_FOUND', '要对应的上级条目不存在');
  if (target && !canSeePlan(await visibilityOf(s, ctx.actor), target))
    throw appError('PLAN_ALIGNMENT_INVALID');
  return alignItem(s, ctx, plan, ids.itemId, version, target ?? null);
}

/** Sets an item's alignment in a plan already loaded and authorised (or seeded by the system). */
export async function alignItem(
  s: Services,
  ctx: RequestContext,
  plan: PlanWithRegion,
  itemId: number,
  version: number,
  target: ItemWithPlan | null,
) {
  const item = await findItemOfPlan(s.db.kysely, plan.id, itemId);
  if (!item) throw appError('PLAN_ITEM_NOT_FOUND');
  await refuseWhileRevised(s, plan);
  if (target && (target.region_code !== plan.region_parent || target.status !== 'published'))
    throw appError('PLAN_ALIGNMENT_INVALID');
  const targetId = target?.id ?? null;
  const row = await changePlan(s, ctx, plan, version, 'item.align', async (trx, now) => {
    await setAlignment(trx, item.id, {
      aligned_to: targetId,
      aligned_by: targetId === null ? null : (ctx.actor?.userId ?? null),
      aligned_at: targetId === null ? null : now,
    });
    await s.audit.record(trx, ctx, {
      action: 'plan.align',
      objectType: 'plan_item',
      objectId: item.id,
      before: { alignedTo: item.aligned_to },
      after: { alignedTo: targetId, planId: plan.id, planVersion: plan.version + 1 },
    });
  });
  return { itemId: item.id, alignedTo: target ? itemRef(target) : null, planVersion: row.version };
}

/**
 * A published plan's items stay alignable in place (a link is not text lower levels read), except while a
 * revision is open: then the revision holds the links that publishing it will write back, so they are
 * confirmed there (docs/decisions/plan-revisions.md). A repealed plan is never changed.
 */
async function refuseWhileRevised(s: Services, plan: PlanWithRegion) {
  if (plan.status === 'repealed') throw appError('PLAN_NOT_EDITABLE', '已废止的工作要点不能修改');
  const revision = plan.status === 'published' ? await findRevisionOf(s.db.kysely, plan.id) : undefined;
  if (revision)
    throw appError('PLAN_REVISION_EXISTS', '该工作要点有未发布的修订稿：请在修订稿中确认对应关系', {
      revisionId: revision.id,
    });
}
