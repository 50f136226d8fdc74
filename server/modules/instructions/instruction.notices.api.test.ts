import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  signIn,
  type Agent,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { generatePassword } from '../../core/auth/password.ts';
import { insertNewUser } from '../org/index.ts';

interface InstructionOut {
  id: number;
  version: number;
  status: string;
  target: { type: string; id: number; link: string; title: string; taskId: number | null };
  actions: { followUp: boolean; confirm: boolean; more: boolean };
}

// 批示 on a 督办单: the notice registers as an instruction target; its lead unit reports back, the issuing
// region's staff confirm, and each step is on the notice's own timeline.
describe.each(DIALECTS)('instructions on notices (%s)', (dialect) => {
  let t: TestApp;
  let leader: Agent;
  let staff: Agent;
  let handler: Agent;
  let jinanLeader: Agent;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Monday 2 March 2026, a working day.
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    leader = await world.signIn('leader');
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    // A city's leader: 济南市 and below, never 青岛市.
    const password = generatePassword();
    await insertNewUser(
      t.s,
      { actor: null, ip: '127.0.0.1', requestId: 'instruction-notice-test' },
      {
        username: 'jinan_leader',
        displayName: '济南部长',
        unitId: unit['中共济南市委统战部']!,
        regionCode: '370100',
      },
      { password, roles: ['leader'], mustChange: false },
    );
    jinanLeader = await signIn(t, 'jinan_leader', password);
  });
  afterAll(() => t.close());

  async function noticeOn(leadUnit: string, title: string) {
    const task = await staff.post('/api/tasks', {
      source: 'leader',
      title,
      leadUnitId: unit[leadUnit],
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'none',
      assign: true,
    });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = task.json<{ id: number }>().id;
    const notice = await staff.post(
      `/api/tasks/${taskId}/notices`,
      { level: 'key', reason: '进度滞后', requirements: '请说明原因并提出整改措施' },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(notice.statusCode, notice.body).toBe(201);
    return { taskId, noticeId: notice.json<{ id: number }>().id };
  }

  const instruct = (agent: Agent, body: object) =>
    agent.post('/api/instructions', body, { 'idempotency-key': idempotencyKey() });

  async function step(agent: Agent, i: { id: number; version: number }, path: string, body: object) {
    const res = await agent.request({
      method: 'POST',
      url: `/api/instructions/${i.id}/${path}`,
      payload: body,
      ifMatch: i.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<InstructionOut>();
  }

  it('takes a 批办 instruction on a notice: the lead unit reports back, the issuing staff confirm', async () => {
    const { taskId, noticeId } = await noticeOn('山东省发展和改革委员会', '督办单批示测试任务');
    const created = await instruct(leader, {
      targetType: 'notice',
      targetId: noticeId,
      kind: 'act',
      text: '请发改委限期整改到位。',
    });
    expect(created.statusCode, created.body).toBe(201);
    const first = created.json<InstructionOut>();
    expect(first).toMatchObject({ status: 'pending' });
    expect(first.target).toMatchObject({
      type: 'notice',
      id: noticeId,
      link: `/notices/${noticeId}`,
      title: '督办单批示测试任务',
      taskId,
    });

    // The lead unit's handlers are told, with a link to the notice's page.
    const inbox = (await handler.get('/api/inbox')).json<{ items: { kind: string; link: string }[] }>();
    expect(inbox.items[0]).toMatchObject({
      kind: 'instruction.created',
      link: `/notices/${noticeId}?instruction=${first.id}`,
    });

    // The notice's page and its task's page both list it; the lead unit may report back, staff not yet.
    const onNotice = async (agent: Agent) =>
      (await agent.get(`/api/instructions/on?targetType=notice&targetId=${noticeId}`)).json<
        InstructionOut[]
      >();
    expect((await onNotice(handler)).map((i) => i.id)).toEqual([first.id]);
    expect((await onNotice(handler))[0]!.actions).toEqual({ followUp: true, confirm: false, more: false });
    const onTask = (await leader.get(`/api/instructions/on?targetType=task&targetId=${taskId}`)).json<
      InstructionOut[]
    >();
    expect(onTask.map((i) => i.id)).toContain(first.id);

    const reported = await step(handler, first, 'follow-ups', { text: '已制定整改方案并落实。' });
    expect(reported.status).toBe('reported');
    expect((await onNotice(staff))[0]!.actions).toEqual({ followUp: false, confirm: true, more: true });
    const done = await step(staff, reported, 'confirm', { comment: '整改到位' });
    expect(done.status).toBe('done');

    // Every step is on the notice's own timeline, labelled for its page.
    const detail = (await leader.get(`/api/notices/${noticeId}`)).json<{
      timeline: { kind: string; label: string; detail: Record<string, unknown> }[];
    }>();
    const steps = detail.timeline.filter((e) => e.kind.startsWith('instruction_'));
    expect(steps.map((e) => [e.kind, e.label])).toEqual([
      ['instruction_created', '领导批示'],
      ['instruction_followed_up', '反馈批示落实情况'],
      ['instruction_done', '确认批示落实完毕'],
    ]);
    expect(steps[0]!.detail).toMatchObject({ instructionId: first.id, text: '请发改委限期整改到位。' });
  });

  it("answers a sibling city's leader 404 for a notice outside their region, as for a missing one", async () => {
    const { noticeId } = await noticeOn('中共青岛市委统战部', '青岛市督办单任务');
    const body = { targetType: 'notice', targetId: noticeId, kind: 'act', text: '请落实。' };
    const denied = await instruct(jinanLeader, body);
    expect(denied.statusCode).toBe(404);
    const missing = await instruct(jinanLeader, { ...body, targetId: 999_999 });
    expect(denied.json()).toEqual(missing.json());
    expect(denied.json()).toMatchObject({ code: 'NOTICE_NOT_FOUND' });
    expect(
      (await jinanLeader.get(`/api/instructions/on?targetType=notice&targetId=${noticeId}`)).statusCode,
    ).toBe(404);
    // The province's leader, whose region holds Qingdao, may.
    expect((await instruct(leader, body)).statusCode).toBe(201);
    const written = await t.db.kysely
      .selectFrom('instructions')
      .select('author_id')
      .where('target_type', '=', 'notice')
      .where('target_id', '=', noticeId)
      .execute();
    expect(written).toHaveLength(1);
  });
});
