import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { startJobRunner, type JobRunner } from '../../core/jobs/job.runner.ts';
import { JOB_HANDLERS, JOB_SCHEDULES } from '../../jobs.ts';

interface UnitOut {
  id: number;
  version: number;
  head: { id: number; displayName: string } | null;
}

// 负责人, the rules screen's API, and the ladder run by the job as the clock moves day by day.
describe.each(DIALECTS)('reminders and escalation (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let sysadmin: Agent;
  let staff: Agent;
  let runner: JobRunner;
  const unit: Record<string, number> = {};
  const user: Record<string, number> = {};
  let headId = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    sysadmin = await world.signIn('sysadmin');
    staff = await world.signIn('staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    for (const u of await t.db.kysely.selectFrom('users').select(['id', 'username']).execute())
      user[u.username] = u.id;
    const schedule = JOB_SCHEDULES.find((s) => s.job.kind === 'reminders.run')!;
    runner = startJobRunner(t.s, JOB_HANDLERS, { schedules: [schedule], pollMs: 0 });
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  const ndrc = () => unit['山东省发展和改革委员会']!;
  const getUnit = async (id: number) => (await sysadmin.get(`/api/units/${id}`)).json<UnitOut>();

  it('names a unit head: an active user of the unit, audited; anyone else is refused in Chinese', async () => {
    // The demo names 刘强 (ndrc_head) the head of 山东省发展和改革委员会.
    headId = user.ndrc_head!;
    let u = await getUnit(ndrc());
    expect(u.head).toEqual({ id: headId, displayName: '刘强' });

    // Someone of another unit (the provincial staff member) is refused, with a message a person acts on.
    const wrong = await sysadmin.patch(`/api/units/${ndrc()}`, { headUserId: user.staff }, u.version);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'UNIT_HEAD_INVALID' });
    expect(wrong.json<{ message: string }>().message).toContain('山东省发展和改革委员会');
    // Without If-Match: 428.
    expect((await sysadmin.patch(`/api/units/${ndrc()}`, { headUserId: user.handler })).statusCode).toBe(428);

    // 张华, a user of the unit, may be named; then 刘强 again. Each change audited with before and after.
    const saved = await sysadmin.patch(`/api/units/${ndrc()}`, { headUserId: user.handler }, u.version);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<UnitOut>().head).toEqual({ id: user.handler, displayName: '张华' });
    u = saved.json<UnitOut>();
    const back = await sysadmin.patch(`/api/units/${ndrc()}`, { headUserId: headId }, u.version);
    expect(back.json<UnitOut>().head).toEqual({ id: headId, displayName: '刘强' });
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'unit.update')
      .where('object_id', '=', String(ndrc()))
      .orderBy('id')
      .execute();
    expect(audit.at(-2)!.detail).toContain('张华');
    expect(audit.at(-1)!.detail).toContain('刘强');

    // A disabled account is refused too.
    const handlerUser = (await sysadmin.get(`/api/users/${user.handler}`)).json<{ version: number }>();
    const disabled = await sysadmin.patch(
      `/api/users/${user.handler}`,
      { status: 'disabled' },
      handlerUser.version,
    );
    expect(disabled.statusCode, disabled.body).toBe(200);
    u = await getUnit(ndrc());
    const refused = await sysadmin.patch(`/api/units/${ndrc()}`, { headUserId: user.handler }, u.version);
    expect(refused.json()).toMatchObject({ code: 'UNIT_HEAD_INVALID' });
    const enabled = await sysadmin.patch(
      `/api/users/${user.handler}`,
      { status: 'active' },
      disabled.json<{ version: number }>().version,
    );
    expect(enabled.statusCode, enabled.body).toBe(200);
  });

  it('keeps the rules: defaults, province staff edit with If-Match, order of the steps checked', async () => {
    const read = await staff.get('/api/reminders/rules');
    expect(read.statusCode).toBe(200);
    const rules = read.json<Record<string, number | boolean>>();
    expect(rules).toMatchObject({
      taskDueLead: 3,
      escalateHandlers: 1,
      escalateHead: 3,
      escalateStaff: 5,
      escalateLeader: 10,
      version: 0,
      canEdit: true,
    });
    const { version: _v, canEdit: _c, ...body } = rules;

    // A city's staff read them but do not change them.
    const jinan = await world.signIn('jinan_staff');
    expect((await jinan.get('/api/reminders/rules')).json()).toMatchObject({ canEdit: false });
    expect((await jinan.put('/api/reminders/rules', body, 0)).statusCode).toBe(403);
    // A handler may not (work.manage).
    const handler = await world.signIn('handler');
    expect((await handler.put('/api/reminders/rules', body, 0)).statusCode).toBe(403);

    // The ladder climbs: step 2 after step 1, in Chinese.
    const bad = await staff.put('/api/reminders/rules', { ...body, escalateHead: 1 }, 0);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('第二步（单位负责人）的逾期天数应大于第一步');
    expect((await staff.put('/api/reminders/rules', { ...body, taskDueLead: -1 }, 0)).statusCode).toBe(400);

    const saved = await staff.put('/api/reminders/rules', { ...body, reportDueLead: 4 }, 0);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ reportDueLead: 4, version: 1 });
    // A stale version: 412, nothing written.
    expect((await staff.put('/api/reminders/rules', { ...body, reportDueLead: 5 }, 0)).statusCode).toBe(412);
    const back = await staff.put('/api/reminders/rules', body, 1);
    expect(back.json()).toMatchObject({ reportDueLead: 2, version: 2 });
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'reminder.rules_update')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it("reminds a notice's lead unit before its response date and escalates after it", async () => {
    // Monday 11 May 2026: staff issue a 重点 notice on a task of 发改委, response due Wednesday 13 May.
    t.clock.set(new Date('2026-05-11T09:00:00+08:00'));
    staff = await world.signIn('staff');
    const created = await staff.post(
      '/api/tasks',
      {
        source: 'leader',
        title: '督办提醒测试任务',
        leadUnitId: ndrc(),
        assign: true,
        startDate: '2026-05-01',
        dueDate: '2026-12-31',
        cycle: 'none',
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(created.statusCode, created.body).toBe(201);
    const taskId = created.json<{ id: number }>().id;
    const issued = await staff.post(
      `/api/tasks/${taskId}/notices`,
      {
        level: 'key',
        reason: '进度滞后',
        requirements: '请说明原因并提出整改措施',
        responseDue: '2026-05-13',
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(issued.statusCode, issued.body).toBe(201);
    const noticeId = issued.json<{ id: number }>().id;
    const steps = async () =>
      (
        await t.db.kysely
          .selectFrom('reminder_ledger')
          .select(['step', 'outcome'])
          .where('object_type', '=', 'notice')
          .where('object_id', '=', String(noticeId))
          .orderBy('step')
          .execute()
      ).map((r) => `${r.step}:${r.outcome}`);
    await runner.runDue();
    // 2 working days ahead: not yet (notices are reminded 1 working day before, on 12 May).
    expect(await steps()).toEqual([]);
    t.clock.set(new Date('2026-05-12T09:00:00+08:00'));
    await runner.runDue();
    expect(await steps()).toEqual(['0:sent']);
    t.clock.set(new Date('2026-05-14T09:00:00+08:00'));
    await runner.runDue();
    expect(await steps()).toEqual(['0:sent', '1:sent']);
    const told = await t.db.kysely
      .selectFrom('messages')
      .select(['kind', 'title', 'link'])
      .where('recipient_id', '=', user.handler!)
      .where('object_type', '=', 'notice')
      .where('object_id', '=', String(noticeId))
      .where('kind', 'in', ['reminder.due', 'escalation.step'])
      .orderBy('id')
      .execute();
    expect(told.map((m) => m.kind)).toEqual(['reminder.due', 'escalation.step']);
    expect(told[0]!.title).toContain('重点督办单');
    expect(told[0]!.link).toBe(`/notices/${noticeId}`);
    // Each step is on the notice's own timeline (its page), not on its task's (a new session: days passed).
    staff = await world.signIn('staff');
    const page = (await staff.get(`/api/notices/${noticeId}`)).json<{
      timeline: { kind: string; label: string; detail: Record<string, unknown> }[];
    }>();
    const onNotice = page.timeline.filter((e) => e.kind.startsWith('deadline_'));
    expect(onNotice.map((e) => [e.kind, e.label])).toEqual([
      ['deadline_reminded', '到期提醒'],
      ['deadline_escalated', '逾期督办'],
    ]);
    expect(onNotice[1]!.detail).toMatchObject({
      deadline: '督办单反馈期限',
      dueDate: '2026-05-13',
      step: 1,
      stepLabel: '逾期提醒单位承办人',
      workingDays: 1,
    });
    const onTask = (await staff.get(`/api/tasks/${taskId}/timeline`)).json<{ kind: string }[]>();
    expect(onTask.map((e) => e.kind).filter((k) => k.startsWith('deadline_'))).toEqual([]);
  }, 120_000);

  it('reminds before the deadline and climbs the ladder after it, each step once, on its working day', async () => {
    // A task due Wednesday 30 September 2026. 中秋 (25–27 September) and 国庆 (1–7 October) are holidays;
    // Saturday 10 October is a 调休 working day. Defaults: reminder 3 working days ahead; escalation after
    // 1 (handlers), 3 (head), 5 (staff) and 10 (leader) working days overdue.
    staff = await world.signIn('staff');
    const res = await staff.post(
      '/api/tasks',
      {
        source: 'leader',
        title: '开展民营经济人士理想信念教育',
        leadUnitId: ndrc(),
        assign: true,
        startDate: '2026-03-01',
        dueDate: '2026-09-30',
        cycle: 'none',
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    const taskId = res.json<{ id: number }>().id;

    const sentOn: Record<string, number[]> = {};
    for (
      let day = Date.parse('2026-09-18T00:00:00Z');
      day <= Date.parse('2026-10-26T00:00:00Z');
      day += 86_400_000
    ) {
      const date = new Date(day).toISOString().slice(0, 10);
      // Twice a day (09:00 and 15:00): a second run finds every step taken.
      for (const hour of ['09:00', '15:00']) {
        t.clock.set(new Date(`${date}T${hour}:00+08:00`));
        await runner.runDue();
      }
      const steps = await t.db.kysely
        .selectFrom('reminder_ledger')
        .select(['step', 'sent_at'])
        .where('object_type', '=', 'task')
        .where('object_id', '=', String(taskId))
        .execute();
      for (const s of steps.filter((s) => s.sent_at.startsWith(date))) (sentOn[date] ??= []).push(s.step);
    }
    expect(sentOn).toEqual({
      '2026-09-24': [0], // Thursday: 3 working days before (the 中秋 holiday in between does not count)
      '2026-10-08': [1], // the first working day after 国庆: 1 working day overdue
      '2026-10-10': [2], // the 调休 Saturday: 3 working days overdue, the unit's head
      '2026-10-13': [3], // 5 working days overdue: the province's staff
      '2026-10-20': [4], // 10 working days overdue: a leader
    });

    const inbox = async (username: string) =>
      (
        await t.db.kysely
          .selectFrom('messages')
          .select(['kind', 'title'])
          .where('recipient_id', '=', username === 'ndrc_head' ? headId : user[username]!)
          .where('object_id', '=', String(taskId))
          .orderBy('id')
          .execute()
      ).filter((m) => m.kind === 'reminder.due' || m.kind === 'escalation.step');
    expect((await inbox('handler')).map((m) => m.kind)).toEqual(['reminder.due', 'escalation.step']);
    expect((await inbox('handler'))[0]!.title).toContain('2026年9月30日到期（还有 3 个工作日）');
    // The head is a handler of the unit too: told as one at steps 0 and 1, and as the head at step 2.
    const head = await inbox('ndrc_head');
    expect(head.map((m) => m.kind)).toEqual(['reminder.due', 'escalation.step', 'escalation.step']);
    expect(head[2]!.title).toContain('已逾期 3 个工作日，请您督促办理');
    expect(await inbox('staff')).toMatchObject([{ kind: 'escalation.step' }]);
    expect(await inbox('leader')).toMatchObject([{ kind: 'escalation.step' }]);
    expect((await inbox('leader'))[0]!.title).toContain('已逾期 10 个工作日');
    // Not the staff or leaders of another region.
    expect(await inbox('jinan_staff')).toEqual([]);

    // On the task's timeline, in order, and one audit event per step. (Half a year on, the passwords
    // have expired: read the stored timeline.)
    const events = await t.db.kysely
      .selectFrom('task_events')
      .select(['kind', 'detail', 'actor_id'])
      .where('task_id', '=', taskId)
      .where('kind', 'in', ['deadline_reminded', 'deadline_escalated'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.kind, (JSON.parse(e.detail) as { step: number }).step, e.actor_id])).toEqual([
      ['deadline_reminded', 0, null],
      ['deadline_escalated', 1, null],
      ['deadline_escalated', 2, null],
      ['deadline_escalated', 3, null],
      ['deadline_escalated', 4, null],
    ]);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', 'in', ['reminder.send', 'escalation.send'])
      .where('object_id', '=', String(taskId))
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'escalation.send',
      'escalation.send',
      'escalation.send',
      'escalation.send',
      'reminder.send',
    ]);
  }, 120_000);
});
