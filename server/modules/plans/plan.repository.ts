import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database, PlanRow, PlanTable, PlanVersionRow } from '../../db/schema.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/dialect/dialect.ts';
import { preparedByShape, preparedQuery } from '../../db/prepared.ts';

type Q = Kysely<Database> | Transaction<Database>;

// A plan as the code handles it: everything but its source text, the document it was imported from
// (up to a megabyte), which only a revision copies and only GET /api/plans/:id/source answers
// (findPlanSourceText).
export type PlanWithRegion = Omit<PlanRow, 'source_text'> & {
  region_name: string;
  region_path: string;
  region_level: string;
  region_parent: string | null;
  item_count: number;
};

/**
 * Which plans a reader may see, as data: everything, the plans of a region subtree (any status), and
 * the published plans of some regions (the reader's own region and its ancestors).
 */
export interface PlanVisibility {
  all: boolean;
  underPath: string | null;
  publishedRegionCodes: string[];
  // underPath's descendants as a LIKE pattern; worked out from underPath when not given.
  underPattern?: string | null;
}

// The pattern given as a value of its own, so a query prepared once (db/prepared.ts) takes it as a value.
function withSubtreePattern(v: PlanVisibility): PlanVisibility {
  return { ...v, underPattern: v.underPath ? `${v.underPath}/%` : null };
}

type PlanEb = ExpressionBuilder<Database & { r: Database['regions'] }, 'plans' | 'r'>;

export function visibleWhere(eb: PlanEb, v: PlanVisibility) {
  if (v.all) return eb.lit(true);
  const ors = [];
  if (v.underPath) {
    ors.push(eb('r.path', '=', v.underPath), eb('r.path', 'like', v.underPattern ?? `${v.underPath}/%`));
  }
  // Written as comparisons, not IN lists: SQLite fills a temporary index for each IN list on every run of
  // the statement, which cost the plans list a third of its query time (docs/decisions/request-path.md).
  // `<> 'draft'` is the in-memory rule (canSeePlan): a published or repealed plan.
  if (v.publishedRegionCodes.length) {
    ors.push(
      eb.and([
        eb('plans.status', '<>', 'draft'),
        eb.or(v.publishedRegionCodes.map((code) => eb('plans.region_code', '=', code))),
      ]),
    );
  }
  return ors.length ? eb.or(ors) : eb.lit(false);
}

// A list row: everything but the source text and outline metadata, which can be large and a list never
// shows (reading them doubled the cost of a page).
export type PlanSummaryRow = Omit<PlanWithRegion, 'outline_meta'>;
const SUMMARY_COLUMNS = [
  'plans.id',
  'plans.region_code',
  'plans.year',
  'plans.title',
  'plans.status',
  'plans.version',
  'plans.created_by',
  'plans.created_at',
  'plans.updated_at',
  'plans.published_at',
  'plans.published_by',
  'plans.revision_of',
  'plans.notice',
] as const;

function plansWithRegion(db: Q) {
  return plansWithRegionColumns(db).select([...SUMMARY_COLUMNS, 'plans.outline_meta']);
}

/** The text of the document a plan was imported from ('' when it was typed in). */
export async function findPlanSourceText(db: Q, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('plans').select('source_text').where('id', '=', id).executeTakeFirst();
  return row?.source_text;
}

function plansWithRegionColumns(db: Q) {
  return db
    .selectFrom('plans')
    .innerJoin('regions as r', 'r.code', 'plans.region_code')
    .select((eb) => [
      'r.name as region_name',
      'r.path as region_path',
      'r.level as region_level',
      'r.parent_code as region_parent',
      eb
        .selectFrom('plan_items')
        .whereRef('plan_items.plan_id', '=', 'plans.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('item_count'),
    ]);
}

function normalise<T extends { item_count: number }>(row: T): T {
  return { ...row, item_count: Number(row.item_count ?? 0) };
}

export async function findPlanById(db: Q, id: number): Promise<PlanWithRegion | undefined> {
  const row = await plansWithRegion(db).where('plans.id', '=', id).executeTakeFirst();
  return row && normalise(row as PlanWithRegion);
}

const byIdQueries = new WeakMap<Db, (id: unknown) => Promise<unknown[]>>();

/**
 * findPlanById outside a transaction, as a statement built and compiled once (db/prepared.ts): the
 * data-scope guard reads the plan on every request keyed by a plan id, and building the query cost more
 * than running it.
 */
export async function findPlanByIdPrepared(db: Db, id: number): Promise<PlanWithRegion | undefined> {
  let query = byIdQueries.get(db);
  if (!query)
    byIdQueries.set(
      db,
      (query = preparedQuery(db, 1, (planId) =>
        plansWithRegion(db.kysely).where('plans.id', '=', planId as never),
      )),
    );
  const [row] = await query(id);
  return row === undefined ? undefined : normalise(row as PlanWithRegion);
}

export interface PlanListFilter {
  visibility: PlanVisibility;
  regionCode?: string | undefined;
  regionCodes?: string[] | undefined;
  year?: number | undefined;
  status?: PlanRow['status'] | undefined;
  // Keyset: (year desc, id desc) strictly after this key.
  after?: { year: number; id: number } | undefined;
  limit: number;
}

// Built and compiled once per combination of filters (db/prepared.ts): building the filtered query with
// Kysely on every request cost more than running it.
function buildListQuery(db: Kysely<Database>, f: PlanListFilter) {
  let q = plansWithRegionColumns(db)
    .select(SUMMARY_COLUMNS)
    .where((eb) => visibleWhere(eb, f.visibility));
  if (f.regionCode) q = q.where('plans.region_code', '=', f.regionCode);
  if (f.regionCodes) q = q.where('plans.region_code', 'in', f.regionCodes.length ? f.regionCodes : ['-']);
  if (f.year !== undefined) q = q.where('plans.year', '=', f.year);
  if (f.status) q = q.where('plans.status', '=', f.status);
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('plans.year', '<', after.year),
        eb.and([eb('plans.year', '=', after.year), eb('plans.id', '<', after.id)]),
      ]),
    );
  }
  return q.orderBy('plans.year', 'desc').orderBy('plans.id', 'desc').limit(f.limit);
}

const listQueries = new WeakMap<Db, (f: PlanListFilter) => Promise<unknown[]>>();

export async function listPlans(db: Db, f: PlanListFilter): Promise<PlanSummaryRow[]> {
  let query = listQueries.get(db);
  if (!query) listQueries.set(db, (query = preparedByShape(db, (shape) => buildListQuery(db.kysely, shape))));
  const rows = await query({ ...f, visibility: withSubtreePattern(f.visibility) });
  return rows.map((r) => normalise(r as PlanSummaryRow));
}

export function findPublishedPlanOf(db: Q, regionCode: string, year: number, exceptId = -1) {
  return db
    .selectFrom('plans')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('year', '=', year)
    .where('status', '=', 'published')
    .where('id', '!=', exceptId)
    .executeTakeFirst();
}

export async function insertPlan(trx: Q, row: Insertable<PlanTable>): Promise<number> {
  const inserted = await trx.insertInto('plans').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Updates a plan at the expected version and moves it to the next; undefined when the version is stale. */
export async function updatePlanAtVersion(
  trx: Q,
  id: number,
  version: number,
  changes: Updateable<PlanTable>,
): Promise<PlanRow | undefined> {
  return trx
    .updateTable('plans')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Sets fields of a plan whose version the caller has already moved on; returns the row. */
export function updatePlanFields(trx: Q, id: number, changes: Updateable<PlanTable>): Promise<PlanRow> {
  return trx.updateTable('plans').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function findPlanIdOf(db: Q, regionCode: string, year: number) {
  return db
    .selectFrom('plans')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function insertPlanVersion(trx: Q, row: PlanVersionRow): Promise<void> {
  await trx.insertInto('plan_versions').values(row).execute();
}

/** A page of a plan's versions, newest first: those numbered below `beforeNo`, at most `limit`. */
export function listPlanVersions(
  db: Q,
  planId: number,
  page: { beforeNo?: number | undefined; limit: number },
) {
  let q = db
    .selectFrom('plan_versions')
    .leftJoin('users', 'users.id', 'plan_versions.created_by')
    .select([
      'plan_versions.version_no',
      'plan_versions.action',
      'plan_versions.title',
      'plan_versions.status',
      'plan_versions.item_count',
      'plan_versions.created_at',
      'users.display_name as created_by_name',
    ])
    .where('plan_versions.plan_id', '=', planId);
  if (page.beforeNo !== undefined) q = q.where('plan_versions.version_no', '<', page.beforeNo);
  return q.orderBy('plan_versions.version_no', 'desc').limit(page.limit).execute();
}

export function findPlanVersion(db: Q, planId: number, no: number): Promise<PlanVersionRow | undefined> {
  return db
    .selectFrom('plan_versions')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('version_no', '=', no)
    .executeTakeFirst();
}

export function findRegionPath(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path', 'level', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function findUnitRegionCode(db: Q, unitId: number): Promise<string | undefined> {
  const row = await db.selectFrom('units').select('region_code').where('id', '=', unitId).executeTakeFirst();
  return row?.region_code;
}

/** The open draft revision (修订稿) of a published plan, if any. */
export async function findRevisionOf(db: Q, planId: number): Promise<PlanWithRegion | undefined> {
  const row = await plansWithRegion(db).where('plans.revision_of', '=', planId).executeTakeFirst();
  return row && normalise(row as PlanWithRegion);
}

/** Deletes a plan with its items and versions (foreign keys cascade). */
export async function deletePlan(trx: Q, id: number): Promise<void> {
  await trx.deleteFrom('plans').where('id', '=', id).execute();
}

/** The codes of a region's direct children (the regions told when its plan changes). */
export async function listChildRegionCodes(db: Q, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', code)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** One version of a plan with the name of who made it. */
export function findPlanVersionWithAuthor(db: Q, planId: number, no: number) {
  return db
    .selectFrom('plan_versions')
    .leftJoin('users', 'users.id', 'plan_versions.created_by')
    .selectAll('plan_versions')
    .select('users.display_name as created_by_name')
    .where('plan_versions.plan_id', '=', planId)
    .where('plan_versions.version_no', '=', no)
    .executeTakeFirst();
}
