// Reminders of 品牌活动 (job activities.remind, daily at 08:00 and at start): a preparation item due within
// three days, or past due, tells its owner unit's handlers; a signed project's follow-up date (开工, 投产,
// 资金到位) does the same for the project's responsible unit (the organiser when none is named), so an
// activity is not a one-off. Each reminder is sent once per date (reminded_at / overdue_reminded_at),
// in the transaction that marks it (docs/decisions/activity-reminders.md).
import { z } from 'zod';
import { toTimestamp } from '../../core/clock.ts';
import { defineJob, defineSchedule } from '../../core/jobs/job.define.ts';
import { unitHandlers } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import { shanghaiDate } from '../tasks/index.ts';
import { FOLLOWUP_LABELS } from './activity.schemas.ts';

const LEAD_DAYS = 3;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Due = { id: number; due: string; reminded: string | null; overdue: string | null };
/** 'before' when due within the lead days and not yet reminded; 'after' when past due and not yet told. */
function stepOf(row: Due, today: string): 'before' | 'after' | null {
  if (row.due < today) return row.overdue ? null : 'after';
  if (row.due <= addDays(today, LEAD_DAYS)) return row.reminded ? null : 'before';
  return null;
}

/** Sends the reminders due today; returns how many were sent. */
export async function sendActivityReminders(s: Services, ctx: Parameters<Services['audit']['record']>[1]) {
  const now = s.clock.now();
  const today = shanghaiDate(now);
  const stamp = toTimestamp(now);
  const horizon = addDays(today, LEAD_DAYS);
  const db = s.db.kysely;
  const items = await db
    .selectFrom('activity_checklist_items as c')
    .innerJoin('activity_events as e', 'e.id', 'c.event_id')
    .select([
      'c.id',
      'c.title',
      'c.due_date',
      'c.reminded_at',
      'c.overdue_reminded_at',
      'c.owner_unit_id',
      'e.id as event_id',
      'e.name as event_name',
    ])
    .where('c.done_on', 'is', null)
    .where('c.due_date', '<=', horizon)
    .where('e.state', 'in', ['planned', 'preparing'])
    .execute();
  const followups = await db
    .selectFrom('activity_followups as f')
    .innerJoin('activity_outcomes as o', 'o.id', 'f.outcome_id')
    .innerJoin('activity_events as e', 'e.id', 'o.event_id')
    .select([
      'f.id',
      'f.kind',
      'f.due_date',
      'f.reminded_at',
      'f.overdue_reminded_at',
      'o.name as project',
      'o.responsible_unit_id',
      'e.organiser_unit_id',
      'e.id as event_id',
    ])
    .where('f.done_on', 'is', null)
    .where('f.due_date', '<=', horizon)
    .where((eb) => eb.or([eb('o.status', 'is', null), eb('o.status', 'not in', ['cancelled'])]))
    .execute();
  let sent = 0;
  for (const c of items) {
    const step = stepOf(
      { id: c.id, due: c.due_date, reminded: c.reminded_at, overdue: c.overdue_reminded_at },
      today,
    );
    if (!step) continue;
    await db.transaction().execute(async (trx) => {
      const column = step === 'before' ? 'reminded_at' : 'overdue_reminded_at';
      const res = await trx
        .updateTable('activity_checklist_items')
        .set({ [column]: stamp })
        .where('id', '=', c.id)
        .where(column, 'is', null)
        .executeTakeFirst();
      // Another process marked it first: it sends this one.
      if (Number(res.numUpdatedRows) !== 1) return;
      await s.notify(trx, {
        recipients: [unitHandlers(c.owner_unit_id)],
        kind: 'reminder.due',
        title: `活动《${c.event_name}》的筹备事项“${c.title}”${step === 'before' ? `将于 ${c.due_date} 到期` : `已于 ${c.due_date} 到期，尚未完成`}`,
        object: { type: 'activity_event', id: c.event_id },
      });
      await s.audit.record(trx, ctx, {
        action: 'activity_event.reminded',
        objectType: 'activity_event',
        objectId: c.event_id,
        note: { checklistItemId: c.id, step },
      });
      sent++;
    });
  }
  for (const f of followups) {
    const step = stepOf(
      { id: f.id, due: f.due_date, reminded: f.reminded_at, overdue: f.overdue_reminded_at },
      today,
    );
    if (!step) continue;
    await db.transaction().execute(async (trx) => {
      const column = step === 'before' ? 'reminded_at' : 'overdue_reminded_at';
      const res = await trx
        .updateTable('activity_followups')
        .set({ [column]: stamp })
        .where('id', '=', f.id)
        .where(column, 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      const label = FOLLOWUP_LABELS[f.kind];
      await s.notify(trx, {
        recipients: [unitHandlers(f.responsible_unit_id ?? f.organiser_unit_id)],
        kind: 'reminder.due',
        title: `签约项目《${f.project}》的${label}日期${step === 'before' ? `（${f.due_date}）临近` : `（${f.due_date}）已过，请更新项目进展`}`,
        object: { type: 'activity_event', id: f.event_id },
      });
      await s.audit.record(trx, ctx, {
        action: 'activity_event.reminded',
        objectType: 'activity_event',
        objectId: f.event_id,
        note: { followUpId: f.id, kind: f.kind, step },
      });
      sent++;
    });
  }
  return sent;
}

export const activitiesRemind = defineJob({
  kind: 'activities.remind',
  payload: z.object({}),
  run: async (s, _payload, job) => {
    await sendActivityReminders(s, job.system);
  },
});

export const activitiesRemindSchedule = defineSchedule({
  job: activitiesRemind,
  cron: '0 8 * * *',
  timezone: 'Asia/Shanghai',
  payload: () => ({}),
});
