// Editing a plan: the whole outline (tree operations happen client-side), one item, or a restore of an
// old version. Every change moves the plan to a new version and stores it.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database, PlanRow } from '../../db/schema.ts';
import { findItemOfPlan, listItemsOfPlan, updateItem } from './item.repository.ts';
import { loadEditablePlan } from './plan.policy.ts';
import { metaOf } from './plan.present.ts';
import { parseVersion } from './plan.stored.ts';
import {
  findPlanVersion,
  updatePlanAtVersion,
  updatePlanFields,
  type PlanWithRegion,
} from './plan.repository.ts';
import { recordVersion, saveTree, type VersionAction } from './plan.save.ts';
import type { OutlineInput } from './plan.schemas.ts';
import { getPlanDetail } from './plan.detail.ts';
import { buildTree, isBlank, itemRowToNode, pathOfItem, refuseEmptyItems, withIds } from './plan.tree.ts';
import { searchTokensOf } from './plan.text.ts';

type Trx = Transaction<Database>;

/**
 * Moves the plan to its next version (or fails on a stale If-Match), runs the change, stores the version.
 * Every edit of a plan or of one of its items (outline, item, alignment, restore) goes through here.
 */
export async function changePlan(
  s: Services,
  ctx: RequestContext,
  plan: PlanWithRegion,
  version: number,
  action: VersionAction,
  change: (trx: Trx, now: string) => Promise<Partial<Pick<PlanRow, 'title' | 'outline_meta'>> | void>,
): Promise<PlanRow> {
  return s.db.kysely.transaction().execute(async (trx) => {
    const now = toTimestamp(s.clock.now());
    const moved = await updatePlanAtVersion(trx, plan.id, version, { updated_at: now });
    if (!moved) throw appError('VERSION_CONFLICT');
    const fields = await change(trx, now);
    const row = fields && Object.keys(fields).length ? await updatePlanFields(trx, plan.id, fields) : moved;
    await recordVersion(trx, row, action, ctx.actor?.userId ?? null, now);
    return row;
  });
}

/**
 * The plan if the actor may edit its text: a draft (a revision is a draft). A published plan is changed
 * through a revision (plan.revision.ts), a repealed one not at all: 409 PLAN_NOT_EDITABLE.
 */
async function loadDraftPlan(s: Services, ctx: RequestContext, id: number) {
  const plan = await loadEditablePlan(s, ctx, id);
  if (plan.status === 'repealed') throw appError('PLAN_NOT_EDITABLE', '已废止的工作要点不能修改');
  if (plan.status !== 'draft') throw appError('PLAN_NOT_EDITABLE');
  return plan;
}

function summaryOf(p: Pick<PlanRow, 'title' | 'version'>, itemCount: number) {
  return { title: p.title, version: p.version, itemCount };
}

export async function updatePlanOutline(
  s: Services,
  ctx: RequestContext,
  id: number,
  version: number,
  input: { title?: string | undefined; outline: OutlineInput },
) {
  const plan = await loadDraftPlan(s, ctx, id);
  await changePlan(s, ctx, plan, version, 'update', async (trx) => {
    const itemCount = await saveTree(trx, { s, ctx }, id, input.outline.nodes);
    const title = input.title ?? plan.title;
    await s.audit.record(trx, ctx, {
      action: 'plan.update',
      objectType: 'plan',
      objectId: id,
      before: summaryOf(plan, plan.item_count),
      after: summaryOf({ title, version: plan.version + 1 }, itemCount),
    });
    return { title, outline_meta: JSON.stringify(metaOf(input.outline)) };
  });
  return getPlanDetail(s, id);
}

export interface ItemChanges {
  heading?: string | undefined;
  body?: string | undefined;
  lead?: string[] | undefined;
  cooperating?: string[] | undefined;
}

export async function updatePlanItem(
  s: Services,
  ctx: RequestContext,
  ids: { planId: number; itemId: number },
  version: number,
  changes: ItemChanges,
) {
  const plan = await loadDraftPlan(s, ctx, ids.planId);
  const row = await findItemOfPlan(s.db.kysely, ids.planId, ids.itemId);
  if (!row) throw appError('PLAN_ITEM_NOT_FOUND');
  const before = itemRowToNode(row);
  const heading = (changes.heading ?? row.heading).trim();
  const body = (changes.body ?? row.body).trim();
  if (isBlank(heading) && isBlank(body)) {
    const path = pathOfItem(buildTree(await listItemsOfPlan(s.db.kysely, plan.id)), row.id) ?? '?';
    refuseEmptyItems([{ path, number: row.number, id: row.id }]);
  }
  await changePlan(s, ctx, plan, version, 'item.update', async (trx) => {
    await updateItem(trx, row.id, {
      heading,
      body,
      lead: JSON.stringify(changes.lead ?? before.lead),
      cooperating: JSON.stringify(changes.cooperating ?? before.cooperating),
      search_tokens: searchTokensOf(heading, body),
    });
    const after = itemRowToNode((await findItemOfPlan(trx, ids.planId, ids.itemId))!);
    await s.audit.record(trx, ctx, {
      action: 'plan.item.update',
      objectType: 'plan_item',
      objectId: row.id,
      before: pickItem(before),
      after: { ...pickItem(after), planId: plan.id, planVersion: plan.version + 1 },
    });
  });
  return getPlanDetail(s, ids.planId);
}

function pickItem(n: ReturnType<typeof itemRowToNode>) {
  return { heading: n.heading, body: n.body, lead: n.lead, cooperating: n.cooperating };
}

/** Makes an old version the current one again, as a new version. Items deleted since come back with new ids. */
export async function restorePlanVersion(
  s: Services,
  ctx: RequestContext,
  ids: { planId: number; no: number },
  version: number,
) {
  const plan = await loadDraftPlan(s, ctx, ids.planId);
  const old = await findPlanVersion(s.db.kysely, ids.planId, ids.no);
  if (!old) throw appError('PLAN_VERSION_NOT_FOUND');
  const stored = parseVersion(old.outline, `plan ${ids.planId} version ${ids.no} outline`);
  await changePlan(s, ctx, plan, version, 'restore', async (trx) => {
    const current = new Set((await listItemsOfPlan(trx, plan.id)).map((r) => r.id));
    const itemCount = await saveTree(
      trx,
      { s, ctx },
      plan.id,
      withIds(stored.nodes, (id) => current.has(id)),
    );
    await s.audit.record(trx, ctx, {
      action: 'plan.restore',
      objectType: 'plan',
      objectId: plan.id,
      before: summaryOf(plan, plan.item_count),
      after: {
        ...summaryOf({ title: stored.title, version: plan.version + 1 }, itemCount),
        restoredFrom: ids.no,
      },
    });
    return { title: stored.title, outline_meta: JSON.stringify(metaOf(stored)) };
  });
  return getPlanDetail(s, ids.planId);
}
