import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface TaskOut {
  id: number;
  version: number;
  status: string;
  progress: number;
  dueDate: string;
  childCount: number;
  undecomposed: boolean;
  actions: Record<string, boolean>;
  leadUnit: { id: number; name: string };
  health: string;
  healthReasons: { code: string; message: string }[];
}

describe.each(DIALECTS)('tasks: create, scope, lifecycle (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let handler: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let lixia: Agent;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    lixia = await world.signIn('lixia_staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
  });
  afterAll(() => t.close());

  const base = () => ({
    source: 'leader',
    title: '开展民营经济人士理想信念教育',
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    cycle: 'monthly',
  });
  const created = async (agent: Agent, body: object, headers?: Record<string, string>) => {
    const res = await agent.post('/api/tasks', body, headers);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TaskOut>();
  };
  const act = async (agent: Agent, task: { id: number; version: number }, path: string, body?: object) => {
    const res = await agent.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/${path}`,
      payload: body ?? {},
      ifMatch: task.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TaskOut>();
  };

  it('assigns a task to a unit, which sees it, signs for it, and nobody outside its scope can', async () => {
    const task = await created(staff, {
      ...base(),
      leadUnitId: unit['山东省发展和改革委员会'],
      cooperatingUnitIds: [unit['山东省商务厅']],
      assign: true,
    });
    expect(task.status).toBe('assigned');
    expect(task.actions.sign).toBe(false);

    const seen = await handler.get(`/api/tasks/${task.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<TaskOut>().actions.sign).toBe(true);
    // The unit is told in its inbox, with a link to the task; whoever assigned it is not.
    const inbox = (await handler.get('/api/inbox')).json<{
      items: { kind: string; link: string; title: string }[];
    }>();
    expect(inbox.items[0]).toMatchObject({ kind: 'task.assigned', link: `/tasks/${task.id}` });
    expect(inbox.items[0]!.title).toContain('请签收');
    const own = (await staff.get('/api/inbox')).json<{ items: { link: string }[] }>();
    expect(own.items.map((m) => m.link)).not.toContain(`/tasks/${task.id}`);
    const listed = await handler.get('/api/tasks');
    expect(listed.json<{ items: TaskOut[] }>().items.map((x) => x.id)).toContain(task.id);

    for (const outsider of [lixia, qingdao, jinan]) {
      expect((await outsider.get(`/api/tasks/${task.id}`)).statusCode).toBe(404);
      const list = await outsider.get('/api/tasks');
      expect(list.json<{ items: TaskOut[] }>().items.map((x) => x.id)).not.toContain(task.id);
      expect(
        (
          await outsider.request({
            method: 'POST',
            url: `/api/tasks/${task.id}/sign`,
            payload: {},
            ifMatch: task.version,
          })
        ).statusCode,
      ).toBe(404);
    }
    const denied = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'access.out_of_scope')
      .where('object_type', '=', 'task')
      .where('object_id', '=', String(task.id))
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);

    // Staff cannot sign for the unit; the unit signs once.
    const refused = await staff.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/sign`,
      payload: {},
      ifMatch: task.version,
    });
    expect(refused.statusCode).toBe(403);
    const signed = await act(handler, task, 'sign');
    expect(signed.status).toBe('accepted');
    const again = await handler.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/sign`,
      payload: {},
      ifMatch: signed.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TASK_STATE' });
  });

  it('goes down the hierarchy: a city decomposes what the province assigned, and the parent rolls up', async () => {
    const parent = await created(staff, {
      ...base(),
      title: '做深做实“万企兴万村”行动',
      leadUnitId: unit['中共济南市委统战部'],
      assign: true,
    });
    expect(parent.undecomposed).toBe(true);
    // Assigned to a city's 统战部: that city's staff are told.
    const told = (await jinan.get('/api/inbox')).json<{ items: { link: string }[] }>();
    expect(told.items.map((m) => m.link)).toContain(`/tasks/${parent.id}`);
    const pending = await staff.get('/api/tasks?undecomposed=true');
    expect(pending.json<{ items: TaskOut[] }>().items.map((x) => x.id)).toContain(parent.id);

    // Qingdao (a sibling city) neither sees nor decomposes it.
    expect((await qingdao.get(`/api/tasks/${parent.id}`)).statusCode).toBe(404);
    const sneaky = await qingdao.post('/api/tasks', {
      ...base(),
      parentId: parent.id,
      leadUnitId: unit['中共青岛市委统战部'],
    });
    expect(sneaky.statusCode).toBe(400);

    const seen = (await jinan.get(`/api/tasks/${parent.id}`)).json<TaskOut>();
    expect(seen.actions.sign && seen.actions.decompose).toBe(true);
    await act(jinan, parent, 'sign');
    const childA = await created(jinan, {
      ...base(),
      parentId: parent.id,
      title: '历下区开展结对帮扶',
      leadUnitId: unit['中共济南市历下区委统战部'],
      assign: true,
    });
    const childB = await created(jinan, {
      ...base(),
      parentId: parent.id,
      title: '市中区开展结对帮扶',
      leadUnitId: unit['中共济南市市中区委统战部'],
      weight: 3,
      assign: true,
    });
    // A city cannot hand a child to a unit outside its own subtree.
    const outside = await jinan.post('/api/tasks', {
      ...base(),
      parentId: parent.id,
      leadUnitId: unit['山东省发展和改革委员会'],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({
      code: 'TASK_INVALID',
      details: { problems: [{ path: 'leadUnitId' }] },
    });

    const after = (await staff.get(`/api/tasks/${parent.id}`)).json<TaskOut>();
    expect(after.childCount).toBe(2);
    expect(after.undecomposed).toBe(false);
    const tree = (await staff.get(`/api/tasks/${parent.id}/tree`)).json<{ id: number }[]>();
    expect(tree.map((n) => n.id)).toEqual([childA.id, childB.id]);
    // The county sees its own child, not its neighbour's nor (as a record to act on) the parent.
    expect((await lixia.get(`/api/tasks/${childA.id}`)).statusCode).toBe(200);
    expect((await lixia.get(`/api/tasks/${childB.id}`)).statusCode).toBe(404);

    // The county finishes its part: the parent's progress is the weighted roll-up (1 × 100 + 3 × 0) / 4.
    const a1 = await act(lixia, childA, 'sign');
    const a2 = await act(lixia, a1, 'completion', { summary: '已完成结对帮扶 12 对' });
    await act(jinan, a2, 'completion/confirm');
    const rolled = (await staff.get(`/api/tasks/${parent.id}`)).json<TaskOut>();
    expect(rolled.progress).toBe(25);
  });

  it('answers a stale edit with 412 and keeps one of two simultaneous edits', async () => {
    const task = await created(staff, { ...base(), leadUnitId: unit['山东省教育厅'] });
    const [a, b] = await Promise.all([
      staff.patch(`/api/tasks/${task.id}`, { title: '第一次修改的名称' }, task.version),
      staff.patch(`/api/tasks/${task.id}`, { title: '第二次修改的名称' }, task.version),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const missing = await staff.request({
      method: 'PATCH',
      url: `/api/tasks/${task.id}`,
      payload: { title: '没有版本号' },
    });
    expect(missing.statusCode).toBe(428);
  });

  it('refuses bad input on its field, in Chinese, and saves nothing', async () => {
    const before = await t.db.kysely
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const late = await staff.post('/api/tasks', {
      ...base(),
      leadUnitId: unit['山东省教育厅'],
      startDate: '2026-06-01',
      dueDate: '2026-05-01',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({
      code: 'TASK_INVALID',
      details: { problems: [{ path: 'dueDate', message: '完成时限不能早于开始时间' }] },
    });
    const badDate = await staff.post('/api/tasks', {
      ...base(),
      leadUnitId: unit['山东省教育厅'],
      dueDate: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    const noItem = await staff.post('/api/tasks', {
      ...base(),
      source: 'plan',
      leadUnitId: unit['山东省教育厅'],
    });
    expect(noItem.json()).toMatchObject({ details: { problems: [{ path: 'planItemId' }] } });
    const byHandler = await handler.post('/api/tasks', {
      ...base(),
      leadUnitId: unit['山东省发展和改革委员会'],
    });
    expect(byHandler.statusCode).toBe(403);
    const after = await t.db.kysely
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('creates once for one Idempotency-Key', async () => {
    const key = idempotencyKey();
    const body = { ...base(), title: '幂等创建的任务', leadUnitId: unit['山东省教育厅'] };
    const [a, b] = [
      await staff.post('/api/tasks', body, { 'idempotency-key': key }),
      await staff.post('/api/tasks', body, { 'idempotency-key': key }),
    ];
    expect(a.statusCode).toBe(201);
    expect(b.json<TaskOut>().id).toBe(a.json<TaskOut>().id);
    const rows = await t.db.kysely
      .selectFrom('tasks')
      .select('id')
      .where('title', '=', '幂等创建的任务')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('lets the unit ask for a new deadline, which staff approve, with the story on the timeline', async () => {
    const task = await created(staff, {
      ...base(),
      title: '调整时限的任务',
      leadUnitId: unit['山东省发展和改革委员会'],
      assign: true,
    });
    const asked = await handler.post(`/api/tasks/${task.id}/adjustments`, {
      kind: 'deadline',
      reason: '需等待省政府会议',
      dueDate: '2027-03-31',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const twice = await handler.post(`/api/tasks/${task.id}/adjustments`, {
      kind: 'deadline',
      reason: '再次申请',
      dueDate: '2027-04-30',
    });
    expect(twice.json()).toMatchObject({ code: 'TASK_ADJUSTMENT_PENDING' });
    const adjustmentId = asked.json<{ adjustments: { id: number }[] }>().adjustments[0]!.id;
    expect(
      (await handler.post(`/api/tasks/${task.id}/adjustments/${adjustmentId}/decision`, { approve: true }))
        .statusCode,
    ).toBe(403);
    const decided = await staff.post(`/api/tasks/${task.id}/adjustments/${adjustmentId}/decision`, {
      approve: true,
      comment: '同意',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<TaskOut>().dueDate).toBe('2027-03-31');
    const timeline = (await handler.get(`/api/tasks/${task.id}/timeline`)).json<
      { kind: string; label: string }[]
    >();
    expect(timeline.map((e) => e.kind).filter((k) => k !== 'health_changed')).toEqual([
      'created',
      'assigned',
      'adjustment_requested',
      'adjustment_approved',
    ]);
    expect(timeline.find((e) => e.kind === 'adjustment_approved')!.label).toBe('同意调整');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'task')
      .where('object_id', '=', String(task.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'task.create',
      'task.assign',
      'task.adjust.request',
      'task.adjust.approve',
    ]);
  });

  it('returns a completion request with a comment, then confirms it; a cancelled task keeps its reason', async () => {
    const task = await created(staff, {
      ...base(),
      title: '办结流程的任务',
      leadUnitId: unit['山东省发展和改革委员会'],
      assign: true,
    });
    const s1 = await act(handler, task, 'sign');
    const r1 = await act(handler, s1, 'completion', { summary: '已完成' });
    const back = await act(staff, r1, 'completion/return', { comment: '请补充佐证材料' });
    expect(back.status).toBe('accepted');
    const r2 = await act(handler, back, 'completion', { summary: '已完成，附会议纪要' });
    const done = await act(staff, r2, 'completion/confirm');
    expect(done.status).toBe('completed');
    expect(done.progress).toBe(100);

    const other = await created(staff, {
      ...base(),
      title: '将被撤销的任务',
      leadUnitId: unit['山东省教育厅'],
    });
    const short = await staff.request({
      method: 'POST',
      url: `/api/tasks/${other.id}/cancel`,
      payload: {},
      ifMatch: other.version,
    });
    expect(short.statusCode).toBe(400);
    const cancelled = await act(staff, other, 'cancel', { reason: '任务已合并到其他任务' });
    expect(cancelled.status).toBe('cancelled');
  });

  it('counts each colour for the filter, in the same answer as the list', async () => {
    const res = (await staff.get('/api/tasks?limit=2')).json<{
      items: TaskOut[];
      nextCursor: string | null;
      counts: Record<string, number>;
    }>();
    const all: TaskOut[] = [...res.items];
    let cursor = res.nextCursor;
    while (cursor) {
      const page = (await staff.get(`/api/tasks?limit=2&cursor=${cursor}`)).json<{
        items: TaskOut[];
        nextCursor: string | null;
      }>();
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(res.counts.total).toBe(all.length);
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
  });

  it('gives an assigned task its colour with the reasons, and remembers each change of colour', async () => {
    // The test clock stands at 2026-03-01: a task due the day before is overdue.
    const task = await created(staff, {
      ...base(),
      title: '已逾期的任务',
      leadUnitId: unit['山东省教育厅'],
      dueDate: '2026-02-28',
    });
    expect(task).toMatchObject({ health: 'none' });
    const assigned = await act(staff, task, 'assign');
    expect(assigned.health).toBe('red');
    expect(assigned.healthReasons[0]).toMatchObject({ code: 'TASK_OVERDUE' });
    expect(assigned.healthReasons[0]!.message).toContain('逾期 1 天');
    const history = await t.db.kysely
      .selectFrom('task_health_history')
      .select(['health'])
      .where('task_id', '=', task.id)
      .execute();
    expect(history.map((h) => h.health)).toEqual(['red']);
    const strip = (await staff.get(`/api/tasks/${task.id}/health-history`)).json<
      { at: string; health: string; reasons: { code: string }[] }[]
    >();
    expect(strip.map((h) => h.health)).toEqual(['red']);
    expect(strip[0]!.reasons[0]).toMatchObject({ code: 'TASK_OVERDUE' });
    // Another city's staff cannot read it.
    expect((await qingdao.get(`/api/tasks/${task.id}/health-history`)).statusCode).toBe(404);
    const timeline = (await staff.get(`/api/tasks/${task.id}/timeline`)).json<{ kind: string }[]>();
    expect(timeline.map((e) => e.kind)).toContain('health_changed');
    // Cancelling it takes the colour away, and that change is remembered too.
    await act(staff, assigned, 'cancel', { reason: '不再需要' });
    const after = await t.db.kysely
      .selectFrom('task_health_history')
      .select(['health'])
      .where('task_id', '=', task.id)
      .orderBy('id')
      .execute();
    expect(after.map((h) => h.health)).toEqual(['red', 'none']);
  });
});
