// Version history: open any stored version of a plan, and compare it with the plan as it is now.
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { compareItems, type CompareItem } from './alignment/alignment.compare.ts';
import { listItemsOfPlan } from './item.repository.ts';
import { loadVisiblePlan } from './plan.policy.ts';
import { planToSummary } from './plan.present.ts';
import { findPlanVersionWithAuthor } from './plan.repository.ts';
import { parseVersion } from './plan.stored.ts';
import { flattenTree } from './plan.tree.ts';

export async function getPlanVersion(s: Services, ctx: RequestContext, ids: { planId: number; no: number }) {
  await loadVisiblePlan(s, ctx, ids.planId);
  const row = await findPlanVersionWithAuthor(s.db.kysely, ids.planId, ids.no);
  if (!row) throw appError('PLAN_VERSION_NOT_FOUND');
  const stored = parseVersion(row.outline, `plan ${ids.planId} version ${ids.no} outline`);
  return {
    no: row.version_no,
    action: row.action,
    title: row.title,
    status: row.status,
    itemCount: row.item_count,
    createdAt: row.created_at,
    createdBy: row.created_by_name ?? null,
    preamble: stored.preamble,
    closing: stored.closing,
    items: stored.nodes,
  };
}

/** A stored version (left) against the current plan (right); items pair by id first, then by text. */
export async function compareVersionWithCurrent(
  s: Services,
  ctx: RequestContext,
  ids: { planId: number; no: number },
) {
  const plan = await loadVisiblePlan(s, ctx, ids.planId);
  const version = await getPlanVersion(s, ctx, ids);
  const left: CompareItem[] = flattenTree(version.items).map((f, i, all) => ({
    // Items of a version all carry ids (versions are written from rows); the index is a fallback.
    id: f.node.id ?? -(i + 1),
    parentId: f.parentOrd === null ? null : (all[f.parentOrd]!.node.id ?? -(f.parentOrd + 1)),
    ord: f.ord,
    position: f.position,
    number: f.node.number,
    heading: f.node.heading,
    body: f.node.body,
    key: f.node.id ?? null,
  }));
  const right: CompareItem[] = (await listItemsOfPlan(s.db.kysely, plan.id)).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    ord: r.ord,
    position: r.position,
    number: r.number,
    heading: r.heading,
    body: r.body,
    key: r.id,
  }));
  const { items: _items, preamble: _p, closing: _c, ...versionSummary } = version;
  return { version: versionSummary, current: planToSummary(plan), ...compareItems(left, right) };
}
