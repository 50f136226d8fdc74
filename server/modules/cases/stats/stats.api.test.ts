// The statistics' breakdowns (docs/decisions/case-statistics-top-n.md): the answer's top units, 其他 and
// 未交办 add up to the totals; the breakdown route's pages add up to them too; a city's staff see their
// subtree only; a write drops the kept answers; the totals agree with the case list behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { STATS_TOP } from './stats.schemas.ts';

interface Figures {
  submitted: number;
  accepted: number;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  adopted: number;
  key: number;
}
type Unit = Figures & { id: number; name: string };
interface Breakdown {
  rows: Unit[];
  others: (Figures & { units: number }) | null;
  unassigned: Figures | null;
  units: number;
}
interface Stats {
  totals: Figures;
  byOrganisation: Breakdown;
  byDepartment: Breakdown;
}
interface Page {
  total: number;
  items: Unit[];
  unassigned: Figures | null;
  totals: Figures;
}

const COUNTS = [
  'submitted',
  'accepted',
  'answered',
  'answeredOnTime',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'adopted',
  'key',
] as const;
const sum = (rows: readonly (Figures | null)[]) =>
  Object.fromEntries(COUNTS.map((k) => [k, rows.reduce((n, r) => n + (r?.[k] ?? 0), 0)]));
const counts = (f: Figures) => Object.fromEntries(COUNTS.map((k) => [k, f[k]]));

// A year no demo case has: the cases below are all there is.
const YEAR = 2031;
const ORGS = 26;
const DEPARTMENTS = 24;
const CASES = 150;

describe.each(DIALECTS)('case statistics breakdowns (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let jinan: Agent;
  // How many of the cases each reader sees (drafts aside).
  let inProvince = 0;
  let inJinan = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    const db = t.db.kysely;
    const now = '2031-06-01T09:00:00.000+08:00';
    const submitter = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'submitter')
      .executeTakeFirstOrThrow();
    const newUnit = async (name: string, kind: string) =>
      (
        await db
          .insertInto('units')
          .values({ region_code: '370000', name, kind, status: 'active', created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const orgs: number[] = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await newUnit(`测试提交单位${i + 1}`, 'party'));
    const departments: number[] = [];
    for (let i = 0; i < DEPARTMENTS; i++)
      departments.push(await newUnit(`测试承办单位${i + 1}`, 'department'));
    const regions = await db.selectFrom('regions').select(['code', 'path']).execute();
    const path = (code: string) => regions.find((r) => r.code === code)!.path;
    const places = ['370100', '370200', '370000'];
    const satisfaction = ['satisfied', 'basically_satisfied', 'unsatisfied', null];
    // Every organisation once, then uneven sizes, so the order and the cut at STATS_TOP mean something.
    const org = (i: number) => (i < ORGS ? i : Math.floor(Math.sqrt(i * 4.5)) % ORGS);
    for (let i = 0; i < CASES; i++) {
      const region = places[i % 3]!;
      const forwarded = i % 5 !== 0;
      // The last few are someone's drafts: never counted.
      const draft = i >= CASES - 4;
      if (!draft) inProvince++;
      if (!draft && region === '370100') inJinan++;
      await db
        .insertInto('cases')
        .values({
          type: 'proposal',
          year: YEAR,
          region_code: region,
          region_path: path(region),
          submitter_region_code: region,
          submitter_region_path: path(region),
          submitter_org_id: orgs[org(i)]!,
          submitter_unit_id: orgs[org(i)]!,
          submitter_user_id: submitter.id,
          submitter_name: '测试',
          title: `测试建议${i}`,
          body: '{}',
          state: draft ? 'draft' : forwarded ? 'answered' : 'submitted',
          is_key: i % 7 === 0 ? 1 : 0,
          lead_unit_id: forwarded && !draft ? departments[(i * 7) % DEPARTMENTS]! : null,
          adopted: i % 3 === 0 ? 1 : 0,
          submitted_at: draft ? null : now,
          accepted_at: forwarded && i % 2 === 0 ? now : null,
          forwarded_at: forwarded ? now : null,
          answered_at: forwarded && i % 2 === 1 ? now : null,
          answered_on_time: forwarded && i % 2 === 1 ? (i % 4 === 1 ? 1 : 0) : null,
          satisfaction: forwarded && i % 2 === 1 ? satisfaction[i % 4] : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
  afterAll(() => t.close());

  const stats = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/cases/statistics?type=proposal&year=${YEAR}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Stats>();
  };
  const page = async (agent: Agent, query: string) => {
    const res = await agent.get(`/api/cases/statistics/breakdown?type=proposal&year=${YEAR}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const allPages = async (agent: Agent, by: string, sort = 'submitted', pageSize = 7) => {
    const first = await page(agent, `by=${by}&sort=${sort}&pageSize=${pageSize}`);
    const items = [...first.items];
    for (let p = 2; (p - 1) * pageSize < first.total; p++)
      items.push(...(await page(agent, `by=${by}&sort=${sort}&pageSize=${pageSize}&page=${p}`)).items);
    return { first, items };
  };

  function addsUp(b: Breakdown, totals: Figures) {
    expect(sum([...b.rows, b.others, b.unassigned])).toEqual(counts(totals));
    expect(b.rows.length).toBe(Math.min(b.units, STATS_TOP));
    expect(b.others?.units ?? 0).toBe(b.units - b.rows.length);
    const sizes = b.rows.map((r) => r.submitted);
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    // Past the top, each unit is no larger than the smallest named one.
    if (b.others) expect(b.others.submitted).toBeLessThanOrEqual(b.others.units * sizes.at(-1)!);
  }

  it('names the largest units and sums the rest as 其他, adding up to the totals (province staff)', async () => {
    const s = await stats(staff);
    expect(s.totals.submitted).toBe(inProvince);
    addsUp(s.byOrganisation, s.totals);
    addsUp(s.byDepartment, s.totals);
    expect(s.byOrganisation.units).toBeGreaterThan(STATS_TOP);
    expect(s.byOrganisation.others).not.toBeNull();
    expect(s.byOrganisation.unassigned).toBeNull();
    expect(s.byDepartment.units).toBe(DEPARTMENTS);
    // Not forwarded: every fifth case.
    expect(s.byDepartment.unassigned?.submitted).toBe(Math.ceil((CASES - 4) / 5));
    // 其他's rates are worked out from its own sums.
    const o = s.byOrganisation.others!;
    expect(o.onTimeRate).toBe(o.answered ? Math.round((o.answeredOnTime / o.answered) * 1000) / 10 : null);
  });

  it('pages through every unit of a breakdown; the pages add up to the totals', async () => {
    const s = await stats(staff);
    for (const by of ['organisation', 'department'] as const) {
      const summary = by === 'organisation' ? s.byOrganisation : s.byDepartment;
      const { first, items } = await allPages(staff, by);
      expect(first.total).toBe(summary.units);
      expect(items).toHaveLength(summary.units);
      expect(new Set(items.map((r) => r.id)).size).toBe(items.length);
      expect(sum([...items, first.unassigned])).toEqual(counts(s.totals));
      expect(first.totals).toEqual(s.totals);
      // The same order as the answer's top.
      expect(items.slice(0, STATS_TOP)).toEqual(summary.rows);
    }
    // By satisfaction: highest first, units with nothing rated last.
    const { items } = await allPages(staff, 'department', 'satisfactionRate', 10);
    const rates = items.map((r) => r.satisfactionRate ?? -1);
    expect(rates).toEqual([...rates].sort((x, y) => y - x));
  });

  it('keeps a city’s staff to their subtree, in the answer and in the pages', async () => {
    const s = await stats(jinan);
    expect(s.totals.submitted).toBe(inJinan);
    addsUp(s.byOrganisation, s.totals);
    addsUp(s.byDepartment, s.totals);
    const { first, items } = await allPages(jinan, 'organisation');
    expect(sum([...items, first.unassigned])).toEqual(counts(s.totals));
    // Asking for the province's figures by region changes nothing: the reader's visibility still applies.
    const wider = await stats(jinan, '&regionCode=370000');
    expect(wider.totals.submitted).toBe(inJinan);
    // Another city's region: nothing of it is visible.
    expect((await stats(jinan, '&regionCode=370200')).totals.submitted).toBe(0);
    expect((await page(jinan, 'by=organisation&regionCode=370200')).total).toBe(0);
  });

  it('bounds the page and its size, and refuses an unknown breakdown', async () => {
    for (const q of [
      'by=organisation&pageSize=101',
      'by=organisation&page=0',
      'by=unit',
      'by=department&sort=x',
    ]) {
      const res = await staff.get(`/api/cases/statistics/breakdown?type=proposal&year=${YEAR}&${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    }
    const far = await page(staff, 'by=organisation&page=500');
    expect(far.items).toEqual([]);
    expect(far.total).toBe(ORGS);
  });

  it('answers afresh after a write (the kept answers are dropped)', async () => {
    const before = await stats(staff);
    const pageBefore = await page(staff, 'by=department&pageSize=100');
    const target = await t.db.kysely
      .selectFrom('cases')
      .select('id')
      .where('year', '=', YEAR)
      .where('adopted', '=', 0)
      .where('state', '=', 'answered')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('cases').set({ adopted: 1 }).where('id', '=', target.id).execute();
    const after = await stats(staff);
    expect(after.totals.adopted).toBe(before.totals.adopted + 1);
    addsUp(after.byDepartment, after.totals);
    const pageAfter = await page(staff, 'by=department&pageSize=100');
    expect(sum(pageAfter.items).adopted).toBe(sum(pageBefore.items).adopted! + 1);
  });

  it('agrees with the case list its 提交 and 重点 open (same type, year and region)', async () => {
    for (const [agent, region] of [
      [staff, ''],
      [jinan, ''],
      [staff, '&regionCode=370100'],
    ] as const) {
      const s = await stats(agent, region);
      const listed = async (extra: string) => {
        const res = await agent.get(`/api/cases?type=proposal&year=${YEAR}${region}${extra}&limit=1`);
        expect(res.statusCode, res.body).toBe(200);
        // The list counts the reader's own drafts apart; the statistics never count drafts.
        const c = res.json<{ counts: { state: string; count: number }[] }>().counts;
        return c.filter((x) => x.state !== 'draft').reduce((n, x) => n + x.count, 0);
      };
      expect(await listed('')).toBe(s.totals.submitted);
      expect(await listed('&key=true')).toBe(s.totals.key);
    }
  });
});
