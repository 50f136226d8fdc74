// Revisions (修订稿) of a published plan. The published plan stays in force — what regions below, units
// and other regions read — while its staff edit a draft copy; publishing the revision writes the copy
// back into the published plan, keeping the ids of the items it kept, so the alignments of the plans
// below survive (docs/decisions/plan-revisions.md).
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { isUniqueViolation } from '../../db/dialect/errors.ts';
import type { Database, PlanItemRow } from '../../db/schema.ts';
import { compareItems, type CompareItem } from './alignment/alignment.compare.ts';
import { insertItem, listItemsOfPlan, listLinksTo, setAlignment } from './item.repository.ts';
import { loadEditablePlan, loadVisiblePlan } from './plan.policy.ts';
import { planToSummary } from './plan.present.ts';
import type { PlanNotice } from './plan.stored.ts';
import {
  deletePlan,
  findPlanById,
  findPlanSourceText,
  findRevisionOf,
  insertPlan,
  listChildRegionCodes,
  updatePlanAtVersion,
  type PlanWithRegion,
} from './plan.repository.ts';
import { recordVersion, saveTree } from './plan.save.ts';
import { getPlanDetail } from './plan.detail.ts';
import {
  buildTree,
  emptyItemsOf,
  refuseEmptyItems,
  type OutlineNode,
  type PlanItemNode,
} from './plan.tree.ts';

type Trx = Transaction<Database>;

/** Starts the draft revision of a published plan (If-Match: the published plan's version). */
export async function startRevision(s: Services, ctx: RequestContext, id: number, version: number) {
  const plan = await loadEditablePlan(s, ctx, id);
  if (plan.revision_of !== null) throw appError('CONFLICT', '修订稿本身可直接编辑，不能再修订');
  if (plan.status !== 'published') throw appError('CONFLICT', '只有已发布的工作要点需要修订；草稿可直接编辑');
  if (plan.version !== version) throw appError('VERSION_CONFLICT');
  const open = await findRevisionOf(s.db.kysely, id);
  if (open) throw revisionExists(open.id);
  try {
    const revisionId = await s.db.kysely.transaction().execute(async (trx) => {
      const now = toTimestamp(s.clock.now());
      const revId = await insertPlan(trx, {
        region_code: plan.region_code,
        year: plan.year,
        title: plan.title,
        status: 'draft',
        outline_meta: plan.outline_meta,
        source_text: (await findPlanSourceText(trx, plan.id)) ?? '',
        created_by: ctx.actor?.userId ?? null,
        created_at: now,
        updated_at: now,
        published_at: null,
        published_by: null,
        revision_of: plan.id,
      });
      await copyItems(trx, plan.id, revId);
      await recordVersion(trx, (await findPlanById(trx, revId))!, 'create', ctx.actor?.userId ?? null, now);
      await s.audit.record(trx, ctx, {
        action: 'plan.revision.create',
        objectType: 'plan',
        objectId: revId,
        after: { revisionOf: plan.id, fromVersion: plan.version, itemCount: plan.item_count },
      });
      return revId;
    });
    return await getPlanDetail(s, revisionId);
  } catch (error) {
    // Two people starting a revision at once: the unique index on revision_of stops the second.
    if (isUniqueViolation(error)) throw revisionExists((await findRevisionOf(s.db.kysely, id))?.id);
    throw error;
  }
}

function revisionExists(revisionId: number | undefined) {
  return appError('PLAN_REVISION_EXISTS', undefined, { revisionId: revisionId ?? null });
}

/** Copies a plan's items (pre-order, so parents come first), each remembering the item it came from. */
async function copyItems(trx: Trx, fromPlanId: number, toPlanId: number): Promise<void> {
  const newIdOf = new Map<number, number>();
  for (const row of await listItemsOfPlan(trx, fromPlanId)) {
    const { id, plan_id: _plan, parent_id, source_item_id: _source, ...rest } = row;
    const newId = await insertItem(trx, {
      ...rest,
      plan_id: toPlanId,
      parent_id: parent_id === null ? null : newIdOf.get(parent_id)!,
      source_item_id: id,
    });
    newIdOf.set(id, newId);
  }
}

const toCompareItem = (key: (r: PlanItemRow) => number | null) => (r: PlanItemRow) =>
  ({
    id: r.id,
    parentId: r.parent_id,
    ord: r.ord,
    position: r.position,
    number: r.number,
    heading: r.heading,
    body: r.body,
    key: key(r),
  }) satisfies CompareItem;

/** The published plan against its revision, items paired by the item each was copied from. */
async function compareWithRevision(s: Services, original: PlanWithRegion, revision: PlanWithRegion) {
  const [left, right] = await Promise.all([
    listItemsOfPlan(s.db.kysely, original.id),
    listItemsOfPlan(s.db.kysely, revision.id),
  ]);
  const result = compareItems(
    left.map(toCompareItem((r) => r.id)),
    right.map(toCompareItem((r) => r.source_item_id)),
  );
  const removedIds = result.entries.filter((e) => e.kind === 'removed').map((e) => e.left!.id);
  // Items of plans below aligned to items the revision drops: publishing it clears those links.
  const linksLost = (await listLinksTo(s.db.kysely, removedIds)).length;
  return { ...result, linksLost };
}

async function loadRevision(s: Services, ctx: RequestContext, id: number) {
  const revision = await loadVisiblePlan(s, ctx, id);
  // A plan the reader sees but that is no revision: a state the request does not fit, not a missing record.
  if (revision.revision_of === null) throw appError('CONFLICT', '该工作要点不是修订稿');
  const original = await findPlanById(s.db.kysely, revision.revision_of);
  if (!original) throw appError('PLAN_NOT_FOUND');
  return { revision, original };
}

/** What publishing the revision would change in the published plan (shown before publishing). */
export async function revisionChanges(s: Services, ctx: RequestContext, id: number) {
  const { revision, original } = await loadRevision(s, ctx, id);
  return {
    left: planToSummary(original),
    right: planToSummary(revision),
    ...(await compareWithRevision(s, original, revision)),
  };
}

/**
 * Publishes a revision (already loaded and authorised, If-Match its version): the published plan takes
 * the revision's title, outline parts and items — kept items keep their ids and the links of the plans
 * below, dropped items are deleted (their links cleared and audited), items' own alignments come from
 * the revision — as one new version ('revise'); readers see a notice, the regions below are recorded
 * as told, and the revision itself is removed. Answers the published plan.
 */
export async function publishRevision(
  s: Services,
  ctx: RequestContext,
  revision: PlanWithRegion,
  version: number,
) {
  const original = await findPlanById(s.db.kysely, revision.revision_of!);
  if (!original || original.status !== 'published')
    throw appError('CONFLICT', '原工作要点已撤回或废止，修订稿不能发布；请放弃该修订稿');
  const revItems = await listItemsOfPlan(s.db.kysely, revision.id);
  refuseEmptyItems(emptyItemsOf(buildTree(revItems)));
  const changes = await compareWithRevision(s, original, revision);
  const regionsTold = await listChildRegionCodes(s.db.kysely, original.region_code);
  await s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    if (!(await updatePlanAtVersion(trx, revision.id, version, { updated_at: now })))
      throw appError('VERSION_CONFLICT');
    const notice: PlanNotice = {
      kind: 'revised',
      at: now,
      by: ctx.actor?.displayName ?? null,
      version: original.version + 1,
      reason: null,
      changes: {
        changed: changes.summary.changed,
        added: changes.summary.added,
        removed: changes.summary.removed,
        moved: changes.summary.moved,
      },
      regionsTold,
    };
    const row = await updatePlanAtVersion(trx, original.id, original.version, {
      title: revision.title,
      outline_meta: revision.outline_meta,
      notice: JSON.stringify(notice),
      updated_at: now,
    });
    if (!row)
      throw appError('VERSION_CONFLICT', '原工作要点刚被修改（例如确认了对应关系），请刷新后重新发布');
    const kept = new Set((await listItemsOfPlan(trx, original.id)).map((r) => r.id));
    const itemCount = await saveTree(trx, { s, ctx }, original.id, asPublishedNodes(revItems, kept));
    await copyAlignments(trx, revItems, await listItemsOfPlan(trx, original.id));
    await recordVersion(trx, row, 'revise', ctx.actor?.userId ?? null, now);
    await s.audit.record(trx, ctx, {
      action: 'plan.revise',
      objectType: 'plan',
      objectId: original.id,
      before: { title: original.title, version: original.version, itemCount: original.item_count },
      after: { title: row.title, version: row.version, itemCount },
      // Until an inbox exists, this event and the plan's notice are how the regions below are told.
      note: { revisionId: revision.id, changes: notice.changes, linksLost: changes.linksLost, regionsTold },
    });
    await deletePlan(trx, revision.id);
  });
  return getPlanDetail(s, original.id);
}

/** The revision's tree with each item's id set to the published item it was copied from, if still there. */
function asPublishedNodes(revItems: readonly PlanItemRow[], kept: ReadonlySet<number>): OutlineNode[] {
  const sourceOf = new Map(revItems.map((r) => [r.id, r.source_item_id]));
  const used = new Set<number>();
  const map = (nodes: readonly PlanItemNode[]): OutlineNode[] =>
    nodes.map(({ alignedTo: _alignedTo, children, id, ...rest }) => {
      const source = sourceOf.get(id) ?? null;
      const keep = source !== null && kept.has(source) && !used.has(source);
      if (keep) used.add(source);
      return { ...rest, id: keep ? source : undefined, children: map(children) };
    });
  return map(buildTree(revItems));
}

/**
 * Gives each published item the alignment (to the item one level up) of the revision item it now
 * mirrors. saveTree wrote the revision's tree in pre-order, so the two lists pair up by `ord`.
 */
async function copyAlignments(trx: Trx, revItems: PlanItemRow[], published: PlanItemRow[]): Promise<void> {
  const byOrd = new Map(published.map((r) => [r.ord, r]));
  for (const rev of revItems) {
    const row = byOrd.get(rev.ord);
    if (!row || row.aligned_to === rev.aligned_to) continue;
    await setAlignment(trx, row.id, {
      aligned_to: rev.aligned_to,
      aligned_by: rev.aligned_by,
      aligned_at: rev.aligned_at,
    });
  }
}

/** Throws away a revision (If-Match its version); the published plan is untouched. */
export async function discardRevision(s: Services, ctx: RequestContext, id: number, version: number) {
  const revision = await loadEditablePlan(s, ctx, id);
  if (revision.revision_of === null)
    throw appError('CONFLICT', '只能放弃修订稿；草稿和已发布的工作要点不能删除');
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await updatePlanAtVersion(trx, id, version, {}))) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'plan.revision.discard',
      objectType: 'plan',
      objectId: id,
      before: { revisionOf: revision.revision_of, version, itemCount: revision.item_count },
    });
    await deletePlan(trx, id);
  });
}
