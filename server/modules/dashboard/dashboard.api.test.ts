// The leader's dashboard: every figure equals the count of the list it opens, on both databases; the
// region picker stays inside the reader's subtree; the colour trend reads the same settled or worked out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner, type JobRunner } from '../../core/jobs/job.runner.ts';
import { JOB_HANDLERS, JOB_SCHEDULES } from '../../jobs.ts';
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
import { TTL_MS } from './dashboard.cache.ts';
import type { Dashboard, Figure } from './dashboard.schemas.ts';

describe.each(DIALECTS)('leader dashboard (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let runner: JobRunner;
  const agents: Record<string, Agent> = {};
  const who = ['leader', 'staff', 'jinan_staff', 'lixia_staff'];
  let overdue: { id: number };

  beforeAll(async () => {
    // Months pass in this test: no password runs out on the way.
    t = await createTestApp(dialect, { PASSWORD_EXPIRY_DAYS: '0' });
    world = await seedDemo(t);
    const staff = await world.signIn('staff');
    const jinan = await world.signIn('jinan_staff');
    const unit: Record<string, number> = {};
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      node('一、加强思想政治引领', '开展学习教育。'),
      node('二、服务高质量发展', '做深做实“万企兴万村”行动。'),
    ]);
    const plan = await publish(
      staff,
      await createDraft(staff, { regionCode: '370000', year: 2026, title: outline.title, outline }),
    );
    const make = async (agent: Agent, body: object) => {
      const res = await agent.post('/api/tasks', { startDate: '2026-01-01', dueDate: '2026-12-31', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number; version: number }>();
    };
    const [s1, s2] = plan.items;
    await make(staff, {
      planItemId: s1!.id,
      title: '省发改委任务',
      leadUnitId: unit['山东省发展和改革委员会'],
      assign: true,
    });
    overdue = await make(staff, {
      planItemId: s1!.id,
      title: '已逾期的任务',
      leadUnitId: unit['山东省教育厅'],
      dueDate: '2026-02-01',
      assign: true,
    });
    await make(staff, { planItemId: s2!.id, title: '草稿任务', leadUnitId: unit['山东省商务厅'] });
    const city = await make(staff, {
      planItemId: s2!.id,
      title: '交济南分解',
      leadUnitId: unit['中共济南市委统战部'],
      assign: true,
    });
    await make(staff, {
      planItemId: s2!.id,
      title: '交青岛（待分解）',
      leadUnitId: unit['中共青岛市委统战部'],
      assign: true,
    });
    const lixia = await make(jinan, {
      parentId: city.id,
      title: '历下区任务',
      leadUnitId: unit['中共济南市历下区委统战部'],
      assign: true,
    });
    // Two 督办单 on the overdue task: by June the one due in March is past its response date (red).
    for (const responseDue of ['2026-03-10', '2026-12-10']) {
      const res = await staff.post(
        `/api/tasks/${overdue.id}/notices`,
        { level: 'key', reason: '任务逾期', requirements: '说明原因并限期完成', responseDue },
        { 'idempotency-key': idempotencyKey() },
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    // The leader's 批示: two 批办 (one on the province's task, one on 历下区's) await follow-up; a 阅知 does not.
    const leader = await world.signIn('leader');
    for (const [taskId, kind] of [
      [overdue.id, 'act'],
      [lixia.id, 'act'],
      [overdue.id, 'read'],
    ] as const) {
      const res = await leader.post(
        '/api/instructions',
        { targetType: 'task', targetId: taskId, kind, text: '请抓紧推进，月底前报送进展。' },
        { 'idempotency-key': idempotencyKey() },
      );
      expect(res.statusCode, res.body).toBe(201);
    }
    // Months pass: the nightly jobs recolour the tasks (reports go missing) and settle the trend.
    runner = startJobRunner(t.s, JOB_HANDLERS, {
      schedules: JOB_SCHEDULES.filter((d) => ['tasks.daily', 'dashboard.trend'].includes(d.job.kind)),
      pollMs: 0,
    });
    t.clock.set(new Date('2026-06-10T09:00:00+08:00'));
    await runner.runDue();
    for (const u of [...who, 'handler']) agents[u] = await world.signIn(u);
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  const dashboard = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/dashboard${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Dashboard>();
  };
  const listCount = async (agent: Agent, query: Record<string, string>) => {
    const res = await agent.get(`/api/tasks?${new URLSearchParams(query).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    const counts = res.json<{ counts: Record<string, number> }>().counts;
    // A colour filter shows that colour's tasks; the counts beside the list are for every colour.
    return query.health ? query.health.split(',').reduce((n, c) => n + counts[c]!, 0) : counts.total!;
  };
  /** Every task figure of the answer, with a name for the failure message. */
  const figuresOf = (d: Dashboard) => {
    const out: Array<[string, Figure]> = [];
    const rows = [d.overall, ...d.bySection, ...d.byUnit.rows, ...d.byRegion];
    for (const r of rows) {
      out.push([`${r.label} total`, r.total], [`${r.label} completed`, r.completed]);
      for (const c of ['red', 'yellow', 'green'] as const) out.push([`${r.label} ${c}`, r.colours[c]]);
    }
    out.push(['red list', d.redList.all]);
    for (const c of ['red', 'yellow', 'green'] as const) out.push([`today ${c}`, d.trend.today[c]]);
    return out;
  };

  /** How many notices the notice list holds for a query (it is paged: every page is read). */
  const noticeCount = async (agent: Agent, query: Record<string, string>) => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ ...query, limit: '100', ...(cursor ? { cursor } : {}) });
      const res = await agent.get(`/api/notices?${params.toString()}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: unknown[]; nextCursor: string | null }>();
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };

  /** How many instructions the 批示办理 list holds for a query (paged: every page is read). */
  const instructionCount = async (agent: Agent, query: Record<string, string>) => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ ...query, limit: '50', ...(cursor ? { cursor } : {}) });
      const res = await agent.get(`/api/instructions?${params.toString()}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: unknown[]; nextCursor: string | null }>();
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };

  it.each(who)('agrees with the lists and the board it opens for %s', async (name) => {
    const agent = agents[name]!;
    const d = await dashboard(agent);
    for (const [label, f] of figuresOf(d))
      expect(await listCount(agent, f.query), `${name} ${label}`).toBe(f.count);
    for (const f of [d.notices.open, d.notices.overdue])
      expect(await noticeCount(agent, f.query), `${name} notices ${JSON.stringify(f.query)}`).toBe(f.count);
    const awaiting = d.instructions.awaiting;
    expect(await instructionCount(agent, awaiting.query), `${name} instructions`).toBe(awaiting.count);
    const board = await agent.get(
      `/api/reports/missing?${new URLSearchParams(d.missingReports.missing.query).toString()}`,
    );
    expect(board.statusCode, board.body).toBe(200);
    const totals = board.json<{ totals: { missing: number; returned: number; units: number } }>().totals;
    expect(d.missingReports).toMatchObject({
      missing: { count: totals.missing },
      returned: totals.returned,
      units: totals.units,
    });
  });

  it('shows the province its red task, by section, unit and region, and the colours over the year', async () => {
    const d = await dashboard(agents.leader!);
    expect(d.year).toBe(2026);
    expect(d.region).toEqual({ code: '370000', name: '山东省' });
    // The draft is not counted; the five assigned tasks are.
    expect(d.overall.total.count).toBe(5);
    expect(d.redList.items.map((i) => i.id)).toContain(overdue.id);
    expect(d.redList.all.count).toBeGreaterThanOrEqual(1);
    expect(d.bySection.map((r) => r.label)).toEqual(['一、加强思想政治引领', '二、服务高质量发展']);
    expect(d.byRegion.map((r) => r.label)).toEqual(
      expect.arrayContaining(['山东省（本级）', '济南市', '青岛市']),
    );
    expect(d.byUnit.rows[0]!.colours.red.count).toBeGreaterThanOrEqual(1);
    // Both notices open; the one due in March is past its response date.
    expect(d.notices.open.count).toBe(2);
    expect(d.notices.overdue.count).toBe(1);
    // Both 批办 await follow-up (the 阅知 needs none); the query opens the 批示办理 list.
    expect(d.instructions.awaiting).toEqual({
      count: 2,
      query: { status: 'awaiting', regionCode: '370000' },
    });
    // January to May have ended; the overdue task was red at the end of March (it was created red).
    expect(d.trend.months.map((m) => m.label)).toEqual(['1月', '2月', '3月', '4月', '5月']);
    expect(d.trend.months[0]).toMatchObject({ red: 0, yellow: 0, green: 0 });
    expect(d.trend.months[2]!.red).toBeGreaterThanOrEqual(1);
    // The settled months (the job ran) equal the months worked out from the history itself.
    const settled = await t.db.kysely.selectFrom('task_health_months_settled').selectAll().execute();
    expect(settled.find((r) => r.year === 2026)?.through_month).toBe(5);
    await t.db.kysely.deleteFrom('task_health_months_settled').execute();
    // (The answer is shared for a few seconds: past that, it is worked out again.)
    t.clock.advance(TTL_MS);
    const live = await dashboard(agents.leader!);
    expect(await t.db.kysely.selectFrom('task_health_months_settled').selectAll().execute()).toEqual([]);
    expect(live.trend.months).toEqual(d.trend.months);
  });

  it('lets a reader pick a region of their subtree only', async () => {
    const city = await dashboard(agents.leader!, '?regionCode=370100&year=2026');
    expect(city.region.name).toBe('济南市');
    expect(city.trail.map((r) => r.name)).toEqual(['山东省', '济南市']);
    for (const [label, f] of figuresOf(city))
      expect(await listCount(agents.leader!, f.query), `济南市 ${label}`).toBe(f.count);
    // The city's own: the 批办 on 历下区's task, not the province's (the list narrowed to the city).
    expect(city.instructions.awaiting.count).toBe(1);
    expect(await instructionCount(agents.leader!, city.instructions.awaiting.query)).toBe(1);
    const own = await dashboard(agents.jinan_staff!);
    expect(own.trail.map((r) => r.name)).toEqual(['济南市']);
    expect(own.children.map((r) => r.name)).toContain('历下区');
    // Outside the subtree: as if the region did not exist.
    expect((await agents.jinan_staff!.get('/api/dashboard?regionCode=370000')).statusCode).toBe(404);
    expect((await agents.jinan_staff!.get('/api/dashboard?regionCode=370200')).statusCode).toBe(404);
    // A unit's handler has no dashboard (no region to count).
    const handler = await agents.handler!.get('/api/dashboard');
    expect(handler.statusCode).toBe(404);
    expect(handler.json<{ message: string }>().message).toContain('部领导');
    const bad = await agents.leader!.get('/api/dashboard?regionCode=abc');
    expect(bad.statusCode).toBe(400);
  });

  it('lets a leader read the not-yet-reported board, not send its reminder', async () => {
    expect((await agents.leader!.get('/api/reports/missing')).statusCode).toBe(200);
    const remind = await agents.leader!.post('/api/reports/missing/remind', {});
    expect(remind.statusCode).toBe(403);
  });
});
