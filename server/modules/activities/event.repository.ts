// Kysely code of the events (活动): rows with the names a page shows, the timeline and the checklist.
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool, Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { ActivityEventTable, ActivityState, Database } from '../../db/schema.ts';
import { likeContains } from '../../db/like.ts';
import { eventsInScope, subtree } from './activity.scope.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type EventRow = Selectable<ActivityEventTable>;
export type EventWithNames = EventRow & {
  brand_name: string | null;
  place_region_name: string;
  organiser_unit_name: string;
};

const withNames = (db: Q) =>
  db
    .selectFrom('activity_events as e')
    .leftJoin('activity_brands as b', 'b.id', 'e.brand_id')
    .innerJoin('regions as r', 'r.code', 'e.place_region_code')
    .innerJoin('units as u', 'u.id', 'e.organiser_unit_id')
    .selectAll('e')
    .select(['b.name as brand_name', 'r.name as place_region_name', 'u.name as organiser_unit_name']);

export function findEvent(db: Q, id: number): Promise<EventWithNames | undefined> {
  return withNames(db).where('e.id', '=', id).executeTakeFirst();
}

export interface EventFilter {
  brandId?: number | undefined;
  planItemId?: number | undefined;
  state?: ActivityState | undefined;
  year?: number | undefined;
  regionPath?: string | undefined;
  q?: string | undefined;
}

type EventsFrom = ExpressionBuilder<Database & { e: ActivityEventTable }, 'e'>;

/** The filter on activity_events as `e`, the state aside (the counts per state ignore it): scope and query. */
function eventWhere(ctx: RequestContext, f: Omit<EventFilter, 'state'>) {
  const inScope = eventsInScope(ctx);
  return (eb: EventsFrom) => {
    const terms: Expression<SqlBool>[] = [inScope(eb)];
    if (f.brandId !== undefined) terms.push(eb('e.brand_id', '=', f.brandId));
    if (f.planItemId !== undefined) terms.push(eb('e.plan_item_id', '=', f.planItemId));
    if (f.year !== undefined) terms.push(eb('e.year', '=', f.year));
    if (f.regionPath !== undefined) {
      const [own, below] = subtree(f.regionPath);
      terms.push(eb.or([eb('e.place_region_path', '=', own), eb('e.place_region_path', 'like', below)]));
    }
    if (f.q) terms.push(likeContains('e.name', f.q));
    return eb.and(terms);
  };
}

/** Where a page of the list starts: after the last row of the previous page (start date, then id). */
export interface EventPosition {
  startDate: string;
  id: number;
}

/**
 * A page of the filter's events, newest first (start date, then id), with only the columns a list row
 * shows: `limit + 1` rows, the extra one telling whether another page follows.
 */
export function listEventPage(
  db: Q,
  ctx: RequestContext,
  f: EventFilter,
  page: { after: EventPosition | undefined; limit: number },
) {
  let q = db
    .selectFrom('activity_events as e')
    .leftJoin('activity_brands as b', 'b.id', 'e.brand_id')
    .innerJoin('regions as r', 'r.code', 'e.place_region_code')
    .innerJoin('units as u', 'u.id', 'e.organiser_unit_id')
    .select([
      'e.id',
      'e.name',
      'e.brand_id',
      'e.year',
      'e.start_date',
      'e.end_date',
      'e.place_region_code',
      'e.organiser_unit_id',
      'e.state',
      'e.version',
      'b.name as brand_name',
      'r.name as place_region_name',
      'u.name as organiser_unit_name',
    ])
    .where(eventWhere(ctx, f));
  if (f.state) q = q.where('e.state', '=', f.state);
  const after = page.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('e.start_date', '<', after.startDate),
        eb.and([eb('e.start_date', '=', after.startDate), eb('e.id', '<', after.id)]),
      ]),
    );
  return q
    .orderBy('e.start_date', 'desc')
    .orderBy('e.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}
export type EventSummaryRow = Awaited<ReturnType<typeof listEventPage>>[number];

/** The filter's events per state (the state filter aside), read from the events alone. */
export async function countEventsByState(db: Q, ctx: RequestContext, f: EventFilter) {
  const rows = await db
    .selectFrom('activity_events as e')
    .select(['e.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where(eventWhere(ctx, f))
    .groupBy('e.state')
    .execute();
  return Object.fromEntries(rows.map((c) => [c.state, Number(c.n)])) as Record<string, number>;
}

export async function insertEvent(trx: Q, row: Omit<EventRow, 'id' | 'version'>): Promise<number> {
  const { id } = await trx
    .insertInto('activity_events')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateEvent(
  trx: Q,
  id: number,
  version: number,
  change: Partial<Omit<EventRow, 'id' | 'version' | 'created_by' | 'created_at'>> & { updated_at: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('activity_events')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function insertLog(
  trx: Q,
  row: {
    event_id: number;
    at: string;
    actor_id: number | null;
    actor_name: string | null;
    action: string;
    from_state?: string | null;
    to_state?: string | null;
    note?: string;
  },
) {
  return trx.insertInto('activity_event_log').values(row).execute();
}

export function listLog(db: Q, eventId: number) {
  return db
    .selectFrom('activity_event_log')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
}

export function listChecklist(db: Q, eventId: number) {
  return db
    .selectFrom('activity_checklist_items as c')
    .innerJoin('units as u', 'u.id', 'c.owner_unit_id')
    .selectAll('c')
    .select('u.name as owner_unit_name')
    .where('c.event_id', '=', eventId)
    .orderBy('c.due_date')
    .orderBy('c.id')
    .execute();
}

export async function insertChecklistItem(
  trx: Q,
  row: { event_id: number; title: string; owner_unit_id: number; due_date: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('activity_checklist_items')
    .values({ ...row, done_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function findChecklistItem(db: Q, eventId: number, id: number) {
  return db
    .selectFrom('activity_checklist_items')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function setChecklistDone(trx: Q, id: number, doneOn: string | null) {
  return trx.updateTable('activity_checklist_items').set({ done_on: doneOn }).where('id', '=', id).execute();
}

export function findTask(db: Q, id: number) {
  return db
    .selectFrom('tasks')
    .select(['id', 'title', 'region_path', 'manager_region_path', 'lead_unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findPlanItemHeading(db: Q, id: number) {
  return db.selectFrom('plan_items').select(['id', 'heading']).where('id', '=', id).executeTakeFirst();
}

/** The indicators of a task, for the picker of the indicator an outcome counts toward. */
export function listTaskIndicators(db: Q, taskId: number) {
  return db
    .selectFrom('task_indicators')
    .select(['id', 'name', 'measure_unit'])
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
}

/** How many of an event's outcomes count toward a task indicator. */
export async function countOutcomesOnIndicators(db: Q, eventId: number): Promise<number> {
  const row = await db
    .selectFrom('activity_outcomes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('task_indicator_id', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
