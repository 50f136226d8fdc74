// Brands (品牌活动): imported from a plan (each item's brand_activities, found by the plan parser) with
// their plan items and the lead units of those items' tasks, or added by hand; a brand's page shows its
// events over the years and its outcome totals.
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { z } from 'zod';
import { addTotals, totalsByBrandYear } from './activity.totals.ts';
import {
  addBrandItems,
  addBrandUnits,
  brandLinks,
  findBrand,
  findBrandByName,
  findPlan,
  findPlanItems,
  findRegion,
  findUnits,
  insertBrand,
  leadUnitsOfItems,
  listBrands,
  planItemsWithBrands,
  replaceBrandLinks,
  updateBrand,
  type BrandRow,
} from './brand.repository.ts';
import { emptyTotals } from './outcome.repository.ts';
import type { Totals } from './activity.schemas.ts';

const LIST_LIMIT = 500;
const brandNames = z.array(z.string());

async function present(s: Services, ctx: RequestContext, rows: readonly BrandRow[]) {
  const ids = rows.map((b) => b.id);
  const { items, units } = await brandLinks(s.db.kysely, ids);
  const totals = new Map<number, Totals>();
  for (const g of await totalsByBrandYear(s, ctx, {}))
    if (g.brandId !== null)
      totals.set(g.brandId, addTotals(totals.get(g.brandId) ?? emptyTotals(), g.totals));
  return rows.map((b) => ({
    id: b.id,
    name: b.name,
    regionCode: b.region_code,
    regionName: b.region_name,
    source: b.source,
    description: b.description,
    planItems: items
      .filter((i) => i.brand_id === b.id)
      .map((i) => ({ id: i.id, heading: i.heading, planId: i.plan_id, planTitle: i.plan_title })),
    leadUnits: units.filter((u) => u.brand_id === b.id).map((u) => ({ id: u.id, name: u.name })),
    totals: totals.get(b.id) ?? emptyTotals(),
    version: b.version,
  }));
}

export async function listBrandsFor(s: Services, ctx: RequestContext) {
  return { items: await present(s, ctx, await listBrands(s.db.kysely, ctx, LIST_LIMIT)) };
}

export async function brandDetail(s: Services, ctx: RequestContext, row: BrandRow) {
  const [brand] = await present(s, ctx, [row]);
  return brand!;
}

async function reread(s: Services, id: number) {
  const row = await findBrand(s.db.kysely, id);
  if (!row) throw appError('ACTIVITY_BRAND_NOT_FOUND');
  return row;
}

async function checkLinks(s: Services, items?: readonly number[], units?: readonly number[]) {
  if (items && (await findPlanItems(s.db.kysely, items)).length !== new Set(items).size)
    throw appError('ACTIVITY_INVALID', '所选工作要点条目不存在', { field: 'planItemIds' });
  if (units && (await findUnits(s.db.kysely, units)).length !== new Set(units).size)
    throw appError('ACTIVITY_INVALID', '所选牵头单位不存在', { field: 'leadUnitIds' });
}

export async function createBrand(
  s: Services,
  ctx: RequestContext,
  input: {
    name: string;
    regionCode?: string | undefined;
    description?: string | undefined;
    planItemIds?: number[] | undefined;
    leadUnitIds?: number[] | undefined;
  },
) {
  const actor = ctx.actor!;
  const region = await findRegion(s.db.kysely, input.regionCode ?? actor.regionCode ?? '');
  if (!region || !regionInScope(actor.scope, region.path)) throw appError('REGION_NOT_FOUND');
  await checkLinks(s, input.planItemIds, input.leadUnitIds);
  if (await findBrandByName(s.db.kysely, region.code, input.name)) throw appError('ACTIVITY_BRAND_EXISTS');
  const stamp = toTimestamp(s.clock.now());
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const newId = await insertBrand(trx, {
      region_code: region.code,
      region_path: region.path,
      name: input.name,
      source: 'manual',
      description: input.description ?? '',
      created_by: actor.userId,
      created_at: stamp,
      updated_at: stamp,
    });
    await addBrandItems(trx, newId, input.planItemIds ?? []);
    await addBrandUnits(trx, newId, input.leadUnitIds ?? []);
    await s.audit.record(trx, ctx, {
      action: 'activity_brand.create',
      objectType: 'activity_brand',
      objectId: newId,
      after: { name: input.name, regionCode: region.code },
    });
    return newId;
  });
  return brandDetail(s, ctx, await reread(s, id));
}

export async function editBrand(
  s: Services,
  ctx: RequestContext,
  row: BrandRow,
  version: number,
  input: {
    name?: string | undefined;
    description?: string | undefined;
    planItemIds?: number[] | undefined;
    leadUnitIds?: number[] | undefined;
  },
) {
  // Staff change the brands of their own subtree; a province's brand seen from a city is read-only there.
  if (!regionInScope(ctx.actor!.scope, row.region_path)) throw appError('FORBIDDEN');
  await checkLinks(s, input.planItemIds, input.leadUnitIds);
  if (
    input.name &&
    input.name !== row.name &&
    (await findBrandByName(s.db.kysely, row.region_code, input.name))
  )
    throw appError('ACTIVITY_BRAND_EXISTS');
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    const change = {
      updated_at: stamp,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    if (!(await updateBrand(trx, row.id, version, change))) throw appError('VERSION_CONFLICT');
    await replaceBrandLinks(trx, row.id, { items: input.planItemIds, units: input.leadUnitIds });
    await s.audit.record(trx, ctx, {
      action: 'activity_brand.update',
      objectType: 'activity_brand',
      objectId: row.id,
      before: { name: row.name },
      after: { ...input },
    });
  });
  return brandDetail(s, ctx, await reread(s, row.id));
}

/**
 * Imports the brands a plan names: one brand per name in the plan's region (found again by name on a
 * second import), linked to every item naming it and to the lead units of those items' tasks.
 */
export async function importBrands(s: Services, ctx: RequestContext, planId: number) {
  const actor = ctx.actor!;
  const plan = await findPlan(s.db.kysely, planId);
  if (!plan || !regionInScope(actor.scope, plan.region_path)) throw appError('PLAN_NOT_FOUND');
  const byName = new Map<string, number[]>();
  for (const item of await planItemsWithBrands(s.db.kysely, planId))
    for (const name of brandNames.parse(JSON.parse(item.brand_activities))) {
      const key = name.trim().slice(0, 100);
      if (key) byName.set(key, [...(byName.get(key) ?? []), item.id]);
    }
  const stamp = toTimestamp(s.clock.now());
  const result = await s.db.kysely.transaction().execute(async (trx) => {
    let created = 0;
    let linked = 0;
    const ids: number[] = [];
    for (const [name, itemIds] of byName) {
      let id = (await findBrandByName(trx, plan.region_code, name))?.id;
      if (id === undefined) {
        id = await insertBrand(trx, {
          region_code: plan.region_code,
          region_path: plan.region_path,
          name,
          source: 'plan',
          description: '',
          created_by: actor.userId,
          created_at: stamp,
          updated_at: stamp,
        });
        created++;
      }
      linked += await addBrandItems(trx, id, itemIds);
      await addBrandUnits(trx, id, await leadUnitsOfItems(trx, itemIds));
      ids.push(id);
    }
    await s.audit.record(trx, ctx, {
      action: 'activity_brand.import',
      objectType: 'plan',
      objectId: planId,
      after: { created, linked, names: [...byName.keys()] },
    });
    return { created, linked, ids };
  });
  const rows = (await listBrands(s.db.kysely, ctx, LIST_LIMIT)).filter((b) => result.ids.includes(b.id));
  return { created: result.created, linked: result.linked, brands: await present(s, ctx, rows) };
}
