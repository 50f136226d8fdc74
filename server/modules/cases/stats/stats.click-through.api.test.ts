// Every figure of the statistics opens the case list behind it (docs/decisions/case-statistics-click-through.md):
// for a seeded year, each submitting organisation's and each handling department's row (and 未交办, and the
// totals), column by column, the list filtered as the page's link filters it holds as many cases as the
// figure says; the rates are those lists' quotients. The filters narrow the reader's cases, never widen
// them, and bad values are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';

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
interface Stats {
  totals: Figures;
  instructionsByLevel: { level: string; count: number }[];
}
interface Page {
  items: Unit[];
  unassigned: Figures | null;
}

// The filter each figure's link adds to the row's own (the web's stats/figureLinks.ts says the same).
const COLUMNS: [keyof Figures, string][] = [
  ['submitted', 'submitted=true'],
  ['accepted', 'submitted=true&accepted=true'],
  ['answered', 'submitted=true&answered=yes'],
  ['answeredOnTime', 'submitted=true&answered=onTime'],
  ['satisfied', 'submitted=true&satisfaction=satisfied'],
  ['basicallySatisfied', 'submitted=true&satisfaction=basically_satisfied'],
  ['unsatisfied', 'submitted=true&satisfaction=unsatisfied'],
  ['adopted', 'submitted=true&adopted=true'],
  ['key', 'submitted=true&key=true'],
];
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

// A year no demo case has: the cases below are all there is.
const YEAR = 2032;
const ORGS = 7;
const DEPARTMENTS = 5;
const CASES = 90;

describe.each(DIALECTS)('case statistics open the cases behind each figure (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let jinan: Agent;
  let submitter: Agent;
  let handler: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    submitter = await world.signIn('submitter');
    handler = await world.signIn('handler');
    const db = t.db.kysely;
    const now = '2032-05-01T09:00:00.000+08:00';
    const user = await db
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
    for (let i = 0; i < ORGS; i++) orgs.push(await newUnit(`点击测试提交单位${i + 1}`, 'party'));
    const departments: number[] = [];
    for (let i = 0; i < DEPARTMENTS; i++)
      departments.push(await newUnit(`点击测试承办单位${i + 1}`, 'department'));
    const regions = await db.selectFrom('regions').select(['code', 'path']).execute();
    const path = (code: string) => regions.find((r) => r.code === code)!.path;
    const places = ['370100', '370200', '370000'];
    const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied', null];
    for (let i = 0; i < CASES; i++) {
      const region = places[i % 3]!;
      const forwarded = i % 4 !== 0;
      const answered = forwarded && i % 3 !== 1;
      // The last few are the submitter's drafts: never counted, and never in a figure's list.
      const draft = i >= CASES - 5;
      const org = orgs[(i * i) % ORGS]!;
      const { id } = await db
        .insertInto('cases')
        .values({
          type: 'proposal',
          year: YEAR,
          region_code: region,
          region_path: path(region),
          submitter_region_code: region,
          submitter_region_path: path(region),
          submitter_org_id: org,
          submitter_unit_id: org,
          submitter_user_id: user.id,
          submitter_name: '测试',
          title: `点击测试建议${i}`,
          body: '{}',
          state: draft ? 'draft' : answered ? 'answered' : forwarded ? 'forwarded' : 'submitted',
          is_key: i % 6 === 0 ? 1 : 0,
          lead_unit_id: forwarded && !draft ? departments[(i * 3) % DEPARTMENTS]! : null,
          adopted: !draft && i % 5 === 0 ? 1 : 0,
          submitted_at: draft ? null : now,
          accepted_at: forwarded && i % 2 === 0 ? now : null,
          forwarded_at: forwarded && !draft ? now : null,
          answered_at: answered && !draft ? now : null,
          answered_on_time: answered && !draft ? (i % 7 < 4 ? 1 : 0) : null,
          satisfaction: answered && !draft ? ratings[i % 4] : null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // 批示: some cases have one, a few two of the same level (the case counts once).
      const levels = i % 9 === 0 ? ['province', 'province'] : i % 4 === 1 ? ['city'] : [];
      for (const level of draft ? [] : levels)
        await db
          .insertInto('case_instructions')
          .values({
            case_id: id,
            leader: '某领导',
            level,
            given_on: '2032-05-02',
            text: '请研究。',
            recorded_by: user.id,
            recorded_at: now,
          })
          .execute();
    }
  });
  afterAll(() => t.close());

  const base = `type=proposal&year=${YEAR}`;
  const json = async <T>(agent: Agent, url: string) => {
    const res = await agent.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json<T>();
  };
  // The list's total under these filters ('&'-joined, empty ones left out).
  const listed = async (agent: Agent, ...filters: string[]) =>
    (
      await json<{ total: number }>(
        agent,
        `/api/cases?${[base, ...filters, 'limit=1'].filter(Boolean).join('&')}`,
      )
    ).total;

  // Each count of the row equals the list's total under the row's filter and the column's; each rate
  // is the quotient of two such lists.
  async function agrees(agent: Agent, row: string, f: Figures, what: string) {
    for (const [column, filter] of COLUMNS)
      expect(await listed(agent, row, filter), `${what}, ${column}`).toBe(f[column]);
    const answered = await listed(agent, row, 'submitted=true&answered=yes');
    const late = await listed(agent, row, 'submitted=true&answered=late');
    expect(late, `${what}, late`).toBe(f.answered - f.answeredOnTime);
    expect(rate(await listed(agent, row, 'submitted=true&answered=onTime'), answered)).toBe(f.onTimeRate);
    const positive = await listed(agent, row, 'submitted=true&satisfaction=positive');
    const rated = await listed(agent, row, 'submitted=true&satisfaction=rated');
    expect(rate(positive, rated), `${what}, satisfaction rate`).toBe(f.satisfactionRate);
  }

  it.each([
    ['province staff', () => staff, ''],
    ['a city’s staff', () => jinan, ''],
    ['province staff, one city', () => staff, 'regionCode=370100'],
  ])('agrees row by row and column by column (%s)', async (_, reader, region) => {
    const agent = reader();
    const where = [base, region].filter(Boolean).join('&');
    const s = await json<Stats>(agent, `/api/cases/statistics?${where}`);
    expect(s.totals.submitted).toBeGreaterThan(0);
    await agrees(agent, region, s.totals, 'totals');
    const page = (by: string) =>
      json<Page>(agent, `/api/cases/statistics/breakdown?${where}&by=${by}&pageSize=100`);
    const orgs = await page('organisation');
    expect(orgs.items.length).toBeGreaterThan(1);
    const and = (filter: string) => [region, filter].filter(Boolean).join('&');
    for (const u of orgs.items) await agrees(agent, and(`organisationId=${u.id}`), u, u.name);
    const departments = await page('department');
    expect(departments.items.length).toBeGreaterThan(1);
    for (const u of departments.items) await agrees(agent, and(`leadUnitId=${u.id}`), u, u.name);
    expect(departments.unassigned).not.toBeNull();
    await agrees(agent, and('unassigned=true'), departments.unassigned!, '未交办');
    for (const l of s.instructionsByLevel)
      expect(await listed(agent, region, `submitted=true&instructionLevel=${l.level}`), l.level).toBe(
        l.count,
      );
    expect(s.instructionsByLevel.find((l) => l.level === 'province')!.count).toBeGreaterThan(0);
  });

  it('narrows the reader’s cases, never widens them', async () => {
    const orgs = (
      await json<Page>(staff, `/api/cases/statistics/breakdown?${base}&by=organisation&pageSize=100`)
    ).items;
    for (const u of orgs) {
      // Another city's staff: only their own subtree's cases of the organisation.
      const jinanSees = await listed(jinan, `organisationId=${u.id}&regionCode=370100&submitted=true`);
      expect(await listed(jinan, `organisationId=${u.id}&submitted=true`)).toBe(jinanSees);
      expect(jinanSees).toBeLessThanOrEqual(u.submitted);
      expect(await listed(jinan, `organisationId=${u.id}&regionCode=370200`)).toBe(0);
    }
    // A handling department's reader filtering by departments or organisations sees none of these cases
    // (none was forwarded to them), and a submitter only what is theirs.
    const departments = (
      await json<Page>(staff, `/api/cases/statistics/breakdown?${base}&by=department&pageSize=100`)
    ).items;
    for (const u of departments) expect(await listed(handler, `leadUnitId=${u.id}`)).toBe(0);
    expect(await listed(handler, `organisationId=${orgs[0]!.id}`)).toBe(0);
    const theirs = await listed(submitter, `organisationId=${orgs[0]!.id}`);
    expect(theirs).toBe(await listed(submitter, `organisationId=${orgs[0]!.id}&q=点击测试`));
  });

  it('refuses values it does not know, and bounds every one', async () => {
    for (const q of [
      'answered=maybe',
      'satisfaction=happy',
      'organisationId=abc',
      'leadUnitId=0',
      'leadUnitId=99999999999',
      'adopted=yes',
      'instructionLevel=galaxy',
      `subtype=${'x'.repeat(25)}`,
    ]) {
      const res = await staff.get(`/api/cases?${base}&${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    }
  });
});
