// The preparation checklist (筹备清单) of an event: items with an owner unit and a due date, added while
// the event is planned or preparing and ticked off; each change moves the event's version (If-Match on the
// event). Open items are on the reminder ladder until the event is held (deadline.service.ts).
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { shanghaiDate } from '../tasks/index.ts';
import { findUnits } from './brand.repository.ts';
import { invalid } from './event.fields.ts';
import {
  findChecklistItem,
  insertChecklistItem,
  insertLog,
  setChecklistDone,
  updateEvent,
  type EventWithNames,
} from './event.repository.ts';
import { actorOf, eventDetail, requireEditable, rereadEvent } from './event.service.ts';

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
  return eventDetail(s, ctx, await rereadEvent(s, record.id));
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
  return eventDetail(s, ctx, await rereadEvent(s, record.id));
}
