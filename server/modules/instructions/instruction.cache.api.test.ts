// The 批示办理 list and the 关注 feed are kept in the read cache while nothing is written (db/read-cache.ts).
// After warming them, a change through the app or through a second connection shows on the very next
// request, and two readers asking the same query never get each other's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS, secondConnection } from '../../../test/db.ts';

interface Page {
  items: { id: number; status: string; text?: string }[];
}
interface Feed {
  items: { targetId: number; label: string }[];
}

describe.each(DIALECTS)('批示办理 and 关注 pages are never stale (%s)', (dialect) => {
  let t: TestApp;
  let other: Db;
  let leader: Agent;
  let staff: Agent;
  let qingdao: Agent;
  let taskId: number;
  let instruction: { id: number; version: number };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    leader = await world.signIn('leader');
    staff = await world.signIn('staff');
    qingdao = await world.signIn('qingdao_staff');
    const unit = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省发展和改革委员会')
      .executeTakeFirstOrThrow();
    const task = await staff.post('/api/tasks', {
      source: 'leader',
      title: '推进民营企业家健康成长',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: unit.id,
      assign: true,
    });
    expect(task.statusCode, task.body).toBe(201);
    taskId = task.json<{ id: number }>().id;
    expect((await leader.post('/api/watches', { targetType: 'task', targetId: taskId })).statusCode).toBe(
      201,
    );
    const res = await leader.post(
      '/api/instructions',
      { targetType: 'task', targetId: taskId, kind: 'act', text: '请抓紧推进，月底前报送进展。' },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    instruction = res.json();
    other = secondConnection(t.db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const page = async (agent: Agent) => {
    const res = await agent.get('/api/instructions?limit=20');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const feed = async (agent: Agent) => {
    const res = await agent.get('/api/watches/feed?limit=20');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Feed>();
  };

  it('an instruction changed through another connection is listed as it now is', async () => {
    const before = await page(staff);
    expect(await page(staff)).toEqual(before);
    expect(before.items.find((i) => i.id === instruction.id)?.status).toBe('pending');
    await other.kysely
      .updateTable('instructions')
      .set({ status: 'done' })
      .where('id', '=', instruction.id)
      .execute();
    expect((await page(staff)).items.find((i) => i.id === instruction.id)?.status).toBe('done');
  });

  it('a new event on a followed task is in the feed on the very next request', async () => {
    const before = await feed(leader);
    expect(await feed(leader)).toEqual(before);
    const current = (await staff.get(`/api/tasks/${taskId}`)).json<{ version: number }>();
    const res = await staff.patch(
      `/api/tasks/${taskId}`,
      { title: '推进民营企业家健康成长（调整）' },
      current.version,
    );
    expect(res.statusCode, res.body).toBe(200);
    const after = await feed(leader);
    expect(after.items.length).toBeGreaterThan(before.items.length);
  });

  it('readers of different scope asking the same query never get each other’s page', async () => {
    expect((await page(staff)).items.map((i) => i.id)).toContain(instruction.id);
    expect((await page(qingdao)).items.map((i) => i.id)).not.toContain(instruction.id);
    expect((await feed(qingdao)).items).toEqual([]);
    expect((await feed(leader)).items.length).toBeGreaterThan(0);
  });
});
