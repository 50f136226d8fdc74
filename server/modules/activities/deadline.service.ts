// The 品牌活动 deadlines on the shared reminder ladder (modules/reminders, reminder.activities.ts): a
// preparation item (筹备事项) of an event still planned or preparing, owed by its owner unit; a signed
// project's follow-up date (开工, 投产, 资金到位), owed by its responsible unit (else the organiser), until
// it is marked done or the project is cancelled. Each step sent is written on the event's timeline
// (docs/decisions/activity-reminders.md).
import type { Transaction } from 'kysely';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { FOLLOWUP_LABELS } from './activity.schemas.ts';
import { listChecklistDeadlines, listFollowUpDeadlines } from './deadline.repository.ts';
import { insertLog } from './event.repository.ts';

export interface ActivityDeadline {
  /** The checklist item's or the follow-up's id. */
  id: number;
  dueDate: string;
  /** The unit that must act. */
  unitId: number;
  eventId: number;
  /** The organiser's region: its staff and leaders are the ladder's later steps. */
  regionPath: string;
  /** What a person reads: '活动《…》的筹备事项“…”'. */
  title: string;
}

export async function checklistDeadlines(s: Services, from: string, to: string): Promise<ActivityDeadline[]> {
  return (await listChecklistDeadlines(s.db.kysely, from, to)).map((c) => ({
    id: c.id,
    dueDate: c.due_date,
    unitId: c.owner_unit_id,
    eventId: c.event_id,
    regionPath: c.owner_region_path,
    title: `活动《${c.event_name}》的筹备事项“${c.title}”`,
  }));
}

export async function followUpDeadlines(s: Services, from: string, to: string): Promise<ActivityDeadline[]> {
  return (await listFollowUpDeadlines(s.db.kysely, from, to)).map((f) => ({
    id: f.id,
    dueDate: f.due_date,
    unitId: f.responsible_unit_id ?? f.organiser_unit_id,
    eventId: f.event_id,
    regionPath: f.owner_region_path,
    title: `签约项目《${f.project}》的${FOLLOWUP_LABELS[f.kind]}日期`,
  }));
}

/** A reminder (step 0) or escalation step on the event's timeline, in the sending transaction. */
export async function recordActivityReminder(
  trx: Transaction<Database>,
  s: Services,
  eventId: number,
  step: { step: number; stepLabel: string; recipients: number; item: string },
): Promise<void> {
  await insertLog(trx, {
    event_id: eventId,
    at: toTimestamp(s.clock.now()),
    actor_id: null,
    actor_name: null,
    action: step.step === 0 ? 'deadline_reminded' : 'deadline_escalated',
    note: `${step.item}：${step.stepLabel}（${step.recipients} 人）`,
  });
}
