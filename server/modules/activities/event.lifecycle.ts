// An event's lifecycle (planned → preparing → held → reviewed → closed): one step at a time, each an
// audited transition on the timeline; reaching 'reviewed' needs the 复盘 (what worked, what to improve).
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { ActivityState } from '../../db/schema.ts';
import { NEXT_STATES, STATE_LABELS } from './activity.schemas.ts';
import { invalid } from './event.fields.ts';
import { insertLog, updateEvent, type EventWithNames } from './event.repository.ts';
import { actorOf, eventDetail, requireEditable, rereadEvent } from './event.service.ts';

export async function transitionEvent(
  s: Services,
  ctx: RequestContext,
  record: EventWithNames,
  version: number,
  input: { to: ActivityState; review?: string | undefined; note?: string | undefined },
) {
  requireEditable(ctx, record);
  if (!NEXT_STATES[record.state].includes(input.to))
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
  return eventDetail(s, ctx, await rereadEvent(s, record.id));
}
