import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface WatchOut {
  id: number;
  targetType: string;
  targetId: number;
  target: { title: string; link: string; state: string; health: string | null };
}
interface FeedOut {
  items: { targetId: number; eventId: number; at: string; label: string; link: string }[];
  nextCursor: string | null;
}

describe.each(DIALECTS)('the watch-list and its feed (%s)', (dialect) => {
  let t: TestApp;
  let leader: Agent;
  let staff: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let handler: Agent;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    leader = await world.signIn('leader');
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    handler = await world.signIn('handler');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
  });
  afterAll(() => t.close());

  async function task(leadUnit: string, title: string) {
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
    return res.json<{ id: number; version: number }>();
  }

  async function feed(agent: Agent, limit = 50, cursor?: string): Promise<FeedOut> {
    const res = await agent.get(`/api/watches/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<FeedOut>();
  }

  it('follows and unfollows tasks, once each, audited, and feeds their events newest first', async () => {
    const a = await task('山东省发展和改革委员会', '关注的任务甲');
    const b = await task('中共济南市委统战部', '关注的任务乙');
    const added = await leader.post('/api/watches', { targetType: 'task', targetId: a.id });
    expect(added.statusCode, added.body).toBe(201);
    const watch = added.json<WatchOut>();
    expect(watch).toMatchObject({
      targetType: 'task',
      targetId: a.id,
      target: { title: '关注的任务甲', link: `/tasks/${a.id}`, state: '待签收' },
    });
    const twice = await leader.post('/api/watches', { targetType: 'task', targetId: a.id });
    expect(twice.statusCode).toBe(200);
    expect(twice.json<WatchOut>().id).toBe(watch.id);
    expect((await leader.post('/api/watches', { targetType: 'task', targetId: b.id })).statusCode).toBe(201);
    const mine = (await leader.get(`/api/watches?targetType=task&targetId=${a.id}`)).json<WatchOut[]>();
    expect(mine.map((w) => w.id)).toEqual([watch.id]);
    expect((await leader.get('/api/watches')).json<WatchOut[]>()).toHaveLength(2);
    // A report cannot be followed; a task nobody has is 404.
    const report = await leader.post('/api/watches', { targetType: 'report', targetId: 1 });
    expect(report.statusCode).toBe(400);
    expect(report.json<{ message: string }>().message).toContain('不能关注');
    expect((await leader.post('/api/watches', { targetType: 'task', targetId: 999_999 })).statusCode).toBe(
      404,
    );

    // Things happen to the tasks: the feed shows them, newest first.
    await leader.post('/api/instructions', {
      targetType: 'task',
      targetId: b.id,
      kind: 'read',
      text: '阅。',
    });
    const all = await feed(leader);
    expect(all.items.length).toBeGreaterThanOrEqual(5);
    expect(all.items[0]).toMatchObject({ targetId: b.id, label: '领导批示', link: `/tasks/${b.id}` });
    const keys = all.items.map((e) => `${e.at}|${e.eventId}`);
    expect([...keys].sort().reverse()).toEqual(keys);
    expect(new Set(all.items.map((e) => e.targetId))).toEqual(new Set([a.id, b.id]));
    // Keyset pages of two give the same events, each once.
    const paged: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await feed(leader, 2, cursor);
      paged.push(...page.items.map((e) => e.eventId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.items.map((e) => e.eventId));

    // Someone else's entry is not theirs to remove (404 + audit); the owner removes it.
    expect((await staff.request({ method: 'DELETE', url: `/api/watches/${watch.id}` })).statusCode).toBe(404);
    expect((await leader.request({ method: 'DELETE', url: `/api/watches/${watch.id}` })).statusCode).toBe(
      204,
    );
    expect((await leader.get('/api/watches')).json<WatchOut[]>().map((w) => w.targetId)).toEqual([b.id]);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', 'in', ['watch.add', 'watch.remove'])
      .orderBy('id')
      .execute();
    expect(audits.map((x) => `${x.action} ${x.object_id}`)).toEqual([
      `watch.add ${a.id}`,
      `watch.add ${b.id}`,
      `watch.remove ${a.id}`,
    ]);
    expect((await feed(leader)).items.every((e) => e.targetId === b.id)).toBe(true);
  });

  it('drops a followed task from the list and feed once it moves out of the reader’s scope', async () => {
    const moving = await task('中共济南市委统战部', '将移交青岛的任务');
    expect((await jinan.post('/api/watches', { targetType: 'task', targetId: moving.id })).statusCode).toBe(
      201,
    );
    expect((await jinan.get('/api/watches')).json<WatchOut[]>().map((w) => w.targetId)).toContain(moving.id);
    expect((await feed(jinan)).items.map((e) => e.targetId)).toContain(moving.id);
    // Out of Jinan's scope (a sibling city): Qingdao cannot follow it at all.
    const qingdaoTask = await task('中共青岛市委统战部', '青岛的任务');
    expect(
      (await jinan.post('/api/watches', { targetType: 'task', targetId: qingdaoTask.id })).statusCode,
    ).toBe(404);

    // The lead unit changes to Qingdao's 统战部 (an approved adjustment): the task leaves Jinan's scope.
    const asked = await jinan.post(`/api/tasks/${moving.id}/adjustments`, {
      kind: 'lead',
      reason: '工作调整，由青岛市牵头',
      leadUnitId: unit['中共青岛市委统战部'],
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const adjustmentId = asked.json<{ adjustments: { id: number }[] }>().adjustments[0]!.id;
    const decided = await staff.post(`/api/tasks/${moving.id}/adjustments/${adjustmentId}/decision`, {
      approve: true,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await jinan.get(`/api/tasks/${moving.id}`)).statusCode).toBe(404);
    expect((await jinan.get('/api/watches')).json<WatchOut[]>().map((w) => w.targetId)).not.toContain(
      moving.id,
    );
    expect((await feed(jinan)).items.map((e) => e.targetId)).not.toContain(moving.id);
  });

  async function notice(agent: Agent, taskId: number) {
    const res = await agent.post(
      `/api/tasks/${taskId}/notices`,
      { level: 'key', reason: '进度滞后', requirements: '五个工作日内反馈整改措施', copyToUnitIds: [] },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; version: number }>();
  }

  it('follows a 督办单 like a task: its steps feed 我的关注, merged with tasks, scope re-checked on read', async () => {
    const provincial = await task('山东省发展和改革委员会', '关注的督办任务');
    const n = await notice(staff, provincial.id);
    const added = await leader.post('/api/watches', { targetType: 'notice', targetId: n.id });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<WatchOut>()).toMatchObject({
      targetType: 'notice',
      targetId: n.id,
      target: { title: '关注的督办任务（重点督办单）', link: `/notices/${n.id}`, state: '待签收' },
    });
    expect(
      (await leader.get(`/api/watches?targetType=notice&targetId=${n.id}`)).json<WatchOut[]>(),
    ).toHaveLength(1);
    // The unit signs it a minute later: the step heads the feed, next to the followed tasks' events.
    t.clock.advance(60_000);
    const signed = await handler.request({
      method: 'POST',
      url: `/api/notices/${n.id}/sign`,
      payload: {},
      ifMatch: n.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const all = await feed(leader);
    expect(all.items[0]).toMatchObject({ targetId: n.id, label: '签收', link: `/notices/${n.id}` });
    // The colour it was given when issued is on its timeline too, so followers see it.
    expect(all.items.filter((e) => e.link === `/notices/${n.id}`).map((e) => e.label)).toEqual([
      '签收',
      '颜色变化',
      '下发督办单',
    ]);
    const keys = all.items.map((e) => e.at);
    expect([...keys].sort().reverse()).toEqual(keys);
    // Keyset pages of one over both types give the same events, each once.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await feed(leader, 1, cursor);
      paged.push(...page.items.map((e) => `${e.link}#${e.eventId}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.items.map((e) => `${e.link}#${e.eventId}`));

    // A city's notice: Qingdao cannot follow Jinan's; a notice whose task moves to Qingdao leaves Jinan's list.
    const jinanTask = await task('中共济南市委统战部', '济南督办后移交青岛');
    const jn = await notice(staff, jinanTask.id);
    expect((await qingdao.post('/api/watches', { targetType: 'notice', targetId: jn.id })).statusCode).toBe(
      404,
    );
    expect((await jinan.post('/api/watches', { targetType: 'notice', targetId: jn.id })).statusCode).toBe(
      201,
    );
    expect((await feed(jinan)).items.map((e) => e.link)).toContain(`/notices/${jn.id}`);
    // The notice keeps the region it was issued in; re-checking on read follows that row (moved here by hand,
    // as an adjustment of the lead unit would move the task's).
    const qd = await t.db.kysely
      .selectFrom('regions')
      .select(['code', 'path'])
      .where('code', '=', '370200')
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .updateTable('notices')
      .set({ region_code: qd.code, region_path: qd.path })
      .where('id', '=', jn.id)
      .execute();
    expect((await jinan.get('/api/watches')).json<WatchOut[]>().map((w) => w.targetId)).not.toContain(jn.id);
    expect((await feed(jinan)).items.map((e) => e.link)).not.toContain(`/notices/${jn.id}`);
    expect(
      (
        await t.db.kysely
          .selectFrom('audit_log')
          .select('object_id')
          .where('action', '=', 'watch.add')
          .where('object_type', '=', 'notice')
          .execute()
      ).map((r) => r.object_id),
    ).toEqual([String(n.id), String(jn.id)]);
  });
});
