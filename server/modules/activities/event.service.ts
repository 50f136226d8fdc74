// Events (活动): listed under the reader's scope, shown with their timeline, checklist, outcomes, evidence
// and the indicators of their task, created by an organiser unit or its region's staff and edited while
// open (If-Match). The lifecycle is in event.lifecycle.ts, the preparation checklist in checklist.service.ts.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import { isRowId } from '../../core/http/row-id.ts';
import { immutable } from '../../core/immutable.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import type { Database } from '../../db/schema.ts';
import { attachTo, listFor } from '../attachments/index.ts';
import { eventScopeOf, mayEditEvent } from './activity.scope.ts';
import { coOrganisersOf } from './activity.policy.ts';
import {
  EVENT_STATES,
  NEXT_STATES,
  STATE_LABELS,
  participantsSchema,
  type EventInput,
  type EventListQuery,
} from './activity.schemas.ts';
import { findUnits } from './brand.repository.ts';
import { fieldLabels, resolveFields } from './event.fields.ts';
import {
  countOutcomesOnIndicators,
  findEvent,
  findPlanItemHeading,
  findTask,
  insertEvent,
  countEventsByState,
  insertLog,
  listChecklist,
  listEventPage,
  listLog,
  listTaskIndicators,
  updateEvent,
  type EventFilter,
  type EventPosition,
  type EventSummaryRow,
  type EventWithNames,
} from './event.repository.ts';
import { presentOutcomes } from './outcome.service.ts';
import { listOutcomes } from './outcome.repository.ts';
import { regionFilter, totalsOf } from './activity.totals.ts';

type Trx = Transaction<Database>;

function summaryOf(e: EventSummaryRow) {
  return {
    id: e.id,
    name: e.name,
    brandId: e.brand_id,
    brandName: e.brand_name,
    year: e.year,
    startDate: e.start_date,
    endDate: e.end_date,
    placeRegionCode: e.place_region_code,
    placeRegionName: e.place_region_name,
    organiserUnitId: e.organiser_unit_id,
    organiserUnitName: e.organiser_unit_name,
    state: e.state,
    stateLabel: STATE_LABELS[e.state],
    version: e.version,
  };
}

/**
 * A page of the reader's events under the filter, with the counts per state. Kept in the read cache while
 * nothing at all is written (db/read-cache.ts: any write anywhere drops it; PostgreSQL keeps nothing), by
 * everything the page is read from: the reader's scope, the filter (the region as its path) and the paging.
 * Nothing in it comes from the clock. docs/decisions/activity-list-speed.md.
 */
export async function listEventsFor(s: Services, ctx: RequestContext, q: EventListQuery) {
  const { regionCode, limit, cursor, ...rest } = q;
  const f: EventFilter = { ...rest, regionPath: await regionFilter(s, ctx, regionCode) };
  const after = positionOf(cursor);
  const key = JSON.stringify([eventScopeOf(ctx), f, after ?? null, limit]);
  return readCache<Readonly<EventPage>>(s.db, 'activity event pages', 500).get(key, async () =>
    // Shared by every request that hits it: frozen, and written to JSON once (core/immutable.ts).
    immutable(await eventPage(s, ctx, f, after, limit)),
  );
}

type EventPage = Awaited<ReturnType<typeof eventPage>>;

async function eventPage(
  s: Services,
  ctx: RequestContext,
  f: EventFilter,
  after: EventPosition | undefined,
  limit: number,
) {
  const [rows, counts] = await Promise.all([
    listEventPage(s.db.kysely, ctx, f, { after, limit }),
    countEventsByState(s.db.kysely, ctx, f),
  ]);
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    ...pageOf(rows, limit, (e) => `${e.start_date}:${e.id}`, summaryOf),
    total: f.state ? (counts[f.state] ?? 0) : all,
    counts: Object.fromEntries(EVENT_STATES.map((st) => [st, counts[st] ?? 0])),
  };
}

/** The position a cursor names (the last row's start date and id); a cursor not made here is refused. */
function positionOf(cursor: string | undefined): EventPosition | undefined {
  const text = decodeCursor<string>(cursor, 'string');
  if (text === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}):(\d{1,15})$/.exec(text);
  if (!m || !isRowId(Number(m[2]))) throw appError('VALIDATION_FAILED', '分页游标无效');
  return { startDate: m[1]!, id: Number(m[2]) };
}

export async function rereadEvent(s: Services, id: number, trx?: Trx) {
  const row = await findEvent(trx ?? s.db.kysely, id);
  if (!row) throw appError('ACTIVITY_EVENT_NOT_FOUND');
  return row;
}

export async function eventDetail(s: Services, ctx: RequestContext, e: EventWithNames) {
  const co = coOrganisersOf(e.co_organisers);
  const [coUnits, log, checklist, outcomes, attachments, item, task, totals, indicators] = await Promise.all([
    findUnits(s.db.kysely, co),
    listLog(s.db.kysely, e.id),
    listChecklist(s.db.kysely, e.id),
    listOutcomes(s.db.kysely, null, { eventId: e.id }, 500),
    listFor(s, { type: 'activity_event', id: e.id }),
    e.plan_item_id ? findPlanItemHeading(s.db.kysely, e.plan_item_id) : undefined,
    e.task_id ? findTask(s.db.kysely, e.task_id) : undefined,
    totalsOf(s, null, { eventId: e.id }),
    e.task_id ? listTaskIndicators(s.db.kysely, e.task_id) : [],
  ]);
  const participants = participantsSchema.parse(JSON.parse(e.participants));
  const canEdit = mayEditEvent(ctx, { ...e, co_organisers: co });
  return {
    ...summaryOf(e),
    planItemId: e.plan_item_id,
    planItemHeading: item?.heading ?? null,
    taskId: e.task_id,
    taskTitle: task?.title ?? null,
    // The indicators an outcome may count toward (docs/decisions/activity-indicators.md).
    taskIndicators: indicators.map((i) => ({ id: i.id, name: i.name, measureUnit: i.measure_unit })),
    address: e.address,
    coOrganisers: co.map((id) => ({ id, name: coUnits.find((u) => u.id === id)?.name ?? '' })),
    participants,
    participantTotal: participants.reduce((a, p) => a + p.count, 0),
    agenda: e.agenda,
    summary: e.summary,
    review: e.review,
    canEdit,
    next: canEdit ? NEXT_STATES[e.state] : [],
    timeline: log.map((l) => ({
      at: l.at,
      actorName: l.actor_name,
      action: l.action,
      fromState: l.from_state,
      toState: l.to_state,
      note: l.note,
    })),
    checklist: checklist.map((c) => ({
      id: c.id,
      title: c.title,
      ownerUnitId: c.owner_unit_id,
      ownerUnitName: c.owner_unit_name,
      dueDate: c.due_date,
      doneOn: c.done_on,
    })),
    outcomes: await presentOutcomes(s, outcomes),
    totals,
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.fileName, size: a.size, mime: a.mime })),
  };
}

export function requireEditable(ctx: RequestContext, e: EventWithNames) {
  if (!mayEditEvent(ctx, { ...e, co_organisers: coOrganisersOf(e.co_organisers) }))
    throw appError('ACTIVITY_NOT_ORGANISER');
}

export const actorOf = (ctx: RequestContext) => ({
  actor_id: ctx.actor?.userId ?? null,
  actor_name: ctx.actor?.displayName ?? null,
});

export async function createEvent(
  s: Services,
  ctx: RequestContext,
  input: EventInput & {
    name: string;
    startDate: string;
    endDate: string;
    placeRegionCode: string;
    organiserUnitId: number;
  },
) {
  const fields = await resolveFields(s, ctx, { coOrganiserIds: [], participants: [], ...input });
  const stamp = toTimestamp(s.clock.now());
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const newId = await insertEvent(trx, {
      brand_id: null,
      plan_item_id: null,
      task_id: null,
      address: '',
      agenda: '',
      summary: '',
      review: '',
      ...(fields as Record<string, never>),
      name: input.name,
      year: Number(input.startDate.slice(0, 4)),
      start_date: input.startDate,
      end_date: input.endDate,
      state: 'planned',
      created_by: ctx.actor?.userId ?? null,
      created_at: stamp,
      updated_at: stamp,
    } as Parameters<typeof insertEvent>[1]);
    await insertLog(trx, {
      event_id: newId,
      at: stamp,
      ...actorOf(ctx),
      action: 'create',
      to_state: 'planned',
    });
    if (input.attachmentIds?.length)
      await attachTo(s, trx, ctx, input.attachmentIds, { type: 'activity_event', id: newId });
    await s.audit.record(trx, ctx, {
      action: 'activity_event.create',
      objectType: 'activity_event',
      objectId: newId,
      after: { name: input.name, brandId: fields.brand_id ?? null, organiserUnitId: input.organiserUnitId },
    });
    return newId;
  });
  return eventDetail(s, ctx, await rereadEvent(s, id));
}

export async function updateEventFields(
  s: Services,
  ctx: RequestContext,
  record: EventWithNames,
  version: number,
  input: EventInput,
) {
  requireEditable(ctx, record);
  // Evidence (photos, clippings) may still come in after the event closes; its fields may not change.
  if (record.state === 'closed' && Object.keys(input).some((k) => k !== 'attachmentIds'))
    throw appError('ACTIVITY_STATE', '活动已结束，不能再修改（仍可补充附件）');
  const fields = await resolveFields(s, ctx, input, record);
  // An outcome counted toward the old task's indicator would be left on a task the event no longer has.
  if (
    input.taskId !== undefined &&
    input.taskId !== record.task_id &&
    (await countOutcomesOnIndicators(s.db.kysely, record.id)) > 0
  )
    throw appError(
      'ACTIVITY_INVALID',
      '已有成效计入原任务的指标；请先在这些成效中取消“计入指标”，再更换任务',
      { field: 'taskId' },
    );
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await updateEvent(trx, record.id, version, { ...fields, updated_at: stamp })))
      throw appError('VERSION_CONFLICT');
    const files = input.attachmentIds?.length
      ? await attachTo(s, trx, ctx, input.attachmentIds, { type: 'activity_event', id: record.id })
      : [];
    const changed = fieldLabels(Object.keys(input).filter((k) => k !== 'attachmentIds'));
    if (files.length) changed.push(`附件 ${files.map((f) => f.fileName).join('、')}`);
    await insertLog(trx, {
      event_id: record.id,
      at: stamp,
      ...actorOf(ctx),
      action: files.length && changed.length === 1 ? 'evidence_add' : 'update',
      note: changed.join('、'),
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_event.update',
      objectType: 'activity_event',
      objectId: record.id,
      note: { fields: Object.keys(input) },
    });
  });
  return eventDetail(s, ctx, await rereadEvent(s, record.id));
}
