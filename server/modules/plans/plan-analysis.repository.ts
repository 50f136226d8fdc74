// Queries across plans: alignment links below a region, regions of a subtree, and item search.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { visibleWhere, type PlanVisibility } from './plan.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Every alignment link from items of published plans strictly below a region. */
export function listAlignmentLinksBelow(db: Q, regionPath: string) {
  return db
    .selectFrom('plan_items')
    .innerJoin('plans', 'plans.id', 'plan_items.plan_id')
    .innerJoin('regions', 'regions.code', 'plans.region_code')
    .select(['plan_items.id', 'plan_items.aligned_to', 'plans.region_code', 'regions.path as region_path'])
    .where('regions.path', 'like', `${regionPath}/%`)
    .where('plans.status', '=', 'published')
    .where('plan_items.aligned_to', 'is not', null)
    .execute();
}

export function listRegionsBelow(db: Q, regionPath: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'path', 'parent_code'])
    .where('path', 'like', `${regionPath}/%`)
    .orderBy('path')
    .execute();
}

export async function listRegionCodesWithPublishedPlan(db: Q, regionPath: string, year: number) {
  const rows = await db
    .selectFrom('plans')
    .innerJoin('regions', 'regions.code', 'plans.region_code')
    .select('plans.region_code')
    .where('regions.path', 'like', `${regionPath}/%`)
    .where('plans.year', '=', year)
    .where('plans.status', '=', 'published')
    .execute();
  return new Set(rows.map((r) => r.region_code));
}

/** Items of the published plans of one region and year (alignment candidates one level up). */
export function listPublishedItemsOf(db: Q, regionCode: string, year: number) {
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
      'plans.region_code',
      'plans.year',
      'plans.title',
      'regions.name as region_name',
    ])
    .where('plans.region_code', '=', regionCode)
    .where('plans.year', '=', year)
    .where('plans.status', '=', 'published')
    .orderBy('plan_items.ord')
    .execute();
}

export interface ItemSearch {
  tokens: string[];
  visibility: PlanVisibility;
  beforeId?: number | undefined;
  limit: number;
}

/** Items whose word column holds every token (`LIKE '% 词 %'`, the same on both dialects), newest first. */
export function searchItems(db: Q, f: ItemSearch) {
  let q = db
    .selectFrom('plan_items')
    .innerJoin('plans', 'plans.id', 'plan_items.plan_id')
    .innerJoin('regions as r', 'r.code', 'plans.region_code')
    .select([
      'plan_items.id',
      'plan_items.plan_id',
      'plan_items.number',
      'plan_items.heading',
      'plan_items.body',
      'plans.title',
      'plans.year',
      'plans.status',
      'plans.region_code',
      'r.name as region_name',
    ])
    .where((eb) => visibleWhere(eb, f.visibility));
  for (const token of f.tokens) q = q.where('plan_items.search_tokens', 'like', `% ${token} %`);
  if (f.beforeId !== undefined) q = q.where('plan_items.id', '<', f.beforeId);
  return q.orderBy('plan_items.id', 'desc').limit(f.limit).execute();
}
