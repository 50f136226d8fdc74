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
import type { RequestContext } from '../../core/access/actor.ts';
import { generatePassword } from '../../core/auth/password.ts';
import { pdf } from '../attachments/testing/samples.ts';
import { insertNewUser } from '../org/index.ts';
import { countAwaitingFollowUp } from './index.ts';

const BOUNDARY = '----luoshi-instruction-boundary';
function upload(agent: Agent, filename: string, content: Buffer) {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return agent.request({
    method: 'POST',
    url: '/api/attachments',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  });
}

interface InstructionOut {
  id: number;
  version: number;
  kind: string;
  status: string;
  statusLabel: string;
  text: string;
  target: { type: string; id: number; link: string; title: string; taskId: number | null };
  followUps: {
    kind: string;
    text: string;
    actorName: string;
    unitName: string | null;
    attachments: { id: number }[];
  }[];
  actions: { followUp: boolean; confirm: boolean; more: boolean };
}

const SYSTEM: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'instruction-test' };

describe.each(DIALECTS)('leaders’ instructions (%s)', (dialect) => {
  let t: TestApp;
  let leader: Agent;
  let staff: Agent;
  let handler: Agent;
  let jinanStaff: Agent;
  let jinanLeader: Agent;
  let leaderId: number;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    leader = await world.signIn('leader');
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    jinanStaff = await world.signIn('jinan_staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    // A city's leader: 济南市 and below, never 青岛市.
    const password = generatePassword();
    await insertNewUser(
      t.s,
      SYSTEM,
      {
        username: 'jinan_leader',
        displayName: '济南部长',
        unitId: unit['中共济南市委统战部']!,
        regionCode: '370100',
      },
      { password, roles: ['leader'], mustChange: false },
    );
    jinanLeader = await signIn(t, 'jinan_leader', password);
    leaderId = (
      await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'leader')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  async function task(leadUnit: string, title = '推进民营企业“万企兴万村”行动') {
    const res = await staff.post('/api/tasks', {
      source: 'leader',
      title,
      leadUnitId: unit[leadUnit],
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      assign: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  }

  async function instruct(agent: Agent, body: object, key = idempotencyKey()) {
    return agent.post('/api/instructions', body, { 'idempotency-key': key });
  }

  async function step(
    agent: Agent,
    i: { id: number; version: number },
    path: string,
    body: object,
    status = 200,
  ) {
    const res = await agent.request({
      method: 'POST',
      url: `/api/instructions/${i.id}/${path}`,
      payload: body,
      ifMatch: i.version,
    });
    expect(res.statusCode, res.body).toBe(status);
    return res.json<InstructionOut>();
  }

  it('follows a 批办 instruction from the leader to the unit and back until staff confirm it done', async () => {
    const taskId = await task('山东省发展和改革委员会');
    const key = idempotencyKey();
    const body = { targetType: 'task', targetId: taskId, kind: 'act', text: '请抓紧推进，月底前报送进展。' };
    const created = await instruct(leader, body, key);
    expect(created.statusCode, created.body).toBe(201);
    const first = created.json<InstructionOut>();
    expect(first).toMatchObject({ kind: 'act', status: 'pending', statusLabel: '待反馈' });
    expect(first.target).toMatchObject({ type: 'task', id: taskId, link: `/tasks/${taskId}`, taskId });
    expect(created.headers.etag).toBe(`"${first.version}"`);

    // The same Idempotency-Key answers the first instruction again, and writes nothing more.
    const replay = await instruct(leader, body, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json<InstructionOut>().id).toBe(first.id);
    const rows = await t.db.kysely
      .selectFrom('instructions')
      .select('id')
      .where('task_id', '=', taskId)
      .execute();
    expect(rows).toHaveLength(1);

    // Timeline, inboxes (unit and managing staff, not the author), audit.
    const timeline = (await handler.get(`/api/tasks/${taskId}/timeline`)).json<
      { kind: string; label: string }[]
    >();
    expect(timeline.map((e) => e.kind)).toContain('instruction_created');
    expect(timeline.find((e) => e.kind === 'instruction_created')!.label).toBe('领导批示');
    const inbox = (await handler.get('/api/inbox')).json<{
      items: { kind: string; link: string; title: string }[];
    }>();
    expect(inbox.items[0]).toMatchObject({
      kind: 'instruction.created',
      link: `/tasks/${taskId}?instruction=${first.id}`,
    });
    expect(inbox.items[0]!.title).toContain('批办');
    const staffInbox = (await staff.get('/api/inbox')).json<{ items: { kind: string }[] }>();
    expect(staffInbox.items.map((m) => m.kind)).toContain('instruction.created');
    const own = (await leader.get('/api/inbox')).json<{ items: { kind: string }[] }>();
    expect(own.items.map((m) => m.kind)).not.toContain('instruction.created');
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'instruction')
      .where('object_id', '=', String(first.id))
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['instruction.create']);

    // Who may do what, as the page shows it.
    const onTask = async (agent: Agent) =>
      (await agent.get(`/api/instructions/on?targetType=task&targetId=${taskId}`)).json<
        InstructionOut[]
      >()[0]!;
    expect((await onTask(handler)).actions).toEqual({ followUp: true, confirm: false, more: false });
    expect((await onTask(staff)).actions).toEqual({ followUp: false, confirm: false, more: false });
    expect((await onTask(leader)).actions).toEqual({ followUp: false, confirm: false, more: false });

    // Staff cannot confirm before the unit has reported back; the leader may not report for the unit.
    const early = await staff.request({
      method: 'POST',
      url: `/api/instructions/${first.id}/confirm`,
      payload: {},
      ifMatch: first.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'INSTRUCTION_STATE',
      message: '责任单位尚未反馈落实情况，暂不能确认落实完毕',
    });
    expect(
      (
        await leader.request({
          method: 'POST',
          url: `/api/instructions/${first.id}/follow-ups`,
          payload: { text: 'x' },
          ifMatch: 1,
        })
      ).statusCode,
    ).toBe(403);
    // Staff hold work.handle but do not speak for this unit.
    const notTheirs = await staff.request({
      method: 'POST',
      url: `/api/instructions/${first.id}/follow-ups`,
      payload: { text: 'x' },
      ifMatch: first.version,
    });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json<{ message: string }>().message).toBe('只有责任单位可以反馈批示的落实情况');

    // If-Match: required (428), and a stale version is refused (412).
    const noVersion = await handler.post(`/api/instructions/${first.id}/follow-ups`, { text: '已部署' });
    expect(noVersion.statusCode).toBe(428);
    const stale = await handler.request({
      method: 'POST',
      url: `/api/instructions/${first.id}/follow-ups`,
      payload: { text: '已部署' },
      ifMatch: first.version + 5,
    });
    expect(stale.statusCode).toBe(412);

    // A file that is not the unit's own upload refuses the whole report back: nothing is written.
    const foreign = (await upload(staff, 'staff.pdf', pdf('名单'))).json<{ id: number }>();
    const refused = await handler.request({
      method: 'POST',
      url: `/api/instructions/${first.id}/follow-ups`,
      payload: { text: '已部署', attachmentIds: [foreign.id] },
      ifMatch: first.version,
    });
    expect(refused.statusCode).toBe(409);
    const after = await t.db.kysely
      .selectFrom('instruction_follow_ups')
      .select('id')
      .where('instruction_id', '=', first.id)
      .execute();
    expect(after).toHaveLength(0);
    const noAudit = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'instruction.follow_up')
      .execute();
    expect(noAudit).toHaveLength(0);

    // The unit reports back with a file, then once more; staff ask for more; the unit reports; staff confirm.
    const file = (await upload(handler, '进展.pdf', pdf('进展'))).json<{ id: number }>();
    const r1 = await step(handler, first, 'follow-ups', {
      text: '已召开专题会议部署。',
      attachmentIds: [file.id],
    });
    expect(r1).toMatchObject({ status: 'reported', statusLabel: '待确认' });
    expect(r1.followUps[0]).toMatchObject({
      kind: 'report',
      unitName: '山东省发展和改革委员会',
      actorName: '张华',
    });
    expect(r1.followUps[0]!.attachments.map((a) => a.id)).toEqual([file.id]);
    // The leader may read the file reported back.
    expect((await leader.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
    const r2 = await step(handler, r1, 'follow-ups', { text: '已走访 12 家企业。' });
    expect(r2.status).toBe('reported');
    expect((await onTask(staff)).actions).toEqual({ followUp: false, confirm: true, more: true });
    const leaderInbox = (await leader.get('/api/inbox')).json<{ items: { kind: string }[] }>();
    expect(leaderInbox.items.filter((m) => m.kind === 'instruction.followed_up')).toHaveLength(2);

    const noComment = await staff.request({
      method: 'POST',
      url: `/api/instructions/${first.id}/more`,
      payload: { comment: ' ' },
      ifMatch: r2.version,
    });
    expect(noComment.statusCode).toBe(400);
    expect(JSON.stringify(noComment.json())).toContain('请写明还需补充什么');
    const more = await step(staff, r2, 'more', { comment: '请补充走访企业名单。' });
    expect(more.status).toBe('pending');
    const handlerInbox = (await handler.get('/api/inbox')).json<{ items: { kind: string }[] }>();
    expect(handlerInbox.items[0]!.kind).toBe('instruction.more_requested');
    const r3 = await step(handler, more, 'follow-ups', { text: '名单已补充。' });
    const done = await step(staff, r3, 'confirm', { comment: '落实到位' });
    expect(done).toMatchObject({ status: 'done', statusLabel: '已落实' });
    expect(done.followUps.map((f) => f.kind)).toEqual(['report', 'report', 'more', 'report', 'done']);
    expect(done.actions).toEqual({ followUp: false, confirm: false, more: false });

    // The leader sees the whole thread; a finished instruction takes no more steps.
    const seen = (await leader.get(`/api/instructions/${first.id}`)).json<InstructionOut>();
    expect(seen.followUps.map((f) => f.text)).toEqual([
      '已召开专题会议部署。',
      '已走访 12 家企业。',
      '请补充走访企业名单。',
      '名单已补充。',
      '落实到位',
    ]);
    const again = await staff.request({
      method: 'POST',
      url: `/api/instructions/${first.id}/confirm`,
      payload: {},
      ifMatch: done.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ message: string }>().message).toBe('该批示已确认落实完毕，不能再办理');
    const kinds = (await leader.get('/api/inbox'))
      .json<{ items: { kind: string }[] }>()
      .items.map((m) => m.kind);
    expect(kinds).toContain('instruction.done');
    const trail = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'instruction')
      .where('object_id', '=', String(first.id))
      .orderBy('id')
      .execute();
    expect(trail.map((a) => a.action)).toEqual([
      'instruction.create',
      'instruction.follow_up',
      'instruction.follow_up',
      'instruction.more',
      'instruction.follow_up',
      'instruction.confirm',
    ]);
    const events = (await leader.get(`/api/tasks/${taskId}/timeline`))
      .json<{ kind: string }[]>()
      .map((e) => e.kind);
    expect(events.filter((k) => k.startsWith('instruction_'))).toEqual([
      'instruction_created',
      'instruction_followed_up',
      'instruction_followed_up',
      'instruction_more_requested',
      'instruction_followed_up',
      'instruction_done',
    ]);
  });

  it('writes 指导 and 阅知 instructions that need no follow-up, and one on a progress report', async () => {
    const taskId = await task('山东省发展和改革委员会', '指导类批示的任务');
    for (const kind of ['guide', 'read']) {
      const res = await instruct(leader, {
        targetType: 'task',
        targetId: taskId,
        kind,
        text: '此项工作很重要。',
      });
      expect(res.statusCode, res.body).toBe(201);
      const i = res.json<InstructionOut>();
      expect(i).toMatchObject({ kind, status: 'info', statusLabel: '无需反馈' });
      const refused = await handler.request({
        method: 'POST',
        url: `/api/instructions/${i.id}/follow-ups`,
        payload: { text: '收到' },
        ifMatch: i.version,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ message: string }>().message).toBe('指导、阅知类批示无需反馈落实情况');
    }
    const reports = (await staff.get(`/api/tasks/${taskId}/reports`)).json<
      { id: number; periodKey: string }[]
    >();
    expect(reports.length).toBeGreaterThan(0);
    const report = reports[0]!;
    const res = await instruct(leader, {
      targetType: 'report',
      targetId: report.id,
      kind: 'act',
      text: '报告中的问题请尽快解决。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const i = res.json<InstructionOut>();
    expect(i.target).toMatchObject({
      type: 'report',
      id: report.id,
      taskId,
      link: `/tasks/${taskId}?report=${report.periodKey}`,
    });
    expect(i.target.title).toContain('进度报告');
    // The task page lists the task's instructions and its reports' ones, newest first.
    const onTask = (await handler.get(`/api/instructions/on?targetType=task&targetId=${taskId}`)).json<
      InstructionOut[]
    >();
    expect(onTask.map((x) => x.target.type)).toEqual(['report', 'task', 'task']);
    const onReport = (await handler.get(`/api/instructions/on?targetType=report&targetId=${report.id}`)).json<
      InstructionOut[]
    >();
    expect(onReport.map((x) => x.id)).toEqual([i.id]);
    const timeline = (await handler.get(`/api/tasks/${taskId}/timeline`)).json<{ kind: string }[]>();
    expect(timeline.filter((e) => e.kind === 'instruction_created')).toHaveLength(3);
  });

  it('stops a leader’s rights at their region subtree: a sibling city’s task is 404 and audited', async () => {
    const qingdaoTask = await task('中共青岛市委统战部', '青岛市的任务');
    const jinanTask = await task('中共济南市委统战部', '济南市的任务');
    const before = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'access.out_of_scope')
      .where('object_type', '=', 'task')
      .where('object_id', '=', String(qingdaoTask))
      .execute();
    const denied = await instruct(jinanLeader, {
      targetType: 'task',
      targetId: qingdaoTask,
      kind: 'act',
      text: '请落实。',
    });
    expect(denied.statusCode).toBe(404);
    const missing = await instruct(jinanLeader, {
      targetType: 'task',
      targetId: 999_999,
      kind: 'act',
      text: '请落实。',
    });
    expect(denied.json()).toEqual(missing.json());
    expect(denied.json()).toMatchObject({ code: 'TASK_NOT_FOUND', message: '任务不存在' });
    const after = await t.db.kysely
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'access.out_of_scope')
      .where('object_type', '=', 'task')
      .where('object_id', '=', String(qingdaoTask))
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.actor_name).toBe('jinan_leader');

    const own = await instruct(jinanLeader, {
      targetType: 'task',
      targetId: jinanTask,
      kind: 'act',
      text: '请落实。',
    });
    expect(own.statusCode, own.body).toBe(201);
    const mine = own.json<InstructionOut>();
    // The city's staff act for the city's 统战部 and are told.
    const told = (await jinanStaff.get('/api/inbox')).json<{ items: { kind: string; link: string }[] }>();
    expect(told.items[0]).toMatchObject({
      kind: 'instruction.created',
      link: `/tasks/${jinanTask}?instruction=${mine.id}`,
    });
    // The province leader's instruction on Qingdao's task is not shown to Jinan's leader in any list.
    const qi = (
      await instruct(leader, { targetType: 'task', targetId: qingdaoTask, kind: 'read', text: '阅。' })
    ).json<InstructionOut>();
    expect((await jinanLeader.get(`/api/instructions/${qi.id}`)).statusCode).toBe(404);
    const list = (await jinanLeader.get('/api/instructions')).json<{ items: InstructionOut[] }>();
    expect(list.items.map((x) => x.id)).toEqual([mine.id]);
    expect(
      (await leader.get('/api/instructions?limit=50'))
        .json<{ items: InstructionOut[] }>()
        .items.map((x) => x.id),
    ).toContain(mine.id);
  });

  it('filters the 批示办理 list and counts what awaits follow-up', async () => {
    const all = (await leader.get('/api/instructions?mine=true&limit=50')).json<{ items: InstructionOut[] }>()
      .items;
    const awaiting = (await leader.get('/api/instructions?mine=true&status=awaiting&limit=50')).json<{
      items: InstructionOut[];
    }>().items;
    const done = (await leader.get('/api/instructions?mine=true&status=done')).json<{
      items: InstructionOut[];
    }>().items;
    expect(done).toHaveLength(1);
    expect(awaiting.every((x) => x.kind === 'act' && ['pending', 'reported'].includes(x.status))).toBe(true);
    expect(awaiting.length).toBe(await countAwaitingFollowUp(t.s, { authorId: leaderId }));
    expect(awaiting.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(awaiting.length + done.length - 1);
    const guide = (await leader.get('/api/instructions?kind=guide')).json<{ items: InstructionOut[] }>()
      .items;
    expect(guide.every((x) => x.kind === 'guide')).toBe(true);
    // Keyset pages: two at a time give the whole list once.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: InstructionOut[]; nextCursor: string | null } = (
        await leader.get(`/api/instructions?mine=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((x) => x.id));
    // The unit sees those to it; the region count takes the subtree.
    const unitList = (await handler.get('/api/instructions')).json<{ items: InstructionOut[] }>().items;
    expect(unitList.length).toBeGreaterThan(0);
    expect(await countAwaitingFollowUp(t.s, { regionPath: '370000' })).toBeGreaterThanOrEqual(
      awaiting.length,
    );
  });

  it('answers rejected input in Chinese', async () => {
    const empty = await instruct(leader, { targetType: 'task', targetId: 1, kind: 'act', text: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('请填写批示内容');
    const badKind = await instruct(leader, {
      targetType: 'task',
      targetId: 1,
      kind: 'urgent',
      text: '请落实',
    });
    expect(JSON.stringify(badKind.json())).toContain('批示类型应为批办、指导或阅知');
    const badType = await instruct(leader, { targetType: 'plan', targetId: 1, kind: 'act', text: '请落实' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json<{ message: string }>().message).toContain('不支持的对象类型');
    // Only leaders write instructions.
    expect(
      (await instruct(staff, { targetType: 'task', targetId: 1, kind: 'act', text: '请落实' })).statusCode,
    ).toBe(403);
  });
});
