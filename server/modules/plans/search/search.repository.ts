// Item search: the word-column query over the plan items a reader can see.
import type { Kysely, Transaction } from 'kysely';
import { escapeLike, likePattern } from '../../../db/like.ts';
import type { Database } from '../../../db/schema.ts';
import { visibleWhere, type PlanVisibility } from '../plan.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

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
    q = q.where(likePattern('plan_items.search_tokens', `% ${escapeLike(token)} %`));
  }
  if (f.beforeId !== undefined) q = q.where('plan_items.id', '<', f.beforeId);
  return q.orderBy('plan_items.id', 'desc').limit(f.limit).execute();
}
