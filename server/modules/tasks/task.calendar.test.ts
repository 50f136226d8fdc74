import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/db.ts';
import { reportingPeriods } from './rules/periods.ts';
import { loadDueCalendar } from './task.calendar.ts';

// Report due dates count working days on the holiday calendar (task.calendar.ts feeds it to the rules).
describe('task due dates on the holiday calendar', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
  });
  afterAll(() => db.close());

  const september = (reportDay: number) =>
    reportingPeriods(
      { cycle: 'monthly', startDate: '2026-09-01', dueDate: '2026-12-31', reportDay },
      calendar,
    ).find((p) => p.key === '2026-09')!.dueDate;
  let calendar: Awaited<ReturnType<typeof loadDueCalendar>>;

  it("counts a report's days after the period across 国庆 and the 调休 Saturday", async () => {
    calendar = await loadDueCalendar(db.kysely, '2026-09-15');
    // September ends on Wednesday 30 September; 1–7 October are 国庆节 holidays; Saturday 10 October is
    // an adjusted working day (调休上班). 5 working days: 8, 9, 10 (Sat), 12, 13 October.
    expect(september(5)).toBe('2026-10-13');
    // 3 working days: 8, 9 and the 调休 Saturday 10 October (plain calendar days would give 3 October).
    expect(september(3)).toBe('2026-10-10');
    // 0 days: the period's last day itself, a working day.
    expect(september(0)).toBe('2026-09-30');
  });

  it('moves a due date that lands on a holiday to the next working day (遇节假日顺延)', async () => {
    calendar = await loadDueCalendar(db.kysely, '2026-09-15');
    expect(calendar.after('2026-10-01', 0)).toBe('2026-10-08');
    // A staff correction is read with the calendar: 9 October made a holiday moves 3 working days on.
    await db.kysely
      .insertInto('calendar_days')
      .values({
        day: '2026-10-09',
        kind: 'holiday',
        name: '国庆节',
        version: 1,
        updated_at: '2026-09-01T09:00:00.000+08:00',
        updated_by: null,
      })
      .execute();
    calendar = await loadDueCalendar(db.kysely, '2026-09-15');
    expect(september(3)).toBe('2026-10-12');
  });
});
