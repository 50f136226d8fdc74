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
import { createDraft, node, outlineOf, publish } from '../plans/testing/plan.fixtures.ts';
import { fenToWan, wanToFen } from './pairing.money.ts';
import { federationWithEnterprise, type Federation } from './testing/pairing.fixtures.ts';

// 万企兴万村 totals on the dashboard and the plan item naming the action (docs/decisions/pairing-totals.md):
// every figure opens the ledger with its query, and the ledger's records add up to it.

interface Figures {
  pairings: number;
  investedWan: string;
  incomeWan: string;
  peopleHelped: number;
  jobsCreated: number;
}
interface Totals {
  year: number;
  region: { code: string; name: string };
  totals: Figures;
  byType: Array<Figures & { projectType: string }>;
  query: Record<string, string>;
}
interface Row {
  id: number;
  version: number;
  status: string;
  investedWan: string;
  incomeWan: string;
  peopleHelped: number;
  jobsCreated: number;
}
interface Res {
  statusCode: number;
  body: string;
  json: <U>() => U;
}
const ok = <T>(res: Res, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};

// 历下区 解放桥社区, 历城区 洪家园村, 崂山区 (青岛) 盐滩社区.
const LIXIA = '370102001002';
const LICHENG = '370112007201';
const QINGDAO = '370211001001';

/** Every record the query lists (all pages), summed as the ledger's reader would: exact, in 分. */
async function sumOfList(agent: Agent, query: Record<string, string>): Promise<Figures> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: '2', ...(cursor ? { cursor } : {}) });
    const page: { items: Row[]; nextCursor: string | null } = ok(
      await agent.get(`/api/pairings?${params.toString()}`),
    );
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return {
    pairings: rows.length,
    investedWan: fenToWan(rows.reduce((s, r) => s + wanToFen(r.investedWan), 0n)),
    incomeWan: fenToWan(rows.reduce((s, r) => s + wanToFen(r.incomeWan), 0n)),
    peopleHelped: rows.reduce((s, r) => s + r.peopleHelped, 0),
    jobsCreated: rows.reduce((s, r) => s + r.jobsCreated, 0),
  };
}

describe.each(DIALECTS)('万企兴万村 totals on the dashboard and the plan item (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let jinanStaff: Agent;
  let qingdao: Agent;
  let lixia: Agent;
  let gsl: Federation;
  let waiting: Row;
  let ledgerItem: number;
  let otherItem: number;

  const enter = async (over: Record<string, unknown>) =>
    ok<Row>(
      await gsl.contact.post(
        '/api/pairings',
        {
          year: 2026,
          enterpriseId: gsl.enterpriseId,
          projectType: 'industry',
          title: '结对项目',
          peopleHelped: 10,
          jobsCreated: 2,
          incomeWan: '1.5',
          ...over,
        },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );
  const approve = (p: Row) =>
    staff.request({
      method: 'POST',
      url: `/api/pairings/${p.id}/review`,
      payload: { decision: 'approve' },
      ifMatch: p.version,
    });
  const dashboard = async (agent: Agent, regionCode?: string) =>
    ok<{ pairings: Totals }>(
      await agent.get(`/api/dashboard?year=2026${regionCode ? `&regionCode=${regionCode}` : ''}`),
    ).pairings;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-06-01T10:00:00+08:00'));
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    jinanStaff = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    lixia = await world.signIn('lixia_staff');
    gsl = await federationWithEnterprise(t, staff, {
      unitName: '山东省工商业联合会',
      federation: '山东省工商联',
      enterprise: '山东某农业科技有限公司',
      regionCode: '370000',
      username: 'gsl_totals',
    });
    // Approved: 历下 120.5 (industry), 历城 80.25 (consumption), 青岛 12 (charity); one waits for review.
    for (const [villageCode, projectType, investedWan] of [
      [LIXIA, 'industry', '120.5'],
      [LICHENG, 'consumption', '80.25'],
      [QINGDAO, 'charity', '12'],
    ] as const)
      ok(await approve(await enter({ villageCode, projectType, investedWan })));
    waiting = await enter({ villageCode: LICHENG, projectType: 'employment', investedWan: '7.77' });
    const plan = await createDraft(staff, {
      regionCode: '370000',
      year: 2026,
      title: '2026年全省统战工作要点',
      outline: outlineOf('2026年全省统战工作要点', 2026, [
        node('服务乡村振兴', '做深做实“万企兴万村”行动，集中统一战线资源力量服务乡村振兴。'),
        node('加强民营经济统战工作', '推动构建亲清政商关系。'),
      ]),
    });
    // Published, so the regions below read it too.
    const published = await publish(staff, plan);
    [ledgerItem, otherItem] = published.items.map((i) => i.id) as [number, number];
  });
  afterAll(() => t.close());

  it('the dashboard totals the approved pairings, and every figure opens the records that add up to it', async () => {
    const province = await dashboard(staff);
    expect(province.region).toEqual({ code: '370000', name: '山东省' });
    expect(province.totals).toEqual({
      pairings: 3,
      investedWan: '212.75',
      incomeWan: '4.50',
      peopleHelped: 30,
      jobsCreated: 6,
    });
    expect(province.query).toEqual({ year: '2026', regionCode: '370000', status: 'approved' });
    expect(await sumOfList(staff, province.query)).toEqual(province.totals);
    // The ledger's statistics with the same query repeat the figures.
    const { status: _approvedOnly, ...statsQuery } = province.query;
    const stats = ok<{ totals: Figures; region: { name: string } }>(
      await staff.get(`/api/pairings/statistics?${new URLSearchParams(statsQuery).toString()}`),
    );
    expect(stats.totals).toEqual(province.totals);
    expect(stats.region.name).toBe('山东省');
    // Each type's figures open that type's records.
    for (const b of province.byType)
      expect(await sumOfList(staff, { ...province.query, projectType: b.projectType })).toEqual({
        pairings: b.pairings,
        investedWan: b.investedWan,
        incomeWan: b.incomeWan,
        peopleHelped: b.peopleHelped,
        jobsCreated: b.jobsCreated,
      });
    // A region below: 济南 without 青岛's, for the province's staff and for 济南's own alike.
    const jinan = await dashboard(staff, '370100');
    expect(jinan.totals).toMatchObject({ pairings: 2, investedWan: '200.75' });
    expect(await dashboard(jinanStaff)).toEqual(jinan);
    expect(await sumOfList(jinanStaff, jinan.query)).toEqual(jinan.totals);
    expect((await dashboard(qingdao)).totals).toMatchObject({ pairings: 1, investedWan: '12.00' });
  });

  it('an approval moves the dashboard and the list alike', async () => {
    const before = await dashboard(staff);
    ok(await approve(waiting));
    const after = await dashboard(staff);
    expect(after.totals.pairings).toBe(before.totals.pairings + 1);
    expect(after.totals.investedWan).toBe(
      fenToWan(wanToFen(before.totals.investedWan) + wanToFen(waiting.investedWan)),
    );
    expect(await sumOfList(staff, after.query)).toEqual(after.totals);
  });

  it('the plan item naming 万企兴万村 shows its plan region and year, under the reader’s scope', async () => {
    const linked = ok<{ linked: boolean; totals: Totals | null }>(
      await staff.get(`/api/plan-items/${ledgerItem}/pairing-totals`),
    );
    expect(linked.linked).toBe(true);
    expect(linked.totals).toEqual(await dashboard(staff));
    expect(await sumOfList(staff, linked.totals!.query)).toEqual(linked.totals!.totals);
    const other = ok<{ linked: boolean; totals: Totals | null }>(
      await staff.get(`/api/plan-items/${otherItem}/pairing-totals`),
    );
    expect(other).toEqual({ linked: false, totals: null });
    // 历下区's staff reading the province's item see 历下区's part, and its records agree.
    const mine = ok<{ totals: Totals }>(
      await lixia.get(`/api/plan-items/${ledgerItem}/pairing-totals`),
    ).totals;
    expect(mine.totals).toMatchObject({ pairings: 1, investedWan: '120.50' });
    expect(await sumOfList(lixia, mine.query)).toEqual(mine.totals);
    // A unit's handler reads the plan, not the ledger: no figures rather than zeros.
    const handler = await world.signIn('handler');
    expect(ok(await handler.get(`/api/plan-items/${ledgerItem}/pairing-totals`))).toEqual({
      linked: true,
      totals: null,
    });
    expect((await staff.get('/api/plan-items/999999999/pairing-totals')).statusCode).toBe(404);
  });

  it('the ledger’s regionCode narrows within the reader’s view and never widens it', async () => {
    expect((await staff.get('/api/pairings?regionCode=999999')).statusCode).toBe(404);
    expect((await staff.get('/api/pairings/statistics?year=2026&regionCode=999999')).statusCode).toBe(404);
    const outside = ok<{ items: unknown[] }>(
      await qingdao.get('/api/pairings?year=2026&regionCode=370100&status=approved'),
    );
    expect(outside.items).toEqual([]);
    const file = await staff.get('/api/pairings/export.xlsx?year=2026&regionCode=370200');
    expect(file.statusCode).toBe(200);
  });
});
