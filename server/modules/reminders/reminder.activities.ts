// 品牌活动 deadlines as deadline sources: a preparation item (筹备事项) of an event being prepared, and a
// signed project's follow-up date (开工, 投产, 资金到位), are reminded before they fall due and escalated
// after (the unit's handlers, its head, the organiser region's staff, a leader), like a task's milestone,
// with the milestones' lead days. The activities module lists them and writes each step on the event's
// timeline (docs/decisions/activity-reminders.md).
import {
  checklistDeadlines,
  followUpDeadlines,
  recordActivityReminder,
  type ActivityDeadline,
} from '../activities/index.ts';
import type { DeadlineKind } from './reminder.ladder.ts';
import type { DeadlineRow, DeadlineSource } from './reminder.sources.ts';

function rowOf(objectType: string, kind: DeadlineKind, d: ActivityDeadline): DeadlineRow {
  return {
    objectType,
    objectId: String(d.id),
    kind,
    dueDate: d.dueDate,
    regionPath: d.regionPath,
    leadUnitId: d.unitId,
    title: d.title,
    link: `/activities/events/${d.eventId}`,
    messageObject: { type: 'activity_event', id: d.eventId },
    taskId: null,
  };
}

const onEventTimeline: DeadlineSource['record'] = (trx, s, _ctx, row, sent) =>
  recordActivityReminder(trx, s, Number(row.messageObject.id), { ...sent, item: row.title });

const activityChecklistDue: DeadlineSource = {
  kind: 'activity_checklist_due',
  label: '活动筹备事项时限',
  async list(s, window) {
    return (await checklistDeadlines(s, window.from, window.to)).map((d) =>
      rowOf('activity_checklist', 'activity_checklist_due', d),
    );
  },
  record: onEventTimeline,
};

const activityFollowUpDue: DeadlineSource = {
  kind: 'activity_followup_due',
  label: '签约项目跟进日期',
  async list(s, window) {
    return (await followUpDeadlines(s, window.from, window.to)).map((d) =>
      rowOf('activity_followup', 'activity_followup_due', d),
    );
  },
  record: onEventTimeline,
};

export const ACTIVITY_DEADLINE_SOURCES: readonly DeadlineSource[] = [
  activityChecklistDue,
  activityFollowUpDue,
];
