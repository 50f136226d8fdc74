// A case waiting for its lead unit's answer joins the reminder ladder: reminded before its answer date,
// escalated after it, each step on the case's own timeline (both databases).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { caseAnswerDue } from './reminder.cases.ts';
import { runReminders } from './reminder.job.ts';

describe.each(DIALECTS)('case answer dates on the reminder ladder (%s)', (dialect) => {
  let t: TestApp;
  let caseId: number;
  const sys = { actor: null, ip: '127.0.0.1', requestId: 'test' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Monday 2 March 2026.
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    const staff = await world.signIn('staff');
    const ndrc = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省发展和改革委员会')
      .executeTakeFirstOrThrow();
    const created = await staff.post(
      '/api/cases',
      {
        type: 'appeal',
        title: '企业用电报装慢',
        content: { kind: 'complaint', channel: 'online', enterprise: '某企业', content: '报装超过两个月。' },
      },
      { 'idempotency-key': idempotencyKey() },
    );
    caseId = created.json<{ id: number }>().id;
    const step = async (action: string, body: object = {}) => {
      const v = (await staff.get(`/api/cases/${caseId}`)).json<{ version: number }>().version;
      const res = await staff.request({
        method: 'POST',
        url: `/api/cases/${caseId}/actions`,
        payload: { action, ...body },
        ifMatch: v,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await step('submit');
    await step('forward', { leadUnitId: ndrc.id, dueDate: '2026-03-04' });
  });
  afterAll(() => t.close());

  const events = () =>
    t.db.kysely
      .selectFrom('case_events')
      .select(['action', 'payload'])
      .where('case_id', '=', caseId)
      .execute();

  it('reminds the unit before the answer date and escalates after it, on the case timeline', async () => {
    // Tuesday 3 March: the answer date is the next working day.
    t.clock.set(new Date('2026-03-03T09:00:00+08:00'));
    const before = await runReminders(t.s, sys, [caseAnswerDue]);
    expect(before.sent).toBe(1);
    expect((await events()).map((e) => e.action)).toContain('deadline_reminded');
    const handlerMessages = await t.db.kysely
      .selectFrom('messages')
      .select('kind')
      .where('object_type', '=', 'case')
      .where('object_id', '=', String(caseId))
      .where('kind', '=', 'reminder.due')
      .execute();
    expect(handlerMessages.length).toBeGreaterThan(0);
    // Thursday 5 March: one working day overdue.
    t.clock.set(new Date('2026-03-05T09:00:00+08:00'));
    const after = await runReminders(t.s, sys, [caseAnswerDue]);
    expect(after.sent).toBe(1);
    expect((await events()).map((e) => e.action)).toContain('deadline_escalated');
  });
});
