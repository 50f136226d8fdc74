// An event's evidence file removed (a wrong photo, a document that belongs elsewhere): by whoever may
// change the event (its organiser unit, its region's staff), with the event's version (If-Match), also
// after it closes, as files may still be added then. One transaction: the event's version moves, the file
// leaves the event (modules/attachments), the timeline says which, and the audit keeps its name, size and
// SM3 (docs/decisions/activity-evidence.md).
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { removeFrom } from '../attachments/index.ts';
import { insertLog, updateEvent, type EventWithNames } from './event.repository.ts';
import { actorOf, eventDetail, requireEditable, rereadEvent } from './event.service.ts';

export async function removeEvidence(
  s: Services,
  ctx: RequestContext,
  record: EventWithNames,
  version: number,
  attachmentId: number,
) {
  requireEditable(ctx, record);
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await updateEvent(trx, record.id, version, { updated_at: stamp })))
      throw appError('VERSION_CONFLICT');
    const file = await removeFrom(trx, attachmentId, { type: 'activity_event', id: record.id });
    if (!file) throw appError('ATTACHMENT_NOT_FOUND', '该文件不是本活动的附件，或已被删除；请刷新页面后再试');
    await insertLog(trx, {
      event_id: record.id,
      at: stamp,
      ...actorOf(ctx),
      action: 'evidence_remove',
      note: `附件 ${file.fileName}`,
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_event.evidence_remove',
      objectType: 'activity_event',
      objectId: record.id,
      before: { attachmentId: file.id, fileName: file.fileName, size: file.size, sm3: file.sm3 },
    });
  });
  return eventDetail(s, ctx, await rereadEvent(s, record.id));
}
