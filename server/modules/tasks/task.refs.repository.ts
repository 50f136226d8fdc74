// What a task refers to (units, people, plan items, regions), read the way the task module needs it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type UnitRef = NonNullable<Awaited<ReturnType<typeof findUnitRefs>>[number]>;

export function findUnitRefs(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select([
      'u.id',
      'u.name',
      'u.kind',
      'u.status',
      'u.region_code',
      'r.path as region_path',
      'r.name as region_name',
    ])
    .where('u.id', 'in', ids)
    .execute();
}

export function findUserRef(db: Q, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'unit_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findRegionRef(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findPlanItemRef(db: Q, id: number) {
  return db
    .selectFrom('plan_items as i')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .innerJoin('regions as r', 'r.code', 'p.region_code')
    .select([
      'i.id',
      'i.plan_id',
      'i.parent_id',
      'i.number',
      'i.heading',
      'i.body',
      'i.proposed_tasks',
      'p.year as plan_year',
      'p.title as plan_title',
      'p.status as plan_status',
      'p.region_code as plan_region_code',
      'r.path as plan_region_path',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** The top-level item (一、…) an item sits under: itself when it is one. */
export async function findSectionOf(db: Q, itemId: number): Promise<number> {
  let current = itemId;
  for (let hops = 0; hops < 20; hops++) {
    const row = await db
      .selectFrom('plan_items')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    if (!row?.parent_id) return current;
    current = row.parent_id;
  }
  return current;
}

export function findPlanRef(db: Q, id: number) {
  return db.selectFrom('plans').select(['id', 'title', 'year']).where('id', '=', id).executeTakeFirst();
}

/** @public Not used yet: kept for the tasks work still landing (knip does not report @public). */
export function findUserNames(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

export async function findSectionHeadings(db: Q, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('plan_items')
    .select(['id', 'number', 'heading'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.number ?? ''}${r.heading}`.trim()]));
}

export async function findRegionNames(db: Q, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
