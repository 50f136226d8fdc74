// The notice list's pages are kept in the read cache while nothing is written (db/read-cache.ts). After
// warming it, a notice changed through the app, through a second connection (another process, the
// console), or a new day (colours follow the date) shows on the very next request; readers of different
// scope never share a page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS, secondConnection } from '../../../test/db.ts';

interface Page {
  items: { id: number; status: string; colour: string; version: number }[];
}

describe.each(DIALECTS)('notice list pages are never stale (%s)', (dialect) => {
  let t: TestApp;
  let other: Db;
  let staff: Agent;
  let handler: Agent;
  let qingdao: Agent;
  let notice: { id: number; version: number };
  const LIST = '/api/notices?limit=20';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T23:45:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
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
    const res = await staff.post(
      `/api/tasks/${task.json<{ id: number }>().id}/notices`,
      {
        level: 'key',
        reason: '进度滞后，连续两期未报送',
        requirements: '今日内反馈整改措施',
        responseDue: '2026-03-02',
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    notice = res.json();
    other = secondConnection(t.db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  const page = async (agent: Agent) => {
    const res = await agent.get(LIST);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const listed = async (agent: Agent) => (await page(agent)).items.find((x) => x.id === notice.id);

  beforeEach(async () => {
    const first = await page(staff);
    expect(await page(staff)).toEqual(first);
  });

  it('a notice signed through the app is listed as signed on the very next request', async () => {
    const current = (await handler.get(`/api/notices/${notice.id}`)).json<{ version: number }>();
    expect((await listed(handler))?.status).toBe('issued');
    const res = await handler.request({
      method: 'POST',
      url: `/api/notices/${notice.id}/sign`,
      payload: {},
      ifMatch: current.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await listed(staff))?.status).toBe('signed');
    expect((await listed(handler))?.status).toBe('signed');
  });

  it('a notice changed through another connection is listed as it now is', async () => {
    await other.kysely
      .updateTable('notices')
      .set({ status: 'responded' })
      .where('id', '=', notice.id)
      .execute();
    expect((await listed(staff))?.status).toBe('responded');
  });

  it('readers of different scope asking the same query never get each other’s page', async () => {
    expect(await listed(staff)).toBeDefined();
    expect(await listed(qingdao)).toBeUndefined();
    expect(await listed(staff)).toBeDefined();
  });

  // Due today: red from midnight on. A session's last-seen time is written at most once a minute, so the
  // list asked at 23:59:40 and again at 00:00:10 has nothing written in between: the page kept from before
  // midnight must not be answered after it.
  it('turns red at midnight after its response date without any write', async () => {
    t.clock.set(new Date('2026-03-02T23:59:40+08:00'));
    expect((await listed(staff))?.colour).not.toBe('red');
    expect((await listed(staff))?.colour).not.toBe('red');
    t.clock.advance(30_000);
    expect((await listed(staff))?.colour).toBe('red');
  });
});
