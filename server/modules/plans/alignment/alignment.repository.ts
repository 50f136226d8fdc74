// Queries across plans for alignment and coverage: published plans and alignment links below a region,
// regions of a subtree, alignment candidates one level up.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { selectItemsWithPlan } from '../item.repository.ts';

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
