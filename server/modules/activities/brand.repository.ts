// Kysely code of the brands (品牌活动): rows, their plan items and lead units.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ActivityBrandTable, Database } from '../../db/schema.ts';
import { brandPathsOf } from './activity.scope.ts';
import type { RequestContext } from '../../core/access/actor.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type BrandRow = Selectable<ActivityBrandTable> & { region_name: string };

const withRegion = (db: Q) =>
  db
    .selectFrom('activity_brands as b')
    .innerJoin('regions as r', 'r.code', 'b.region_code')
    .selectAll('b')
    .select('r.name as region_name');

export function findBrand(db: Q, id: number): Promise<BrandRow | undefined> {
  return withRegion(db).where('b.id', '=', id).executeTakeFirst();
}

export function findBrandByName(db: Q, regionCode: string, name: string): Promise<BrandRow | undefined> {
  return withRegion(db).where('b.region_code', '=', regionCode).where('b.name', '=', name).executeTakeFirst();
}

/** The brands a reader sees (activity.scope.ts), by region then name. */
export function listBrands(db: Q, ctx: RequestContext, limit: number): Promise<BrandRow[]> {
  const paths = brandPathsOf(ctx);
  let q = withRegion(db);
  if (paths !== null) {
    const { line, below } = paths;
    q = q.where((eb) =>
      eb.or([
        ...(line.length ? [eb('b.region_path', 'in', line)] : [eb.lit(false)]),
        ...(below ? [eb('b.region_path', 'like', `${below}/%`)] : []),
      ]),
    );
  }
  return q.orderBy('b.region_path').orderBy('b.name').limit(limit).execute();
}

export async function insertBrand(
  trx: Q,
  row: Omit<Selectable<ActivityBrandTable>, 'id' | 'version' | 'description'> & { description: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('activity_brands')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateBrand(
  trx: Q,
  id: number,
  version: number,
  change: { name?: string; description?: string; updated_at: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('activity_brands')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function brandLinks(db: Q, ids: readonly number[]) {
  if (!ids.length) return { items: [], units: [] };
  const items = await db
    .selectFrom('activity_brand_items as bi')
    .innerJoin('plan_items as i', 'i.id', 'bi.plan_item_id')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .select(['bi.brand_id', 'i.id', 'i.heading', 'p.id as plan_id', 'p.title as plan_title'])
    .where('bi.brand_id', 'in', ids)
    .orderBy('i.id')
    .execute();
  const units = await db
    .selectFrom('activity_brand_units as bu')
    .innerJoin('units as u', 'u.id', 'bu.unit_id')
    .select(['bu.brand_id', 'u.id', 'u.name'])
    .where('bu.brand_id', 'in', ids)
    .orderBy('u.id')
    .execute();
  return { items, units };
}

export async function addBrandItems(trx: Q, brandId: number, itemIds: readonly number[]): Promise<number> {
  let added = 0;
  for (const itemId of new Set(itemIds)) {
    const res = await trx
      .insertInto('activity_brand_items')
      .values({ brand_id: brandId, plan_item_id: itemId })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    added += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export async function addBrandUnits(trx: Q, brandId: number, unitIds: readonly number[]): Promise<void> {
  for (const unitId of new Set(unitIds))
    await trx
      .insertInto('activity_brand_units')
      .values({ brand_id: brandId, unit_id: unitId })
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function replaceBrandLinks(
  trx: Q,
  brandId: number,
  change: { items?: readonly number[] | undefined; units?: readonly number[] | undefined },
): Promise<void> {
  if (change.items) {
    await trx.deleteFrom('activity_brand_items').where('brand_id', '=', brandId).execute();
    await addBrandItems(trx, brandId, change.items);
  }
  if (change.units) {
    await trx.deleteFrom('activity_brand_units').where('brand_id', '=', brandId).execute();
    await addBrandUnits(trx, brandId, change.units);
  }
}

/** A plan's items that name brand activities (the parser's brand_activities JSON), with its region. */
export function planItemsWithBrands(db: Q, planId: number) {
  return db
    .selectFrom('plan_items as i')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(['i.id', 'i.brand_activities', 'p.region_code', 'r.path as region_path'])
    .where('i.plan_id', '=', planId)
    .orderBy('i.position')
    .execute();
}

export function findPlan(db: Q, planId: number) {
  return db
    .selectFrom('plans as p')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(['p.id', 'p.status', 'p.region_code', 'r.path as region_path'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

/** The lead units of the tasks made from these plan items: a brand's lead units when imported. */
export async function leadUnitsOfItems(db: Q, itemIds: readonly number[]): Promise<number[]> {
  if (!itemIds.length) return [];
  const rows = await db
    .selectFrom('tasks')
    .select('lead_unit_id')
    .distinct()
    .where('plan_item_id', 'in', itemIds)
    .where('parent_id', 'is', null)
    .execute();
  return rows.map((r) => r.lead_unit_id);
}

export function findRegion(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findUnits(db: Q, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['u.id', 'u.name', 'u.region_code', 'r.path as region_path'])
    .where('u.id', 'in', [...new Set(ids)])
    .execute();
}

export function findPlanItems(db: Q, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('plan_items as i')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select(['i.id', 'i.heading', 'r.path as region_path'])
    .where('i.id', 'in', [...new Set(ids)])
    .execute();
}
