// The dashboard's reads: counters kept on write (task_counts, task_unit_counts), the settled colour trend,
// and the names that label them. Every read is a range of a small table, never the tasks of a province.
import { type Kysely, type Transaction } from 'kysely';
import type { Database, Health } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** A region subtree as one range: paths hold digits and '/', so [path, path + '0') is path and below. */
const rangeTo = (path: string) => `${path}0`;

/** Tasks of the year in the subtree, per (region, plan section, status, colour), from task_counts. */
export async function countByRegionAndSection(db: Q, path: string, year: number) {
  const rows = await db
    .selectFrom('task_counts')
    .select([
      'region_path',
      'section_id',
      'status',
      'health',
      (eb) => eb.fn.sum<number | string>('n').as('n'),
    ])
    .where('year', '=', year)
    .where('region_path', '>=', path)
    .where('region_path', '<', rangeTo(path))
    .groupBy(['region_path', 'section_id', 'status', 'health'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) })).filter((r) => r.n !== 0);
}

/** Tasks of the year in the subtree, per (lead unit, status, colour), from task_unit_counts. */
export async function countByLeadUnit(db: Q, path: string, year: number) {
  const rows = await db
    .selectFrom('task_unit_counts')
    .select(['lead_unit_id', 'status', 'health', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('year', '=', year)
    .where('region_path', '>=', path)
    .where('region_path', '<', rangeTo(path))
    .groupBy(['lead_unit_id', 'status', 'health'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) })).filter((r) => r.n !== 0);
}

export function findRegion(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The region at the top of the deployment's tree (a reader who sees everything starts there). */
export function findTopRegion(db: Q) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('parent_code', 'is', null)
    .orderBy('code')
    .executeTakeFirst();
}

/** The regions one level below a region, in code order: the grid shows each even with no task. */
export function findChildRegions(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('parent_code', '=', code)
    .orderBy('code')
    .execute();
}

export async function findRegionNames(db: Q, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The sections (top-level items, 一、二、…) of the region's own plan of the year, in the plan's order: the
 * rows of "by plan section". Tasks decomposed below keep their parent's section, so a section counts them
 * too; lower regions' own plans have sections of their own, shown on those regions' dashboards.
 */
export function findPlanSections(db: Q, regionCode: string, year: number) {
  return db
    .selectFrom('plan_items as i')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.number', 'i.heading', 'p.status'])
    .where('p.region_code', '=', regionCode)
    .where('p.year', '=', year)
    .where('p.status', '<>', 'draft')
    .where('i.parent_id', 'is', null)
    .orderBy('p.id')
    .orderBy('i.ord')
    .execute();
}

export async function findUnitNames(db: Q, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// --- The colour trend (dashboard.trend.ts) ---

export function findSettled(db: Q, year: number) {
  return db
    .selectFrom('task_health_months_settled')
    .select(['through_month'])
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Settled month-end colours of the year in the subtree, summed per month. */
export async function sumSettledMonths(db: Q, path: string, year: number, throughMonth: number) {
  const rows = await db
    .selectFrom('task_health_months')
    .select(['month', 'health', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('year', '=', year)
    .where('month', '<=', throughMonth)
    .where('region_path', '>=', path)
    .where('region_path', '<', rangeTo(path))
    .groupBy(['month', 'health'])
    .execute();
  return rows.map((r) => ({ month: Number(r.month), health: r.health, n: Number(r.n) }));
}

/** Every colour change of the year's tasks in the subtree (null: everywhere), task by task, oldest first. */
export function listHistoryOfYear(db: Q, path: string | null, year: number) {
  let q = db
    .selectFrom('task_health_history as h')
    .innerJoin('tasks as t', 't.id', 'h.task_id')
    .select(['h.task_id', 'h.at', 'h.health', 't.region_path'])
    .where('t.year', '=', year);
  if (path !== null) q = q.where('t.region_path', '>=', path).where('t.region_path', '<', rangeTo(path));
  return q.orderBy('h.task_id').orderBy('h.at').orderBy('h.id').execute();
}

export async function replaceSettledMonths(
  trx: Transaction<Database>,
  year: number,
  throughMonth: number,
  rows: Array<{ month: number; region_path: string; health: Health; n: number }>,
  at: string,
) {
  await trx.deleteFrom('task_health_months').where('year', '=', year).execute();
  // In slices: one statement's bound values stay well under SQLite's limit.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('task_health_months')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, year })))
      .execute();
  await trx
    .insertInto('task_health_months_settled')
    .values({ year, through_month: throughMonth, settled_at: at })
    .onConflict((oc) => oc.column('year').doUpdateSet({ through_month: throughMonth, settled_at: at }))
    .execute();
}

/** The plan years that have tasks (the job settles those it has not settled to their end). */
export async function listTaskYears(db: Q): Promise<number[]> {
  const rows = await db.selectFrom('task_counts').select('year').distinct().where('n', '<>', 0).execute();
  return rows.map((r) => Number(r.year));
}
