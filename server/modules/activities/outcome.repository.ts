// Kysely code of the outcomes (活动成效): rows with their event and names, follow-ups, status history, the
// task indicator an outcome counts toward, and the totals (summed here, in SQL, over the same filter as
// the outcome list, so a figure and the list it opens always agree).
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type {
  ActivityEventTable,
  ActivityOutcomeKind,
  ActivityOutcomeTable,
  Database,
} from '../../db/schema.ts';
import { fenToWan } from './activity.money.ts';
import { eventsInScope, subtree } from './activity.scope.ts';
import type { Totals } from './activity.schemas.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type OutcomeRow = Selectable<ActivityOutcomeTable>;
export type OutcomeWithEvent = OutcomeRow & {
  event_name: string;
  brand_id: number | null;
  year: number;
  plan_item_id: number | null;
  owner_region_path: string;
  organiser_unit_id: number;
  co_organisers: string;
  region_name: string;
  responsible_unit_name: string | null;
};

const withEvent = (db: Q) =>
  db
    .selectFrom('activity_outcomes as o')
    .innerJoin('activity_events as e', 'e.id', 'o.event_id')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .leftJoin('units as u', 'u.id', 'o.responsible_unit_id')
    .selectAll('o')
    .select([
      'e.name as event_name',
      'e.brand_id',
      'e.year',
      'e.plan_item_id',
      'e.owner_region_path',
      'e.organiser_unit_id',
      'e.co_organisers',
      'r.name as region_name',
      'u.name as responsible_unit_name',
    ]);

export function findOutcome(db: Q, id: number): Promise<OutcomeWithEvent | undefined> {
  return withEvent(db).where('o.id', '=', id).executeTakeFirst();
}

export interface OutcomeFilter {
  brandId?: number | undefined;
  planItemId?: number | undefined;
  year?: number | undefined;
  regionPath?: string | undefined;
  kind?: ActivityOutcomeKind | undefined;
  eventId?: number | undefined;
}

type OutcomesFrom = ExpressionBuilder<
  Database & { o: ActivityOutcomeTable; e: ActivityEventTable },
  'o' | 'e'
>;

/** The filter on activity_outcomes as `o` joined to their events as `e` (ctx null: the system, unscoped). */
function outcomeWhere(ctx: RequestContext | null, f: OutcomeFilter) {
  const inScope = ctx ? eventsInScope(ctx) : null;
  return (eb: OutcomesFrom) => {
    const terms: Expression<SqlBool>[] = inScope ? [inScope(eb)] : [];
    if (f.brandId !== undefined) terms.push(eb('e.brand_id', '=', f.brandId));
    if (f.planItemId !== undefined) terms.push(eb('e.plan_item_id', '=', f.planItemId));
    if (f.year !== undefined) terms.push(eb('e.year', '=', f.year));
    if (f.kind !== undefined) terms.push(eb('o.kind', '=', f.kind));
    if (f.eventId !== undefined) terms.push(eb('o.event_id', '=', f.eventId));
    if (f.regionPath !== undefined) {
      const [own, below] = subtree(f.regionPath);
      terms.push(eb.or([eb('o.region_path', '=', own), eb('o.region_path', 'like', below)]));
    }
    return eb.and(terms);
  };
}

export function listOutcomes(db: Q, ctx: RequestContext | null, f: OutcomeFilter, limit: number) {
  return withEvent(db)
    .where(outcomeWhere(ctx, f))
    .orderBy('o.event_id', 'desc')
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

export const emptyTotals = (): Totals => ({
  events: 0,
  projects: 0,
  amountWan: '0',
  talents: 0,
  enterprisesIn: 0,
  enterprisesOut: 0,
  villages: 0,
  others: 0,
});

interface KindSum {
  kind: ActivityOutcomeKind;
  n: number;
  quantity: number;
  fen: number;
}

function addKind(t: Totals & { fen: number }, row: KindSum) {
  switch (row.kind) {
    case 'project':
      t.projects += row.n;
      t.fen += row.fen;
      break;
    case 'talents':
      t.talents += row.quantity;
      break;
    case 'enterprises_in':
      t.enterprisesIn += row.quantity;
      break;
    case 'enterprises_out':
      t.enterprisesOut += row.quantity;
      break;
    case 'villages':
      t.villages += row.quantity;
      break;
    case 'other':
      t.others += row.n;
      break;
  }
}

/**
 * The totals of the outcomes the filter selects, grouped by brand and year (one group when `grouped` is
 * false). `events` counts the events that have at least one outcome in the filter, or — without a region
 * or kind filter — every event of the filter (an event without outcomes yet still counts as held work).
 */
export async function sumOutcomes(db: Q, ctx: RequestContext | null, f: OutcomeFilter, grouped: boolean) {
  // The outcome and its event only: the names withEvent joins are not needed to add up, and the covering
  // indexes (events by year and scope, outcomes by event with kind and amounts) answer it without the rows.
  const sums = await db
    .selectFrom('activity_outcomes as o')
    .innerJoin('activity_events as e', 'e.id', 'o.event_id')
    .where(outcomeWhere(ctx, f))
    .select([
      'e.brand_id',
      'e.year',
      'o.kind',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`cast(coalesce(sum(o.quantity), 0) as bigint)`.as('quantity'),
      sql<number>`cast(coalesce(sum(o.amount_fen), 0) as bigint)`.as('fen'),
    ])
    .groupBy(['e.brand_id', 'e.year', 'o.kind'])
    .execute();
  let events = db
    .selectFrom('activity_events as e')
    .select(['e.brand_id', 'e.year', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['e.brand_id', 'e.year']);
  if (ctx) events = events.where(eventsInScope(ctx));
  if (f.brandId !== undefined) events = events.where('e.brand_id', '=', f.brandId);
  if (f.planItemId !== undefined) events = events.where('e.plan_item_id', '=', f.planItemId);
  if (f.year !== undefined) events = events.where('e.year', '=', f.year);
  if (f.eventId !== undefined) events = events.where('e.id', '=', f.eventId);
  if (f.regionPath !== undefined) {
    const [own, below] = subtree(f.regionPath);
    events = events.where((eb) =>
      eb.or([eb('e.place_region_path', '=', own), eb('e.place_region_path', 'like', below)]),
    );
  }
  const eventRows = await events.execute();
  const groups = new Map<string, Totals & { fen: number; brandId: number | null; year: number }>();
  const group = (brandId: number | null, year: number) => {
    const key = grouped ? `${brandId}|${year}` : '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...emptyTotals(), fen: 0, brandId, year }));
    return g;
  };
  for (const r of sums)
    addKind(group(r.brand_id, r.year), {
      kind: r.kind,
      n: Number(r.n),
      quantity: Number(r.quantity),
      fen: Number(r.fen),
    });
  for (const r of eventRows) group(r.brand_id, r.year).events += Number(r.n);
  return [...groups.values()].map(({ fen, brandId, year, ...t }) => ({
    brandId,
    year,
    totals: { ...t, amountWan: fenToWan(fen) },
  }));
}

export async function insertOutcome(trx: Q, row: Omit<OutcomeRow, 'id' | 'version'>): Promise<number> {
  const { id } = await trx
    .insertInto('activity_outcomes')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateOutcome(
  trx: Q,
  id: number,
  version: number,
  change: Partial<Omit<OutcomeRow, 'id' | 'version' | 'event_id' | 'kind' | 'created_by' | 'created_at'>> & {
    updated_at: string;
  },
): Promise<boolean> {
  const res = await trx
    .updateTable('activity_outcomes')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteOutcome(trx: Q, id: number, version: number): Promise<boolean> {
  const res = await trx
    .deleteFrom('activity_outcomes')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export function listFollowups(db: Q, outcomeIds: readonly number[]) {
  if (!outcomeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('activity_followups')
    .selectAll()
    .where('outcome_id', 'in', outcomeIds)
    .orderBy('due_date')
    .execute();
}

/**
 * Sets a project's follow-up dates to exactly `list` (one per kind). A kind kept is updated in place, so
 * its id, which the reminder ladder's ledger names, stays: a step already sent for a date is not sent again.
 */
export async function replaceFollowups(
  trx: Q,
  outcomeId: number,
  list: readonly {
    kind: 'start' | 'production' | 'funding';
    dueDate: string;
    doneOn?: string | null | undefined;
  }[],
) {
  const kinds = list.map((f) => f.kind);
  let gone = trx.deleteFrom('activity_followups').where('outcome_id', '=', outcomeId);
  if (kinds.length) gone = gone.where('kind', 'not in', kinds);
  await gone.execute();
  for (const f of list) {
    const change = { due_date: f.dueDate, done_on: f.doneOn ?? null };
    const res = await trx
      .updateTable('activity_followups')
      .set(change)
      .where('outcome_id', '=', outcomeId)
      .where('kind', '=', f.kind)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      await trx
        .insertInto('activity_followups')
        .values({ outcome_id: outcomeId, kind: f.kind, ...change })
        .execute();
  }
}

export function listHistory(db: Q, outcomeIds: readonly number[]) {
  if (!outcomeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('activity_project_history')
    .selectAll()
    .where('outcome_id', 'in', outcomeIds)
    .orderBy('id')
    .execute();
}

export function insertHistory(
  trx: Q,
  row: { outcome_id: number; at: string; status: string; note: string; actor_name: string | null },
) {
  return trx.insertInto('activity_project_history').values(row).execute();
}

/** A task indicator with its task and measure unit. */
export function findIndicator(db: Q, id: number) {
  return db
    .selectFrom('task_indicators')
    .select(['id', 'task_id', 'name', 'measure_unit', 'actual'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Moves an indicator's actual by `delta` (an outcome counted, changed or taken back). The tasks module's
 * next report starts from this actual, so the unit reports the outcome once (docs/decisions/activity-indicators.md).
 */
export async function moveIndicator(trx: Q, id: number, delta: number) {
  if (delta === 0) return;
  // One statement, so two outcomes counted at once on PostgreSQL both land.
  await trx
    .updateTable('task_indicators')
    .set({ actual: sql<number>`coalesce(actual, 0) + ${delta}` })
    .where('id', '=', id)
    .execute();
}
