// Writing a plan's item tree and recording a version. Both run inside the caller's transaction.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database, NewPlanItem, PlanItemRow, PlanRow } from '../../db/schema.ts';
import {
  deleteItems,
  insertItem,
  listItemsOfPlan,
  listLinksTo,
  listTasksOnItems,
  updateItem,
} from './item.repository.ts';
import { insertPlanVersion } from './plan.repository.ts';
import { parseMeta } from './plan.stored.ts';
import { searchTokensOf } from './plan.text.ts';
import {
  buildTree,
  flattenTree,
  treeToOutlineNodes,
  validateTree,
  type FlatNode,
  type OutlineNode,
} from './plan.tree.ts';

type Trx = Transaction<Database>;
type ItemValues = Omit<NewPlanItem, 'id' | 'aligned_to' | 'aligned_by' | 'aligned_at'>;

function rowValues(planId: number, flat: FlatNode, parentId: number | null): ItemValues {
  const n = flat.node;
  return {
    plan_id: planId,
    parent_id: parentId,
    position: flat.position,
    ord: flat.ord,
    depth: flat.depth,
    number: n.number,
    heading: n.heading.trim(),
    body: n.body.trim(),
    lead: JSON.stringify(n.lead),
    cooperating: JSON.stringify(n.cooperating),
    brand_activities: JSON.stringify(n.brandActivities),
    proposed_tasks: JSON.stringify(n.proposedTasks),
    search_tokens: searchTokensOf(n.heading, n.body),
  };
}

function changedValues(row: PlanItemRow, values: ItemValues): Partial<ItemValues> {
  const changes: Partial<ItemValues> = {};
  for (const key of Object.keys(values) as Array<keyof ItemValues>) {
    if (row[key] !== values[key]) Object.assign(changes, { [key]: values[key] });
  }
  return changes;
}

/** Who is changing the tree, for the audit events of the links its deletions clear. */
export interface TreeAudit {
  s: Services;
  ctx: RequestContext;
}

/**
 * Deletes items of a plan. Items of other plans aligned to them lose that link (the foreign key sets
 * aligned_to null); each cleared link is recorded first as a `plan.align` event of the item that lost it.
 */
async function deleteItemsAndUnlink(trx: Trx, audit: TreeAudit, planId: number, ids: number[]) {
  if (!ids.length) return;
  // Nothing orphaned: an item that tasks were decomposed from stays until they are moved or removed.
  const tasks = await listTasksOnItems(trx, ids);
  if (tasks.length) {
    const names = tasks.map((t) => `“${t.title}”（编号 ${t.id}）`).join('、');
    throw appError('PLAN_ITEM_HAS_TASKS', `要删除的条目下已有任务：${names}。请先调整或撤销这些任务`, {
      tasks: tasks.map((t) => ({ id: t.id, title: t.title, planItemId: t.plan_item_id })),
    });
  }
  for (const link of await listLinksTo(trx, ids)) {
    await audit.s.audit.record(trx, audit.ctx, {
      action: 'plan.align',
      objectType: 'plan_item',
      objectId: link.id,
      before: { alignedTo: link.aligned_to },
      after: { alignedTo: null, planId: link.plan_id },
      note: { reason: 'target_deleted', targetPlanId: planId },
    });
  }
  await deleteItems(trx, ids);
}

/**
 * Replaces a plan's items by the given tree: nodes carrying the id of an existing item keep it (and its
 * alignment), nodes without one become new items, and items left out are deleted — clearing, with an
 * audit event each, the alignments pointing at them. Returns the number of items.
 */
export async function saveTree(
  trx: Trx,
  audit: TreeAudit,
  planId: number,
  nodes: readonly OutlineNode[],
): Promise<number> {
  validateTree(nodes);
  const existing = new Map((await listItemsOfPlan(trx, planId)).map((r) => [r.id, r]));
  const flat = flattenTree(nodes);
  for (const f of flat) {
    if (f.node.id !== undefined && !existing.has(f.node.id))
      throw appError('PLAN_TREE_INVALID', `条目 ${f.node.id} 不属于该工作要点`);
  }
  const idOfOrd: number[] = [];
  for (const f of flat) {
    const parentId = f.parentOrd === null ? null : idOfOrd[f.parentOrd]!;
    const values = rowValues(planId, f, parentId);
    const row = f.node.id === undefined ? undefined : existing.get(f.node.id);
    if (row) {
      const changes = changedValues(row, values);
      if (Object.keys(changes).length) await updateItem(trx, row.id, changes);
      idOfOrd[f.ord] = row.id;
      existing.delete(row.id);
    } else {
      idOfOrd[f.ord] = await insertItem(trx, values);
    }
  }
  await deleteItemsAndUnlink(trx, audit, planId, [...existing.keys()]);
  return flat.length;
}

export type VersionAction =
  | 'create'
  | 'update'
  | 'item.update'
  | 'item.align'
  | 'publish'
  | 'restore'
  | 'revise'
  | 'withdraw'
  | 'repeal';

/** Stores the plan as it now stands (after its version moved on) as version `plan.version`. */
export async function recordVersion(
  trx: Trx,
  plan: Omit<PlanRow, 'source_text'>,
  action: VersionAction,
  actorId: number | null,
  now: string,
): Promise<void> {
  const rows = await listItemsOfPlan(trx, plan.id);
  const outline = {
    title: plan.title,
    year: plan.year,
    ...parseMeta(plan.outline_meta),
    nodes: treeToOutlineNodes(buildTree(rows)),
  };
  await insertPlanVersion(trx, {
    plan_id: plan.id,
    version_no: plan.version,
    action,
    title: plan.title,
    status: plan.status,
    outline: JSON.stringify(outline),
    item_count: rows.length,
    created_by: actorId,
    created_at: now,
  });
}
