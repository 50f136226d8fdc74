// Queries across plans: alignment links below a region, regions of a subtree, and item search.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { selectItemsWithPlan } from './plan-item.repository.ts';
import { visibleWhere, type PlanVisibility } from './plan.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The published plans of the regions strictly below a region. */
export function listPublishedPlansBelow(db: Q, regionPath: string) {
  return db
    .selectFrom('plans')
    .innerJoin('regions', 'regions.code', 'plans.region_code')
    .select(['plans.id', 'plans.year', 'plans.region_code', 'regions.path as region_path'])
    .where('regions.path', 'like', `${regionPath}/%`)
    .where('plans.status', '=', 'published')
    .execute();
}

/** The alignment links (item → item one level up) of the items of some plans; a covering index serves it. */
export async function listAlignmentLinksOf(db: Q, planIds: number[]) {
  const links: Array<{ id: number; aligned_to: number | null; plan_id: number }> = [];
  for (let i = 0; i < planIds.length; i += 500) {
    const rows = await db
      .selectFrom('plan_items')
      .select(['id', 'aligned_to', 'plan_id'])
      .where('plan_id', 'in', planIds.slice(i, i + 500))
      .where('aligned_to', 'is not', null)
      .execute();
    links.push(...rows);
  }
  return links;
}

export function listRegionsBelow(db: Q, regionPath: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'path', 'parent_code'])
    .where('path', 'like', `${regionPath}/%`)
    .orderBy('path')
    .execute();
}

/** Items of the published plans of one region and year (alignment candidates one level up). */
export function listPublishedItemsOf(db: Q, regionCode: string, year: number) {
  return selectItemsWithPlan(db)
    .where('plans.region_code', '=', regionCode)
    .where('plans.year', '=', year)
    .where('plans.status', '=', 'published')
    .orderBy('plan_items.ord')
    .execute();
}

/** A LIKE pattern that matches `text` literally (with `escape '\'`, the same on both dialects). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
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
  for (const token of f.tokens) {
    const pattern = `% ${escapeLike(token)} %`;
    q = q.where(sql<boolean>`${sql.ref('plan_items.search_tokens')} like ${pattern} escape '\\'`);
  }
  if (f.beforeId !== undefined) q = q.where('plan_items.id', '<', f.beforeId);
  return q.orderBy('plan_items.id', 'desc').limit(f.limit).execute();
}
