import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassword } from '../../core/auth/password.ts';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  signIn,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { insertNewUser } from '../org/index.ts';
import { countNoticesInSubtree, listNoticesAwaitingResponse, listTaskNotices } from './index.ts';

interface NoticeOut {
  id: number;
  version: number;
  status: string;
  statusLabel: string;
  level: string;
  colour: string;
  responseDue: string;
  fixDue: string | null;
  rating: string | null;
  ratingLabel: string | null;
  copyTo: { id: number; name: string }[];
  report: { id: number; periodKey: string } | null;
  timeline: { kind: string; label: string }[];
  actions: Record<string, boolean>;
}

describe.each(DIALECTS)('notices (督办单) (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let handler: Agent;
  let leader: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let commerce: Agent;
  let culture: Agent;
  const unit: Record<string, number> = {};
  let taskId: number;
  let world: DemoWorld;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Monday 2 March 2026, a working day.
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    leader = await world.signIn('leader');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    // Handlers of a copy-to unit and of an unrelated one.
    const sys = { actor: null, ip: '127.0.0.1', requestId: 'test' };
    const people: [string, string][] = [
      ['commerce', '山东省商务厅'],
      ['culture', '山东省教育厅'],
    ];
    const agents: Agent[] = [];
    for (const [username, unitName] of people) {
      expect(unit[unitName], unitName).toBeDefined();
      const password = generatePassword();
      await insertNewUser(
        t.s,
        sys,
        { username, displayName: username, unitId: unit[unitName]!, regionCode: '370000' },
        { password, roles: ['handler'], mustChange: false },
      );
      agents.push(await signIn(t, username, password));
    }
    [commerce, culture] = agents as [Agent, Agent];
    const task = await staff.post('/api/tasks', {
      source: 'leader',
      title: '推进民营企业家健康成长',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: unit['山东省发展和改革委员会'],
      assign: true,
    });
    expect(task.statusCode, task.body).toBe(201);
    taskId = task.json<{ id: number }>().id;
  });
  afterAll(() => t.close());

  const issue = async (
    body: object,
    headers: Record<string, string> = { 'idempotency-key': idempotencyKey() },
  ) => {
    const res = await staff.post(`/api/tasks/${taskId}/notices`, body, headers);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<NoticeOut>();
  };
  const act = (agent: Agent, n: { id: number; version: number }, path: string, body?: object) =>
    agent.request({
      method: 'POST',
      url: `/api/notices/${n.id}/${path}`,
      payload: body ?? {},
      ifMatch: n.version,
    });
  const step = async (agent: Agent, n: { id: number; version: number }, path: string, body?: object) => {
    const res = await act(agent, n, path, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<NoticeOut>();
  };
  const audits = (noticeId: number) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'notice')
      .where('object_id', '=', String(noticeId))
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((r) => r.action));
  const inboxOf = async (agent: Agent) =>
    (await agent.get('/api/inbox')).json<{ items: { kind: string; link: string; title: string }[] }>().items;

  it('runs a 重点 notice from issue to closing with a rating, on the task page and the inbox', async () => {
    const dues = (await staff.get('/api/notices/due-dates')).json<{
      levels: { level: string; date: string }[];
    }>();
    // 5 working days from Monday 2 March.
    expect(dues.levels.find((l) => l.level === 'key')!.date).toBe('2026-03-09');

    const n = await issue({
      level: 'key',
      reason: '进度滞后，连续两期未报送',
      requirements: '五个工作日内反馈整改措施',
      copyToUnitIds: [unit['山东省商务厅']],
    });
    expect(n).toMatchObject({ status: 'issued', responseDue: '2026-03-09', colour: 'green' });
    expect(n.copyTo.map((c) => c.name)).toEqual(['山东省商务厅']);
    expect(n.actions.sign).toBe(false);

    // The lead unit and the copy-to unit are told; the lead unit may sign, the copy-to unit only reads.
    expect((await inboxOf(handler))[0]).toMatchObject({ kind: 'notice.issued', link: `/notices/${n.id}` });
    expect((await inboxOf(commerce))[0]!.title).toContain('抄送');
    const copied = (await commerce.get(`/api/notices/${n.id}`)).json<NoticeOut>();
    expect(Object.values(copied.actions).some(Boolean)).toBe(false);
    expect((await act(commerce, n, 'sign')).statusCode).toBe(403);

    const seen = (await handler.get(`/api/notices/${n.id}`)).json<NoticeOut>();
    expect(seen.actions.sign).toBe(true);
    const signed = await step(handler, seen, 'sign');
    // A fix date on a Saturday is refused, naming the next working day.
    const weekend = await act(handler, signed, 'respond', { measures: '专题调度', fixDue: '2026-03-14' });
    expect(weekend.statusCode).toBe(400);
    expect(weekend.json<{ message: string }>().message).toContain('2026-03-16');
    const responded = await step(handler, signed, 'respond', {
      measures: '专题调度，每周通报',
      fixDue: '2026-03-20',
    });
    expect(responded.status).toBe('responded');
    expect((await inboxOf(staff))[0]).toMatchObject({ kind: 'notice.responded' });

    // Staff send it back once, the unit responds again, staff accept.
    const returned = await step(staff, responded, 'return', { comment: '措施不够具体' });
    expect(returned.status).toBe('signed');
    expect((await inboxOf(handler))[0]).toMatchObject({ kind: 'notice.returned' });
    const again = await step(handler, returned, 'respond', {
      measures: '明确到人、到周',
      fixDue: '2026-03-20',
    });
    const accepted = await step(staff, again, 'accept');
    expect(accepted).toMatchObject({ status: 'rectifying', fixDue: '2026-03-20' });
    const done = await step(handler, accepted, 'complete', { summary: '已完成整改' });
    // A 重点 notice is not delisted: closing it directly.
    const delist = await act(staff, done, 'delist-request', { rating: 'good' });
    expect(delist.statusCode).toBe(409);
    expect(delist.json<{ message: string }>().message).toContain('直接办结');
    const closed = await step(staff, done, 'close', { rating: 'fair' });
    expect(closed).toMatchObject({ status: 'closed', ratingLabel: '较好', colour: 'none' });
    // (colour changes are on the timeline too: notice.colour.api.test.ts)
    expect(closed.timeline.map((e) => e.kind).filter((k) => k !== 'colour_changed')).toEqual([
      'issued',
      'signed',
      'responded',
      'returned',
      'responded',
      'accepted',
      'completed',
      'closed',
    ]);
    expect(await audits(n.id)).toEqual([
      'notice.issue',
      'notice.sign',
      'notice.respond',
      'notice.review',
      'notice.respond',
      'notice.review',
      'notice.complete',
      'notice.close',
    ]);
    // On the task: its notices, and its timeline.
    const listed = (await handler.get(`/api/tasks/${taskId}/notices`)).json<{ id: number }[]>();
    expect(listed.map((x) => x.id)).toContain(n.id);
    const timeline = (await staff.get(`/api/tasks/${taskId}/timeline`)).json<{ kind: string }[]>();
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['notice_issued', 'notice_closed']));
    // A closed notice refuses further steps in words.
    const late = await act(handler, closed, 'complete', { summary: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'NOTICE_STATE' });
    expect(late.json<{ message: string }>().message).toContain('已办结');
  });

  it('closes a 挂牌督办 notice only when a leader agrees to delist it', async () => {
    const n = await issue({ level: 'listed', reason: '重大事项推进不力', requirements: '限期整改' });
    let cur = await step(handler, n, 'sign');
    cur = await step(handler, cur, 'respond', { measures: '成立专班', fixDue: '2026-03-31' });
    cur = await step(staff, cur, 'accept');
    cur = await step(handler, cur, 'complete', { summary: '专班已完成' });
    const direct = await act(staff, cur, 'close', { rating: 'good' });
    expect(direct.statusCode).toBe(409);
    expect(direct.json<{ message: string }>().message).toContain('申请摘牌');
    cur = await step(staff, cur, 'delist-request', { rating: 'good' });
    expect(cur.status).toBe('delist_requested');
    expect((await inboxOf(leader))[0]).toMatchObject({ kind: 'notice.delist_requested' });
    // Staff cannot approve their own request; the leader refuses once, then agrees.
    expect((await act(staff, cur, 'delist-approve')).statusCode).toBe(403);
    const seen = (await leader.get(`/api/notices/${n.id}`)).json<NoticeOut>();
    expect(seen.actions.approveDelist).toBe(true);
    cur = await step(leader, cur, 'delist-refuse', { comment: '再观察一周' });
    expect(cur.status).toBe('done_reported');
    cur = await step(staff, cur, 'delist-request', { rating: 'good' });
    cur = await step(leader, cur, 'delist-approve');
    expect(cur).toMatchObject({ status: 'closed', ratingLabel: '好' });
    expect(await audits(n.id)).toEqual(
      expect.arrayContaining(['notice.delist.request', 'notice.delist.refuse', 'notice.delist']),
    );
  });

  it('keeps notices in scope: another unit and a sibling city get 404 with an audit event', async () => {
    const n = await issue({ level: 'general', reason: '资料不全', requirements: '补充材料' });
    for (const outsider of [culture, qingdao, jinan]) {
      expect((await outsider.get(`/api/notices/${n.id}`)).statusCode).toBe(404);
      expect((await act(outsider, n, 'sign')).statusCode).toBe(404);
      const list = (await outsider.get('/api/notices')).json<{ items: { id: number }[] }>();
      expect(list.items.map((x) => x.id)).not.toContain(n.id);
    }
    const denied = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'access.out_of_scope')
      .where('object_type', '=', 'notice')
      .where('object_id', '=', String(n.id))
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(6);
    // The lead unit and the province staff list it; the filters narrow it.
    const mine = (await handler.get('/api/notices?mine=true&status=issued')).json<{
      items: { id: number }[];
    }>();
    expect(mine.items.map((x) => x.id)).toContain(n.id);
    const general = (await staff.get('/api/notices?level=general&regionCode=370000')).json<{
      items: { id: number; level: string }[];
    }>();
    expect(general.items.map((x) => x.id)).toContain(n.id);
    expect(general.items.every((x) => x.level === 'general')).toBe(true);
    const inJinan = (await staff.get('/api/notices?regionCode=370100')).json<{ items: { id: number }[] }>();
    expect(inJinan.items.map((x) => x.id)).not.toContain(n.id);

    // A unit cooperating on a task sees the task, but not the notices addressed to its lead unit.
    const shared = await staff.post('/api/tasks', {
      source: 'leader',
      title: '教育厅配合的任务',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: unit['山东省发展和改革委员会'],
      cooperatingUnitIds: [unit['山东省教育厅']],
      assign: true,
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const sharedId = shared.json<{ id: number }>().id;
    await staff.post(`/api/tasks/${sharedId}/notices`, {
      level: 'general',
      reason: '滞后',
      requirements: '反馈',
    });
    expect((await culture.get(`/api/tasks/${sharedId}`)).statusCode).toBe(200);
    expect((await culture.get(`/api/tasks/${sharedId}/notices`)).json()).toEqual([]);
    expect((await handler.get(`/api/tasks/${sharedId}/notices`)).json<unknown[]>()).toHaveLength(1);
  });

  it('answers 412 on a stale If-Match and writes nothing; 428 without one', async () => {
    const n = await issue({ level: 'general', reason: '进度滞后', requirements: '说明原因' });
    const signed = await step(handler, n, 'sign');
    const stale = await act(handler, n, 'respond', { measures: 'x', fixDue: '2026-03-20' });
    expect(stale.statusCode).toBe(412);
    const none = await handler.request({ method: 'POST', url: `/api/notices/${n.id}/sign`, payload: {} });
    expect(none.statusCode).toBe(428);
    expect(await audits(n.id)).toEqual(['notice.issue', 'notice.sign']);
    const now = (await handler.get(`/api/notices/${signed.id}`)).json<NoticeOut>();
    expect(now).toMatchObject({ status: 'signed', version: signed.version });
  });

  it('creates once per Idempotency-Key, turns red past the response date, and links a report', async () => {
    const key = { 'idempotency-key': idempotencyKey() };
    const body = {
      level: 'key',
      reason: '报告反映的问题需协调',
      requirements: '协调解决',
      responseDue: '2026-03-04',
    };
    const first = await issue(body, key);
    const second = await issue(body, key);
    expect(second.id).toBe(first.id);
    const count = await t.db.kysely
      .selectFrom('notices')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('reason', '=', body.reason)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // Due Wednesday: yellow on Monday; red on Thursday, in the red filter.
    expect(first.colour).toBe('yellow');
    t.clock.set(new Date('2026-03-05T09:00:00+08:00'));
    // Sessions lapse over three days: sign in again.
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    const red = (await staff.get('/api/notices?colour=red')).json<{
      items: { id: number; colour: string }[];
    }>();
    expect(red.items.find((x) => x.id === first.id)?.colour).toBe('red');
    const green = (await staff.get('/api/notices?colour=green')).json<{ items: { id: number }[] }>();
    expect(green.items.map((x) => x.id)).not.toContain(first.id);

    // A holiday or past response date is refused in words; an unknown copy-to unit too.
    const sunday = await staff.post(`/api/tasks/${taskId}/notices`, { ...body, responseDue: '2026-03-08' });
    expect(sunday.statusCode).toBe(400);
    expect(sunday.json<{ message: string }>().message).toContain('请选择工作日（如 2026-03-09）');
    const past = await staff.post(`/api/tasks/${taskId}/notices`, { ...body, responseDue: '2026-03-02' });
    expect(past.json<{ message: string }>().message).toContain('不能早于今天');
    const noUnit = await staff.post(`/api/tasks/${taskId}/notices`, { ...body, copyToUnitIds: [999999] });
    expect(noUnit.statusCode).toBe(400);
    const noLevel = await staff.post(`/api/tasks/${taskId}/notices`, { ...body, level: 'urgent' });
    expect(noLevel.json<{ message: string }>().message).toMatch(/督办级别/);

    // From a report's problems: the report is linked; a report of another task is refused.
    // The task's reports were opened when it was assigned; a report's problems lead to a notice.
    const reportRow = await t.db.kysely
      .selectFrom('progress_reports')
      .select(['id', 'period_key'])
      .where('task_id', '=', taskId)
      .orderBy('period_key')
      .executeTakeFirstOrThrow();
    const fromReport = await issue({ ...body, responseDue: '2026-03-10', reportId: reportRow.id });
    expect(fromReport.report).toEqual({ id: reportRow.id, periodKey: reportRow.period_key });
    const wrong = await staff.post(`/api/tasks/${taskId}/notices`, {
      ...body,
      responseDue: '2026-03-10',
      reportId: 999999,
    });
    expect(wrong.statusCode).toBe(400);
    // Only the managing region's staff issue: the unit cannot.
    const byUnit = await handler.post(`/api/tasks/${taskId}/notices`, body);
    expect(byUnit.statusCode).toBe(403);
  });
});

describe.each(DIALECTS)('notices: the public API for the dashboard and reminders (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
  });
  afterAll(() => t.close());

  it('counts open and overdue notices of a subtree and lists those awaiting a response', async () => {
    const world = await seedDemo(t);
    const staff = await world.signIn('staff');
    const unitId = (
      await t.db.kysely
        .selectFrom('units')
        .select('id')
        .where('name', '=', '中共济南市委统战部')
        .executeTakeFirstOrThrow()
    ).id;
    const task = (
      await staff.post('/api/tasks', {
        source: 'leader',
        title: '济南市的任务',
        startDate: '2026-01-01',
        dueDate: '2026-12-31',
        cycle: 'monthly',
        leadUnitId: unitId,
        assign: true,
      })
    ).json<{ id: number }>();
    const issued: number[] = [];
    for (const responseDue of ['2026-03-03', '2026-03-10']) {
      const res = await staff.post(`/api/tasks/${task.id}/notices`, {
        level: 'general',
        reason: '测试事由',
        requirements: '测试要求',
        responseDue,
      });
      expect(res.statusCode, res.body).toBe(201);
      issued.push(res.json<{ id: number }>().id);
    }
    expect(await countNoticesInSubtree(t.s, '370000')).toEqual({ open: 2, overdue: 0 });
    expect(await countNoticesInSubtree(t.s, '370000/370100')).toEqual({ open: 2, overdue: 0 });
    expect(await countNoticesInSubtree(t.s, '370000/370200')).toEqual({ open: 0, overdue: 0 });
    t.clock.set(new Date('2026-03-04T09:00:00+08:00'));
    expect(await countNoticesInSubtree(t.s, '370000')).toEqual({ open: 2, overdue: 1 });

    const due = await listNoticesAwaitingResponse(t.s, '2026-03-05');
    expect(due.map((r) => r.id)).toEqual([issued[0]]);
    expect(due[0]).toMatchObject({
      task_id: task.id,
      status: 'issued',
      response_due: '2026-03-03',
      lead_unit_id: unitId,
      manager_region_code: '370000',
    });
    const province = { kind: 'region' as const, regionPath: '370000' };
    const actor = {
      userId: 1,
      username: 'staff',
      displayName: '李明',
      roles: ['staff' as const],
      permissions: new Set(['work.read' as const]),
      scope: province,
      unitId: null,
      regionCode: '370000',
      regionPath: '370000',
      sessionId: 'test',
    };
    const ctx = { actor, ip: '127.0.0.1', requestId: 'test' };
    expect((await listTaskNotices(t.s, ctx, task.id)).map((n) => n.id)).toEqual([...issued].reverse());
    const qingdao = {
      ...ctx,
      actor: { ...actor, scope: { kind: 'region' as const, regionPath: '370000/370200' } },
    };
    expect(await listTaskNotices(t.s, qingdao, task.id)).toEqual([]);
  });
});
