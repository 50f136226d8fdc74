// The event list's pages and the outcome totals are kept in the read cache while nothing is written
// (docs/decisions/activity-list-speed.md). These tests warm the cache and prove that no kept answer
// outlives a change: an event or an outcome changed through the app's routes or through a second
// connection (another process, the console) shows as it now is on the very next request, readers of
// different scope never share an answer, and each page of the list is its own. They also walk the list a
// page at a time (cursor), on both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS, secondConnection } from '../../../test/db.ts';

interface Summary {
  id: number;
  name: string;
  startDate: string;
  state: string;
  version: number;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
  total: number;
  counts: Record<string, number>;
}
interface Totals {
  totals: { events: number; villages: number; talents: number };
}
type Res = { statusCode: number; body: string; json: <U>() => U };

describe.each(DIALECTS)('品牌活动 list pages and totals are never stale (%s)', (dialect) => {
  let t: TestApp;
  let other: Db;
  let jinan: Agent;
  let qingdao: Agent;
  let event: { id: number; version: number };
  let outcome: { id: number; version: number };
  const unit: Record<string, number> = {};
  const YEAR = 2031; // a year of this test's own: the demo's events are elsewhere
  const LIST = `/api/activity-events?year=${YEAR}`;
  const TOTALS = `/api/activity-totals?year=${YEAR}`;

  const ok = <T>(res: Res, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  const page = async (agent: Agent, url = LIST) => ok<Page>(await agent.get(url));
  const totals = async (agent: Agent) => ok<Totals>(await agent.get(TOTALS)).totals;
  const newEvent = async (name: string, startDate: string) =>
    ok<{ id: number; version: number }>(
      await jinan.post(
        '/api/activity-events',
        {
          name,
          startDate,
          endDate: startDate,
          placeRegionCode: '370100',
          organiserUnitId: unit['中共济南市委统战部'],
        },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-05-01T09:00:00+08:00'));
    const world = await seedDemo(t);
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    event = await newEvent('同心荟（缓存）', `${YEAR}-03-01`);
    for (const to of ['preparing', 'held'])
      event = ok(
        await jinan.request({
          method: 'POST',
          url: `/api/activity-events/${event.id}/transitions`,
          payload: { to },
          ifMatch: event.version,
        }),
      );
    outcome = ok(
      await jinan.post(
        `/api/activity-events/${event.id}/outcomes`,
        { kind: 'villages', name: '服务村庄', quantity: 3 },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );
    other = secondConnection(t.db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  beforeEach(async () => {
    // Warm the caches: the same page and the same totals asked three times answer the same.
    const first = await page(jinan);
    const sums = await totals(jinan);
    for (let i = 0; i < 2; i++) {
      expect(await page(jinan)).toEqual(first);
      expect(await totals(jinan)).toEqual(sums);
    }
  });

  it('an event renamed and an outcome recorded through the app show on the very next request', async () => {
    const current = ok<{ version: number }>(await jinan.get(`/api/activity-events/${event.id}`));
    ok(
      await jinan.request({
        method: 'PATCH',
        url: `/api/activity-events/${event.id}`,
        payload: { name: '同心荟（改名）' },
        ifMatch: current.version,
      }),
    );
    expect((await page(jinan)).items.find((e) => e.id === event.id)?.name).toBe('同心荟（改名）');
    const before = await totals(jinan);
    ok(
      await jinan.post(
        `/api/activity-events/${event.id}/outcomes`,
        { kind: 'talents', name: '高层次人才', quantity: 4 },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );
    expect((await totals(jinan)).talents).toBe(before.talents + 4);
  });

  it('an event and an outcome changed through another connection show as they now are', async () => {
    const before = await totals(jinan);
    await other.kysely
      .updateTable('activity_events')
      .set({ name: '另一个进程改的名称', state: 'reviewed' })
      .where('id', '=', event.id)
      .execute();
    const after = await page(jinan);
    expect(after.items.find((e) => e.id === event.id)).toMatchObject({
      name: '另一个进程改的名称',
      state: 'reviewed',
    });
    expect(after.counts.reviewed).toBeGreaterThanOrEqual(1);
    await other.kysely
      .updateTable('activity_outcomes')
      .set({ quantity: 10 })
      .where('id', '=', outcome.id)
      .execute();
    expect((await totals(jinan)).villages).toBe(before.villages + 7);
    await other.kysely.deleteFrom('activity_outcomes').where('id', '=', outcome.id).execute();
    expect((await totals(jinan)).villages).toBe(before.villages - 3);
  });

  it('readers of different scope asking the same query never get each other’s answer', async () => {
    const mine = await page(jinan);
    expect(mine.items.map((e) => e.id)).toContain(event.id);
    const sums = await totals(jinan);
    expect(sums.events).toBeGreaterThan(0);
    // A sibling city's staff: none of Jinan's events, none of its outcomes.
    expect((await page(qingdao)).items.map((e) => e.id)).not.toContain(event.id);
    expect((await totals(qingdao)).events).toBe(0);
    expect(await page(jinan)).toEqual(mine);
    expect(await totals(jinan)).toEqual(sums);
  });

  it('pages through the list newest first, each page its own, with the counts on every page', async () => {
    const more = [];
    for (const day of ['04-01', '05-01', '05-01', '06-01'])
      more.push(await newEvent(`同心荟 ${day}`, `${YEAR}-${day}`));
    const all = await page(jinan, `${LIST}&limit=100`);
    expect(all.nextCursor).toBeNull();
    const ids: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: Page = await page(jinan, `${LIST}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(2);
      expect(p.total).toBe(all.total);
      expect(p.counts).toEqual(all.counts);
      ids.push(...p.items.map((e) => e.id));
      cursor = p.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    // Every event once, in the list's order (start date, then id, newest first); the same day's two by id.
    expect(ids).toEqual(all.items.map((e) => e.id));
    expect(ids.length).toBe(all.total);
    expect(all.items.map((e) => e.startDate)).toEqual(
      all.items
        .map((e) => e.startDate)
        .sort()
        .reverse(),
    );
    const sameDay = all.items.filter((e) => e.startDate === `${YEAR}-05-01`).map((e) => e.id);
    expect(sameDay).toEqual([...sameDay].sort((a, b) => b - a));
    // The state filter pages within its state; the total is that state's.
    const planned = await page(jinan, `${LIST}&state=planned&limit=2`);
    expect(planned.total).toBe(all.counts.planned);
    expect(planned.items.every((e) => e.state === 'planned')).toBe(true);
    // A cursor not made by the list is refused in words.
    const bad = await jinan.get(`${LIST}&cursor=${Buffer.from('"x"').toString('base64url')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('分页游标无效');
    expect((await jinan.get(`${LIST}&limit=101`)).statusCode).toBe(400);
  });
});
