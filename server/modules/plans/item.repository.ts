import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database, NewPlanItem, PlanItemRow, PlanItemTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function listItemsOfPlan(db: Q, planId: number): Promise<PlanItemRow[]> {
  return db.selectFrom('plan_items').selectAll().where('plan_id', '=', planId).orderBy('ord').execute();
}

export function findItemOfPlan(db: Q, planId: number, itemId: number): Promise<PlanItemRow | undefined> {
  return db
    .selectFrom('plan_items')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function insertItem(trx: Q, row: NewPlanItem): Promise<number> {
  const inserted = await trx.insertInto('plan_items').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateItem(trx: Q, id: number, changes: Updateable<PlanItemTable>): Promise<void> {
  await trx.updateTable('plan_items').set(changes).where('id', '=', id).execute();
}

/** Open tasks decomposed from these items (a few, to name them), for refusing to delete the items. */
export function listTasksOnItems(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('tasks')
    .select(['id', 'title', 'plan_item_id'])
    .where('plan_item_id', 'in', ids.slice(0, 1000))
    .orderBy('id')
    .limit(20)
    .execute();
}

export async function deleteItems(trx: Q, ids: number[]): Promise<void> {
  // Children first is not needed: parent_id cascades, aligned_to is set null by the foreign key.
  for (let i = 0; i < ids.length; i += 500) {
    await trx
      .deleteFrom('plan_items')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

/** Items joined to their plan and region: the one select list for references across plans. */
export function selectItemsWithPlan(db: Q) {
  return db
    .selectFrom('plan_items')
    .innerJoin('plans', 'plans.id', 'plan_items.plan_id')
    .innerJoin('regions', 'regions.code', 'plans.region_code')
    .select([
      'plan_items.id',
      'plan_items.plan_id',
      'plan_items.number',
      'plan_items.heading',
      'plan_items.body',
      'plan_items.ord',
      'plan_items.aligned_to',
      'plans.region_code',
      'plans.status',
      'plans.year',
      'plans.title',
      'regions.name as region_name',
      'regions.path as region_path',
    ]);
}

export type ItemWithPlan = Awaited<ReturnType<typeof findItemWithPlan>> & object;

/** An item with its plan and region, for references across plans. */
export function findItemWithPlan(db: Q, itemId: number) {
  return selectItemsWithPlan(db).where('plan_items.id', '=', itemId).executeTakeFirst();
}

/** Several items with their plans and regions, in one query per 500 ids. */
export async function listItemsWithPlan(db: Q, itemIds: readonly number[]): Promise<ItemWithPlan[]> {
  const rows: ItemWithPlan[] = [];
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    rows.push(...(await selectItemsWithPlan(db).where('plan_items.id', 'in', chunk).execute()));
  }
  return rows;
}

/** Items of other plans aligned to any of these items (the links one level down). */
export function listItemsAlignedTo(db: Q, itemIds: number[]) {
  return selectItemsWithPlan(db)
    .where('plan_items.aligned_to', 'in', itemIds.length ? itemIds : [-1])
    .orderBy('plans.region_code')
    .orderBy('plan_items.ord')
    .execute();
}

/** The links (item → item one level up) that point at any of these items, in one query per 500 ids. */
export async function listLinksTo(db: Q, itemIds: readonly number[]) {
  const links: Array<{ id: number; plan_id: number; aligned_to: number | null }> = [];
  for (let i = 0; i < itemIds.length; i += 500) {
    const rows = await db
      .selectFrom('plan_items')
      .select(['id', 'plan_id', 'aligned_to'])
      .where('aligned_to', 'in', itemIds.slice(i, i + 500))
      .orderBy('id')
      .execute();
    links.push(...rows);
  }
  return links;
}

export async function setAlignment(
  trx: Q,
  itemId: number,
  alignment: { aligned_to: number | null; aligned_by: number | null; aligned_at: string | null },
): Promise<void> {
  await trx.updateTable('plan_items').set(alignment).where('id', '=', itemId).execute();
}

/** An item with what its task suggestions need: its proposed tasks and its plan's region and status. */
export function findItemForSuggestions(db: Q, itemId: number) {
  return db
    .selectFrom('plan_items')
    .innerJoin('plans', 'plans.id', 'plan_items.plan_id')
    .innerJoin('regions', 'regions.code', 'plans.region_code')
    .select([
      'plan_items.id',
      'plan_items.plan_id',
      'plan_items.proposed_tasks',
      'plans.region_code',
      'plans.status',
      'regions.name as region_name',
      'regions.path as region_path',
    ])
    .where('plan_items.id', '=', itemId)
    .executeTakeFirst();
}
