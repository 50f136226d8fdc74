// Events (活动): created by an organiser unit or its region's staff, edited while open, moved through
// planned → preparing → held → reviewed → closed (each step an audited transition on the timeline), with
// a preparation checklist whose items have an owner unit and a due date (activity.reminders.ts).
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { ActivityState, Database } from '../../db/schema.ts';
import { attachTo, listFor } from '../attachments/index.ts';
import { shanghaiDate } from '../tasks/index.ts';
import { brandInScope, eventScopeOf, mayEditEvent } from './activity.scope.ts';
import { coOrganisersOf } from './activity.policy.ts';
import { EVENT_STATES, STATE_LABELS, participantsSchema, type EventInput } from './activity.schemas.ts';
import { brandLinks, findBrand, findPlanItems, findRegion, findUnits } from './brand.repository.ts';
import {
  findChecklistItem,
  findEvent,
  findPlanItemHeading,
  findTask,
  insertChecklistItem,
  insertEvent,
  insertLog,
  listChecklist,
  listEvents,
  listLog,
  setChecklistDone,
  updateEvent,
  type EventFilter,
  type EventWithNames,
} from './event.repository.ts';
import { presentOutcomes } from './outcome.service.ts';
import { listOutcomes } from './outcome.repository.ts';
import { regionFilter, totalsOf } from './activity.totals.ts';

const LIST_LIMIT = 300;
type Trx = Transaction<Database>;

const NEXT: Record<ActivityState, ActivityState[]> = {
  planned: ['preparing'],
  preparing: ['held'],
  held: ['reviewed'],
  reviewed: ['closed'],
  closed: [],
};

const invalid = (message: string, field?: string) =>
  appError('ACTIVITY_INVALID', message, field ? { field } : undefined);

function summaryOf(e: EventWithNames) {
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

export async function listEventsFor(
  s: Services,
  ctx: RequestContext,
  q: Omit<EventFilter, 'regionPath'> & { regionCode?: string | undefined },
) {
  const { regionCode, ...rest } = q;
  const f: EventFilter = { ...rest, regionPath: await regionFilter(s, ctx, regionCode) };
  const { items, counts } = await listEvents(s.db.kysely, ctx, f, LIST_LIMIT);
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    items: items.map(summaryOf),
    total: q.state ? (counts[q.state] ?? 0) : all,
    counts: Object.fromEntries(EVENT_STATES.map((st) => [st, counts[st] ?? 0])),
  };
}

async function reread(s: Services, id: number, trx?: Trx) {
  const row = await findEvent(trx ?? s.db.kysely, id);
  if (!row) throw appError('ACTIVITY_EVENT_NOT_FOUND');
  return row;
}

export async function eventDetail(s: Services, ctx: RequestContext, e: EventWithNames) {
  const co = coOrganisersOf(e.co_organisers);
  const [coUnits, log, checklist, outcomes, attachments, item, task, totals] = await Promise.all([
    findUnits(s.db.kysely, co),
    listLog(s.db.kysely, e.id),
    listChecklist(s.db.kysely, e.id),
    listOutcomes(s.db.kysely, null, { eventId: e.id }, 500),
    listFor(s, { type: 'activity_event', id: e.id }),
    e.plan_item_id ? findPlanItemHeading(s.db.kysely, e.plan_item_id) : undefined,
    e.task_id ? findTask(s.db.kysely, e.task_id) : undefined,
    totalsOf(s, null, { eventId: e.id }),
  ]);
  const participants = participantsSchema.parse(JSON.parse(e.participants));
  const canEdit = mayEditEvent(ctx, { ...e, co_organisers: co });
  return {
    ...summaryOf(e),
    planItemId: e.plan_item_id,
    planItemHeading: item?.heading ?? null,
    taskId: e.task_id,
    taskTitle: task?.title ?? null,
    address: e.address,
    coOrganisers: co.map((id) => ({ id, name: coUnits.find((u) => u.id === id)?.name ?? '' })),
    participants,
    participantTotal: participants.reduce((a, p) => a + p.count, 0),
    agenda: e.agenda,
    summary: e.summary,
    review: e.review,
    canEdit,
    next: canEdit ? NEXT[e.state] : [],
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

/** Checks the references of an event's fields and works out the stored columns. */
async function resolveFields(s: Services, ctx: RequestContext, input: EventInput, current?: EventWithNames) {
  const db = s.db.kysely;
  const actor = ctx.actor!;
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  for (const k of ['address', 'agenda', 'summary'] as const) if (input[k] !== undefined) out[k] = input[k];
  const start = input.startDate ?? current?.start_date;
  const end = input.endDate ?? current?.end_date;
  if (start && end && end < start) throw invalid('结束日期不能早于开始日期', 'endDate');
  if (input.startDate !== undefined) {
    out.start_date = input.startDate;
    out.year = Number(input.startDate.slice(0, 4));
  }
  if (input.endDate !== undefined) out.end_date = input.endDate;
  if (input.placeRegionCode !== undefined) {
    const region = await findRegion(db, input.placeRegionCode);
    if (!region) throw invalid('活动地点的行政区划不存在', 'placeRegionCode');
    out.place_region_code = region.code;
    out.place_region_path = region.path;
  }
  if (input.organiserUnitId !== undefined) {
    const [unit] = await findUnits(db, [input.organiserUnitId]);
    if (!unit) throw invalid('主办单位不存在', 'organiserUnitId');
    const scope = eventScopeOf(ctx);
    const allowed =
      scope.kind === 'all' ||
      (scope.kind === 'region' && isInSubtree(unit.region_path, scope.path)) ||
      (scope.kind === 'unit' && unit.id === scope.unitId);
    if (!allowed) throw invalid('只能以本单位（或本地区及以下的单位）作为主办单位', 'organiserUnitId');
    out.organiser_unit_id = unit.id;
    out.owner_region_path = unit.region_path;
  }
  if (input.coOrganiserIds !== undefined) {
    const units = await findUnits(db, input.coOrganiserIds);
    if (units.length !== new Set(input.coOrganiserIds).size)
      throw invalid('协办单位不存在', 'coOrganiserIds');
    out.co_organisers = JSON.stringify([...new Set(input.coOrganiserIds)]);
  }
  if (input.participants !== undefined) out.participants = JSON.stringify(input.participants);
  if (input.brandId !== undefined) {
    if (input.brandId !== null) {
      const brand = await findBrand(db, input.brandId);
      if (!brand || !brandInScope(ctx, brand.region_path)) throw invalid('品牌活动不存在', 'brandId');
      // An event of a brand tied to exactly one plan item counts toward it unless another is named.
      if (input.planItemId === undefined && !current?.plan_item_id) {
        const { items } = await brandLinks(db, [brand.id]);
        if (items.length === 1) out.plan_item_id = items[0]!.id;
      }
    }
    out.brand_id = input.brandId;
  }
  if (input.planItemId !== undefined) {
    if (input.planItemId !== null && !(await findPlanItems(db, [input.planItemId])).length)
      throw invalid('工作要点条目不存在', 'planItemId');
    out.plan_item_id = input.planItemId;
  }
  if (input.taskId !== undefined) {
    if (input.taskId !== null) {
      const task = await findTask(db, input.taskId);
      const scope = actor.scope;
      const visible =
        task &&
        (scope.kind === 'all' ||
          (scope.kind === 'region' &&
            (isInSubtree(task.region_path, scope.regionPath) ||
              isInSubtree(task.manager_region_path, scope.regionPath))) ||
          (scope.kind === 'unit' && task.lead_unit_id === scope.unitId));
      if (!visible) throw invalid('任务不存在或不在您的范围内', 'taskId');
    }
    out.task_id = input.taskId;
  }
  return out;
}

function requireEditable(ctx: RequestContext, e: EventWithNames) {
  if (!mayEditEvent(ctx, { ...e, co_organisers: coOrganisersOf(e.co_organisers) }))
    throw appError('ACTIVITY_NOT_ORGANISER');
}

const actorOf = (ctx: RequestContext) => ({
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
  return eventDetail(s, ctx, await reread(s, id));
}

export async function updateEventFields(
  s: Services,
  ctx: RequestContext,
  record: EventWithNames,
  version: number,
  input: EventInput,
) {
  requireEditable(ctx, record);
  if (record.state === 'closed') throw appError('ACTIVITY_STATE', '活动已结束，不能再修改');
  const fields = await resolveFields(s, ctx, input, record);
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await updateEvent(trx, record.id, version, { ...fields, updated_at: stamp })))
      throw appError('VERSION_CONFLICT');
    if (input.attachmentIds?.length)
      await attachTo(s, trx, ctx, input.attachmentIds, { type: 'activity_event', id: record.id });
    await insertLog(trx, {
      event_id: record.id,
      at: stamp,
      ...actorOf(ctx),
      action: 'update',
      note: Object.keys(input).join('、'),
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_event.update',
      objectType: 'activity_event',
      objectId: record.id,
      note: { fields: Object.keys(input) },
    });
  });
  return eventDetail(s, ctx, await reread(s, record.id));
}

export async function transitionEvent(
  s: Services,
  ctx: RequestContext,
  record: EventWithNames,
  version: number,
  input: { to: ActivityState; review?: string | undefined; note?: string | undefined },
) {
  requireEditable(ctx, record);
  if (!NEXT[record.state].includes(input.to))
    throw appError('ACTIVITY_STATE', `活动${STATE_LABELS[record.state]}，不能转为${STATE_LABELS[input.to]}`);
  const review = input.review?.trim();
  if (input.to === 'reviewed' && !review) throw invalid('请填写复盘：做得好的地方和需要改进的地方', 'review');
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    const change = { state: input.to, updated_at: stamp, ...(review ? { review } : {}) };
    if (!(await updateEvent(trx, record.id, version, change))) throw appError('VERSION_CONFLICT');
    await insertLog(trx, {
      event_id: record.id,
      at: stamp,
      ...actorOf(ctx),
      action: 'transition',
      from_state: record.state,
      to_state: input.to,
      note: input.note ?? '',
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_event.transition',
      objectType: 'activity_event',
      objectId: record.id,
      before: { state: record.state },
      after: { state: input.to },
    });
  });
  return eventDetail(s, ctx, await reread(s, record.id));
}

/** Adds a preparation item (筹备事项); the event's version moves (If-Match on the event). */
export async function addChecklistItem(
  s: Services,
  ctx: RequestContext,
  record: EventWithNames,
  version: number,
  input: { title: string; ownerUnitId: number; dueDate: string },
) {
  requireEditable(ctx, record);
  if (!['planned', 'preparing'].includes(record.state))
    throw appError('ACTIVITY_STATE', '活动已举办，不能再添加筹备事项');
  if (!(await findUnits(s.db.kysely, [input.ownerUnitId])).length)
    throw invalid('责任单位不存在', 'ownerUnitId');
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await updateEvent(trx, record.id, version, { updated_at: stamp })))
      throw appError('VERSION_CONFLICT');
    const itemId = await insertChecklistItem(trx, {
      event_id: record.id,
      title: input.title,
      owner_unit_id: input.ownerUnitId,
      due_date: input.dueDate,
    });
    await insertLog(trx, {
      event_id: record.id,
      at: stamp,
      ...actorOf(ctx),
      action: 'checklist_add',
      note: input.title,
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_event.checklist_add',
      objectType: 'activity_event',
      objectId: record.id,
      after: { itemId, ...input },
    });
  });
  return eventDetail(s, ctx, await reread(s, record.id));
}

export async function setChecklistItemDone(
  s: Services,
  ctx: RequestContext,
  record: EventWithNames,
  version: number,
  itemId: number,
  done: boolean,
) {
  requireEditable(ctx, record);
  const item = await findChecklistItem(s.db.kysely, record.id, itemId);
  if (!item) throw appError('ACTIVITY_EVENT_NOT_FOUND', '筹备事项不存在');
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await updateEvent(trx, record.id, version, { updated_at: stamp })))
      throw appError('VERSION_CONFLICT');
    await setChecklistDone(trx, itemId, done ? shanghaiDate(s.clock.now()) : null);
    await insertLog(trx, {
      event_id: record.id,
      at: stamp,
      ...actorOf(ctx),
      action: done ? 'checklist_done' : 'checklist_reopen',
      note: item.title,
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_event.checklist_update',
      objectType: 'activity_event',
      objectId: record.id,
      after: { itemId, done },
    });
  });
  return eventDetail(s, ctx, await reread(s, record.id));
}
