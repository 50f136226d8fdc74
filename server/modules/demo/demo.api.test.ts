import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../app.ts';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { seedDemoHistory, type DemoSummary } from './demo.history.ts';
import { seedDemoWorkspace } from './demo.seed.ts';

// The lived-in demo (`npm start` on an empty database): the year so far, played through the services.
// "Today" is fixed so the story is the same on every run.
const TODAY = new Date('2026-11-20T10:00:00+08:00');
const USERS = ['staff', 'jinan_staff', 'lixia_staff', 'handler', 'leader', 'submitter'] as const;

describe.each(DIALECTS)('demo workspace with a year of history (%s)', (dialect) => {
  let t: TestApp;
  let summary: DemoSummary | null;
  let accounts: Awaited<ReturnType<typeof seedDemoWorkspace>>;
  const agents: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(TODAY);
    accounts = await seedDemoWorkspace(t.s, { passwordsMustChange: false });
    summary = await seedDemoHistory(
      t.s,
      (clock) => buildServices({ config: t.config, db: t.db, secretKey: t.secretKey, clock }),
      accounts.map((a) => a.username),
    );
    for (const u of USERS) agents[u] = await signIn(t, u, accounts.find((a) => a.username === u)!.password);
  }, 300_000);
  afterAll(() => t.close());

  const db = () => t.db.kysely;

  it('decomposes a current-year demo copy of the example plan into tasks at province, city and county level', async () => {
    expect(summary!.tasks).toBeGreaterThanOrEqual(20);
    const plan = await db()
      .selectFrom('plans')
      .select(['id', 'title', 'year'])
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    expect(plan.title).toMatch(/^2026年.*（演示）$/);
    const tasks = await db()
      .selectFrom('tasks as t')
      .innerJoin('regions as r', 'r.code', 't.region_code')
      .leftJoin('tasks as p', 'p.id', 't.parent_id')
      .leftJoin('regions as pr', 'pr.code', 'p.region_code')
      .select([
        't.id',
        't.plan_id',
        't.cycle',
        'r.level',
        'r.name',
        'pr.level as parent_level',
        'pr.name as parent_region',
      ])
      .execute();
    expect(tasks.every((x) => x.plan_id === plan.id)).toBe(true);
    expect(new Set(tasks.map((x) => x.level))).toEqual(new Set(['province', 'city', 'county']));
    // Child tasks under a city: 济南市 → 历下区 and more.
    const underJinan = tasks.filter((x) => x.parent_region === '济南市' && x.level === 'county');
    expect(underJinan.map((x) => x.name)).toEqual(expect.arrayContaining(['历下区', '历城区']));
    expect(tasks.some((x) => x.cycle === 'monthly') && tasks.some((x) => x.cycle === 'quarterly')).toBe(true);
    const [milestones, indicators] = await Promise.all([
      db().selectFrom('task_milestones').select(['done_date']).execute(),
      db().selectFrom('task_indicators').select(['actual']).execute(),
    ]);
    expect(milestones.some((m) => m.done_date !== null)).toBe(true);
    // Indicators moved: accepted reports wrote their actuals.
    expect(indicators.filter((i) => i.actual !== null && i.actual > 0).length).toBeGreaterThan(5);
  });

  it('has reports on time, late, returned then accepted, and missing (due rows past their date)', async () => {
    const reports = await db()
      .selectFrom('progress_reports')
      .select(['status', 'late', 'returned_at', 'due_date'])
      .execute();
    expect(reports.length).toBeGreaterThan(100);
    const accepted = reports.filter((r) => r.status === 'accepted');
    expect(accepted.filter((r) => !r.late && !r.returned_at).length).toBeGreaterThan(50);
    expect(accepted.filter((r) => r.late).length).toBeGreaterThan(0);
    expect(accepted.filter((r) => r.returned_at !== null).length).toBeGreaterThan(0);
    expect(reports.filter((r) => r.status === 'due' && r.due_date < '2026-11-20').length).toBeGreaterThan(0);
    expect(summary!.reports).toBe(reports.filter((r) => r.status !== 'due').length);
  });

  it('shows all three colours, with a task whose history holds an earlier, different colour', async () => {
    const tasks = await db().selectFrom('tasks').select(['id', 'health']).execute();
    const colours = new Set(tasks.map((x) => x.health));
    for (const c of ['red', 'yellow', 'green']) expect(colours).toContain(c);
    const history = await db()
      .selectFrom('task_health_history')
      .select(['task_id', 'health', 'at'])
      .execute();
    const changed = tasks.filter((x) =>
      history.some((h) => h.task_id === x.id && h.health !== x.health && h.at < '2026-10-01'),
    );
    expect(changed.length).toBeGreaterThan(3);
    // Colour changes at past dates, written by the daily job (the system) and by the services.
    expect(new Set(history.map((h) => h.at.slice(0, 7))).size).toBeGreaterThan(6);
  });

  it('leaves completion and adjustment requests pending, and one task completed', async () => {
    const statuses = (await db().selectFrom('tasks').select('status').execute()).map((x) => x.status);
    expect(statuses.filter((x) => x === 'completion_requested').length).toBeGreaterThanOrEqual(2);
    expect(statuses).toContain('completed');
    expect(statuses).toContain('assigned');
    const adjustments = await db().selectFrom('task_adjustments').select('status').execute();
    expect(adjustments.filter((a) => a.status === 'pending').length).toBeGreaterThanOrEqual(1);
  });

  it('was done by the demo accounts through the services: audited by them and by the daily job', async () => {
    const rows = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'at'])
      .where('action', 'in', [
        'task.create',
        'task.sign',
        'report.submit',
        'report.accept',
        'report.return',
        'task.health.daily',
      ])
      .execute();
    const by = (action: string) => new Set(rows.filter((r) => r.action === action).map((r) => r.actor_name));
    expect([...by('report.accept')].join()).toMatch(/staff|zhoumin/);
    expect([...by('report.submit')].join()).toMatch(/handler/);
    expect(by('task.health.daily')).toEqual(new Set([null]));
    expect(rows.filter((r) => r.action === 'task.health.daily').length).toBeGreaterThan(300);
    expect(rows.some((r) => r.action === 'report.return')).toBe(true);
    expect(rows.every((r) => r.at <= '2026-11-20T10:00:00.000+08:00')).toBe(true);
  });

  it.each(USERS)('gives %s unread inbox messages', async (user) => {
    const res = await agents[user]!.get('/api/inbox/unread-count');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ count: number }>().count).toBeGreaterThan(0);
  });

  it.each(['staff', 'handler', 'leader', 'jinan_staff'])(
    'fills the 工作台 task figures for %s',
    async (user) => {
      const res = await agents[user]!.get('/api/home/tasks');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{
        figures: { count: number }[];
        byRegion: { counts: Record<string, number> }[];
      }>();
      const total =
        body.figures.reduce((n, f) => n + f.count, 0) +
        body.byRegion.reduce((n, r) => n + Object.values(r.counts).reduce((a, b) => a + b, 0), 0);
      expect(total).toBeGreaterThan(0);
    },
  );

  it('has supervision to look at: 督办单 at two stages, a 批办 with its report back, last month’s 督办通报', async () => {
    const notices = (await agents.staff!.get('/api/notices')).json<{
      items: { id: number; status: string; level: string; taskTitle: string }[];
    }>().items;
    expect(notices.map((n) => [n.level, n.status]).sort()).toEqual([
      ['general', 'issued'],
      ['key', 'rectifying'],
    ]);
    const rectifying = notices.find((n) => n.status === 'rectifying')!;
    const detail = (await agents.staff!.get(`/api/notices/${rectifying.id}`)).json<{
      timeline: { kind: string; actorName: string | null }[];
      measures: string | null;
      fixDue: string | null;
    }>();
    expect(detail.timeline.map((e) => e.kind).filter((k) => k !== 'colour_changed')).toEqual([
      'issued',
      'signed',
      'responded',
      'accepted',
    ]);
    expect(detail.measures).toContain('工作专班');
    expect(detail.fixDue! > '2026-11-20').toBe(true);
    // The 发改委's handler sees the notice waiting for them.
    const mine = (await agents.handler!.get('/api/notices?status=issued')).json<{ items: unknown[] }>().items;
    expect(mine).toHaveLength(1);

    const instructions = (await agents.leader!.get('/api/instructions?mine=true')).json<{
      items: { kind: string; status: string; followUps: { kind: string; text: string }[] }[];
    }>().items;
    expect(instructions).toHaveLength(1);
    expect(instructions[0]).toMatchObject({ kind: 'act', status: 'reported' });
    expect(instructions[0]!.followUps.map((f) => f.kind)).toEqual(['report']);

    const bulletins = (await agents.staff!.get('/api/bulletins')).json<{
      items: { status: string; period: string }[];
    }>().items;
    expect(bulletins.map((b) => [b.period, b.status])).toEqual([['2026-10', 'issued']]);
    // Sent to the units: the 发改委's handler has it in the inbox.
    const inbox = (await agents.handler!.get('/api/inbox?limit=50')).json<{ items: { kind: string }[] }>()
      .items;
    expect(inbox.map((m) => m.kind)).toEqual(expect.arrayContaining(['bulletin.issued', 'notice.issued']));
    // All through the services: audited by the people who acted.
    const audited = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', [
        'notice.issue',
        'notice.sign',
        'notice.respond',
        'notice.review',
        'instruction.create',
        'instruction.follow_up',
        'bulletin.create',
        'bulletin.issue',
      ])
      .execute();
    expect(new Set(audited.map((a) => a.action)).size).toBe(8);
  });

  it('plays the year once: a second run does nothing', async () => {
    const before = await db()
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await seedDemoHistory(
      t.s,
      (clock) => buildServices({ config: t.config, db: t.db, secretKey: t.secretKey, clock }),
      USERS,
    );
    expect(again).toBeNull();
    const after = await db()
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
  it('has cases at different stages, made through the cases services (demo.cases.ts)', async () => {
    const rows = await t.s.db.kysely.selectFrom('cases').select(['type', 'state']).orderBy('id').execute();
    expect(rows.map((r) => `${r.type}:${r.state}`)).toEqual([
      'proposal:submitted',
      'proposal:forwarded',
      'proposal:answered',
      'appeal:forwarded',
      'appeal:submitted',
      'grassroots:submitted',
    ]);
    // The appeal raised at the demo's 政企座谈会 is on the meeting's page.
    const meetings = await agents.staff!.get('/api/case-meetings');
    expect(meetings.json<{ appealCount: number }[]>()).toMatchObject([{ appealCount: 1 }]);
    const handler = await agents.handler!.get('/api/cases');
    expect(handler.json<{ items: unknown[] }>().items).toHaveLength(3);
  });

  it('has a contacts directory kept through the services, masked, with made-up numbers (demo.contacts.ts)', async () => {
    interface Page {
      items: { name: string; organisationName: string; phone: string | null; legalBasis: string }[];
    }
    const all = await agents.staff!.get('/api/contacts?limit=100');
    expect(all.statusCode).toBe(200);
    const people = all.json<Page>().items;
    expect(people.length).toBeGreaterThanOrEqual(15);
    // Masked in the list; the numbers are the made-up 138 0000 xxxx range, and never leave the server whole.
    expect(people.every((p) => p.phone === null || /^138\*{4}\d{4}$/.test(p.phone))).toBe(true);
    expect(all.body).not.toMatch(/13800\d{6}/);
    expect(new Set(people.map((p) => p.legalBasis))).toEqual(new Set(['duty', 'consent']));
    const organisations = (await agents.staff!.get('/api/contact-organisations?limit=100')).json<{
      items: { name: string; kind: string; federationName: string | null }[];
    }>().items;
    expect(new Set(organisations.map((o) => o.kind))).toEqual(new Set(['party', 'federation', 'enterprise']));
    expect(organisations.find((o) => o.name === '济南某智能装备有限公司')?.federationName).toBe(
      '济南市工商业联合会',
    );
    // 民盟's submitter sees 民盟's people only; 济南's staff the 济南 ones only.
    const own = (await agents.submitter!.get('/api/contacts?limit=100')).json<Page>().items;
    expect(own.length).toBe(3);
    expect(new Set(own.map((p) => p.organisationName))).toEqual(new Set(['民盟山东省委会']));
    const jinan = (await agents.jinan_staff!.get('/api/contacts?limit=100')).json<Page>().items;
    expect(new Set(jinan.map((p) => p.organisationName))).toEqual(
      new Set(['济南市工商业联合会', '济南某智能装备有限公司']),
    );
    // The demo appeal names its enterprise's person, who therefore cannot be deleted while it is open.
    const appeal = await db()
      .selectFrom('cases')
      .select('contact_id')
      .where('type', '=', 'appeal')
      .executeTakeFirstOrThrow();
    expect(appeal.contact_id).not.toBeNull();
  });

  it('has a year of 万企兴万村 pairings at different stages, made through the pairings services (demo.pairings.ts)', async () => {
    const rows = await t.s.db.kysely.selectFrom('pairings').select(['status', 'year']).execute();
    const counts = Object.fromEntries(
      ['approved', 'rejected', 'submitted'].map((st) => [st, rows.filter((r) => r.status === st).length]),
    );
    expect(counts).toEqual({ approved: 6, rejected: 1, submitted: 2 });
    const stats = await agents.staff!.get(`/api/pairings/statistics?year=${rows[0]!.year}&area=37`);
    expect(stats.json<{ totals: { pairings: number } }>().totals.pairings).toBe(6);
    expect(await t.s.db.kysely.selectFrom('pairing_updates').select('id').execute()).toHaveLength(4);
    // 赵敏, the 工商联's contact, is a printed demo account: she signs in and sees her 工商联's pairings.
    const zhaomin = accounts.find((a) => a.username === 'gsl_zhaomin');
    expect(zhaomin).toMatchObject({ role: 'submitter', unit: '山东省工商业联合会' });
    const gsl = await signIn(t, 'gsl_zhaomin', zhaomin!.password);
    const page = (await gsl.get(`/api/pairings?year=${rows[0]!.year}`)).json<{ items: unknown[] }>();
    expect(page.items).toHaveLength(9);
  });

  it('has one 港澳山东千人行 brand holding the demo events, and no brand named with the plan’s XX placeholder', async () => {
    const list = (await agents.staff!.get('/api/activity-brands')).json<{
      items: { id: number; name: string; planItems: unknown[]; totals: { events: number } }[];
    }>().items;
    expect(list.filter((b) => b.name.includes('XX'))).toEqual([]);
    const hk = list.filter((b) => b.name === '港澳山东千人行');
    expect(hk).toHaveLength(1);
    expect(hk[0]!.planItems.length).toBeGreaterThanOrEqual(2);
    expect(hk[0]!.totals.events).toBeGreaterThanOrEqual(2);
    // The brand's events count toward a plan item of the brand.
    const events = (await agents.staff!.get(`/api/activity-events?brandId=${hk[0]!.id}`)).json<{
      items: { id: number }[];
    }>().items;
    const one = (await agents.staff!.get(`/api/activity-events/${events[0]!.id}`)).json<{
      planItemId: number | null;
    }>();
    expect(one.planItemId).not.toBeNull();
  });
});
