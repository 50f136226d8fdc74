// Reading the counters that task.counts.repository.ts keeps on write: what the 工作台's sections and a plan
// item's roll-up show, and every counter as rows for the recount test to compare.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The counters as rows, zeros left out, in a stable order: what the recount test compares. */
export async function readTaskCounters(db: Q) {
  const counts = await db
    .selectFrom('task_counts')
    .selectAll()
    .where('n', '<>', 0)
    .orderBy('region_path')
    .orderBy('year')
    .orderBy('section_id')
    .orderBy('status')
    .orderBy('health')
    .orderBy('undecomposed')
    .execute();
  const rollups = await db
    .selectFrom('plan_item_rollups')
    .selectAll()
    .where('tasks', '<>', 0)
    .orderBy('plan_item_id')
    .execute();
  const scopes = await db
    .selectFrom('task_scope_counts')
    .selectAll()
    .where('n', '<>', 0)
    .orderBy('scope_path')
    .orderBy('year')
    .orderBy('status')
    .orderBy('health')
    .orderBy('undecomposed')
    .execute();
  const reviews = await db
    .selectFrom('task_review_counts')
    .selectAll()
    .where('n', '<>', 0)
    .orderBy('scope_path')
    .orderBy('health')
    .execute();
  const units = await db
    .selectFrom('task_unit_counts')
    .selectAll()
    .where('n', '<>', 0)
    .orderBy('year')
    .orderBy('region_path')
    .orderBy('lead_unit_id')
    .orderBy('status')
    .orderBy('health')
    .execute();
  const sections = await db
    .selectFrom('task_section_counts')
    .selectAll()
    .where((eb) =>
      eb.or([eb('green', '<>', 0), eb('yellow', '<>', 0), eb('red', '<>', 0), eb('none', '<>', 0)]),
    )
    .orderBy('scope_path')
    .orderBy('year')
    .orderBy('section_id')
    .execute();
  return { counts, rollups, scopes, reviews, units, sections };
}

/**
 * This year's colours by plan section of a subtree (its region and every one below): one row per section
 * with a task, read by the subtree's key (the 工作台's colours by plan section), with the section heading.
 */
export function countSectionsOfScope(db: Q, scope: string, year: number) {
  return (
    db
      .selectFrom('task_section_counts as c')
      .leftJoin('plan_items as i', 'i.id', 'c.section_id')
      .select(['c.section_id', 'i.number', 'i.heading', 'c.green', 'c.yellow', 'c.red', 'c.none'])
      .where('c.scope_path', '=', scope)
      .where('c.year', '=', year)
      // 0: the tasks without a plan section, which have no row.
      .where('c.section_id', '<>', 0)
      .where((eb) =>
        eb.or([eb('c.green', '<>', 0), eb('c.yellow', '<>', 0), eb('c.red', '<>', 0), eb('c.none', '<>', 0)]),
      )
      .orderBy('c.section_id')
      .execute()
  );
}

/** Plan items' roll-ups (progress null: no task counts toward it), for the plan item answer. */
export function findPlanItemRollups(db: Q, itemIds: readonly number[]) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('plan_item_rollups').selectAll().where('plan_item_id', 'in', itemIds).execute();
}
