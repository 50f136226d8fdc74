// 学时提醒: on the first day of October, November and December, everyone held to the year's requirement
// who is short of it is told through the inbox — a Luoshi user directly; a contact (no account) through
// their unit's handlers, one message per unit naming how many are short. One run per occurrence (the
// schedule's dedupe key), so a restart does not tell anyone twice.
import { z } from 'zod';
import { defineJob, defineSchedule } from '../../core/jobs/job.define.ts';
import { toUser, unitHandlers } from '../../core/notify/recipients.ts';
import { hoursOf } from './training.plan.service.ts';
import { loadTrainingSettings } from './training.hours.service.ts';
import { peopleShortAfter } from './training.hours.repository.ts';
import { shanghaiDate } from '../tasks/index.ts';

const BATCH = 1000;

export const trainingShortfall = defineJob({
  kind: 'training.shortfall',
  payload: z.object({ year: z.number().int() }),
  run: async (s, { year }, job) => {
    const { requiredHours } = await loadTrainingSettings(s.db.kysely);
    const required = requiredHours * 10;
    // Everyone short, read in batches (a province holds thousands; none may be left out).
    const people: Awaited<ReturnType<typeof peopleShortAfter>> = [];
    for (let after = 0; ;) {
      const batch = await peopleShortAfter(s.db.kysely, { year, subtree: null }, required, after, BATCH);
      people.push(...batch);
      if (batch.length < BATCH) break;
      after = batch.at(-1)!.id;
    }
    await s.db.kysely.transaction().execute(async (trx) => {
      const contactsByUnit = new Map<number, number>();
      for (const p of people) {
        if (p.user_id === null) {
          contactsByUnit.set(p.unit_id, (contactsByUnit.get(p.unit_id) ?? 0) + 1);
          continue;
        }
        const short = hoursOf(required - Number(p.tenths ?? 0));
        await s.notify(trx, {
          recipients: [toUser(p.user_id)],
          kind: 'training.shortfall',
          title: `${year} 年培训学时已获 ${hoursOf(p.tenths)}，距年度要求 ${requiredHours} 学时还差 ${short} 学时`,
          body: '请在年底前参加培训课程，补足学时。',
          object: { type: 'training_hours', id: year },
        });
      }
      for (const [unitId, count] of contactsByUnit) {
        await s.notify(trx, {
          recipients: [unitHandlers(unitId)],
          kind: 'training.shortfall',
          title: `本单位有 ${count} 名学员 ${year} 年培训学时未达 ${requiredHours} 学时`,
          body: '请在年底前安排参加培训课程。',
          object: {
            type: 'training_course',
            id: 0,
            link: `/training/people?year=${year}&short=true&unitId=${unitId}`,
          },
        });
      }
      await s.audit.record(trx, job.system, {
        action: 'training_shortfall.remind',
        note: { year, people: people.length },
      });
    });
  },
});

export const trainingShortfallSchedule = defineSchedule({
  job: trainingShortfall,
  cron: '0 9 1 10,11,12 *',
  timezone: 'Asia/Shanghai',
  payload: (occurrence) => ({ year: Number(shanghaiDate(occurrence).slice(0, 4)) }),
});
