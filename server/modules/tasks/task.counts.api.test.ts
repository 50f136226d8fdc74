import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { enqueueJob } from '../../core/jobs/job.enqueue.ts';
import { createDraft, node, outlineOf, publish, type PlanOut } from '../plans/testing/plan.fixtures.ts';
import { countTasksByHealth, countTasksGrouped } from './task.list.counts.repository.ts';
import { countSectionsOfScope, readTaskCounters } from './task.counts.read.repository.ts';
import { recountTaskCounters } from './task.counts.repository.ts';
import { tasksDaily } from './task.daily.ts';
import { shanghaiDate } from './rules/dates.ts';
import {
  countMissingByUnitKept,
  readMissingCounts,
  recountMissingReports,
} from './reports/report.counts.repository.ts';
import { countMissingByUnit } from './reports/report.repository.ts';
import { countMissingByRegion, countMissingOfUnits } from './reports/report.regions.repository.ts';
import { startJobRunner, type JobRunner } from '../../core/jobs/job.runner.ts';

// Counters kept on write (docs/decisions/task-counters.md): a plan item's roll-up moves when a report is
// accepted (report once), and after any series of task changes the counters equal a recount from scratch.

interface TaskOut {
  id: number;
  version: number;
  status: string;
  progress: number;
  health: string;
}
interface RollupOut {
  planItemId: number;
  tasks: number;
  progress: number | null;
  counts: Record<'green' | 'yellow' | 'red' | 'none', number>;
}

// A small deterministic generator: the series of operations is the same on every run and database.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(DIALECTS)('counters kept on write (%s)', (dialect) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof seedDemo>>;
  let staff: Agent;
  let handler: Agent;
  let jinan: Agent;
  let lixia: Agent;
  let plan: PlanOut;
  let runner: JobRunner;
  const unit: Record<string, number> = {};

  async function signInAll() {
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    jinan = await world.signIn('jinan_staff');
    lixia = await world.signIn('lixia_staff');
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    world = await seedDemo(t);
    runner = startJobRunner(t.s, [tasksDaily], { pollMs: 0 });
    t.clock.set(new Date('2026-02-02T09:00:00+08:00'));
    await signInAll();
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      node('一、服务民营经济高质量发展', '', [node('（一）开展理想信念教育', '举办专题培训。')]),
      node('二、服务乡村振兴', '深化“万企兴万村”行动。'),
    ]);
    plan = await publish(
      staff,
      await createDraft(staff, { regionCode: '370000', year: 2026, title: outline.title, outline }),
    );
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  const created = async (agent: Agent, body: object) => {
    const res = await agent.post('/api/tasks', body, { 'idempotency-key': idempotencyKey() });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TaskOut>();
  };
  const act = async (agent: Agent, task: { id: number; version: number }, path: string, body?: object) =>
    agent.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/${path}`,
      payload: body ?? {},
      ifMatch: task.version,
    });
  const fresh = async (id: number) => (await staff.get(`/api/tasks/${id}`)).json<TaskOut>();
  const report = async (
    agent: Agent,
    taskId: number,
    period: string,
    verb: string,
    version: number,
    body: object,
  ) =>
    agent.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/reports/${period}/${verb}`,
      payload: body,
      ifMatch: version,
      headers: { 'idempotency-key': idempotencyKey() },
    });
  const rollup = async (itemId: number) => {
    const res = await staff.get(`/api/plan-items/${itemId}/rollup`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<RollupOut>();
  };
  /** Submits a report of `percent` for the period as the lead unit's agent; then `then` as the reviewer. */
  async function reportAndAccept(
    lead: Agent,
    reviewer: Agent,
    taskId: number,
    period: string,
    percent: number,
    then: 'accept' | 'return' | 'leave' = 'accept',
  ) {
    const draft = await lead.get(`/api/tasks/${taskId}/reports/${period}/draft`);
    expect(draft.statusCode, draft.body).toBe(200);
    const submitted = await report(
      lead,
      taskId,
      period,
      'submit',
      draft.json<{ version: number }>().version,
      {
        percent,
        narrative: '按计划推进',
      },
    );
    // A period already submitted or accepted by an earlier step is closed: nothing to review then.
    if (submitted.statusCode !== 200) return submitted;
    if (then === 'leave') return submitted;
    const version = submitted.json<{ version: number }>().version;
    return then === 'accept'
      ? report(reviewer, taskId, period, 'accept', version, {})
      : report(reviewer, taskId, period, 'return', version, { comment: '请补充走访记录' });
  }

  it('accepting a report moves the plan item roll-up in the same step (report once)', async () => {
    const item = plan.items[0]!.children[0]!;
    const lead = {
      leadUnitId: unit['山东省发展和改革委员会'],
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
    };
    const light = await created(staff, {
      ...lead,
      planItemId: item.id,
      title: '举办专题培训',
      weight: 1,
      assign: true,
    });
    const heavy = await created(staff, {
      ...lead,
      planItemId: item.id,
      title: '开展走访调研',
      weight: 3,
      assign: true,
    });
    expect(await rollup(item.id)).toMatchObject({ planItemId: item.id, tasks: 2, progress: 0 });
    for (const task of [light, heavy]) expect((await act(handler, task, 'sign')).statusCode).toBe(200);

    const accepted = await reportAndAccept(handler, staff, heavy.id, '2026-01', 40);
    expect(accepted.statusCode, accepted.body).toBe(200);
    // (1 × 0 + 3 × 40) / 4 = 30, and each task's colour counted once.
    const after = await rollup(item.id);
    expect(after.progress).toBe(30);
    expect(Object.values(after.counts).reduce((a, b) => a + b, 0)).toBe(2);
    expect((await fresh(heavy.id)).progress).toBe(40);

    // A cancelled task leaves the progress; a completed one counts as 100.
    const cancelled = await act(staff, await fresh(light.id), 'cancel', { reason: '并入走访调研' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await rollup(item.id)).progress).toBe(40);
    const requested = await act(handler, await fresh(heavy.id), 'completion', { summary: '已完成' });
    expect(requested.statusCode, requested.body).toBe(200);
    expect((await act(staff, requested.json<TaskOut>(), 'completion/confirm')).statusCode).toBe(200);
    expect(await rollup(item.id)).toMatchObject({ tasks: 2, progress: 100 });

    // An item with no task yet reads as empty.
    expect(await rollup(plan.items[1]!.id)).toMatchObject({ tasks: 0, progress: null });
  });

  /** The subtree's colours by section from task_section_counts, as section → colour counts. */
  const sectionsOf = async (scope: string, year: number) =>
    Object.fromEntries(
      (await countSectionsOfScope(t.db.kysely, scope, year)).map((r) => [
        r.section_id,
        { green: Number(r.green), yellow: Number(r.yellow), red: Number(r.red), none: Number(r.none) },
      ]),
    );
  /** The same counted from the task rows (a due-date floor no task is below is not a counter column). */
  const directSections = async (visibility: { kind: 'region'; path: string }, year: number) => {
    const out: Record<number, Record<string, number>> = {};
    for (const r of await countTasksGrouped(
      t.db,
      { visibility, year, dueFrom: '2000-01-01' },
      'plan_section_id',
    )) {
      if (r.group_key === null) continue;
      const c = (out[Number(r.group_key)] ??= { green: 0, yellow: 0, red: 0, none: 0 });
      c[r.health] = Number(r.n);
    }
    return out;
  };

  it('a task write moves its colours by plan section in every subtree it is in', async () => {
    const sectionId = plan.items[1]!.id;
    const before = {
      province: (await sectionsOf('370000', 2026))[sectionId],
      jinan: (await sectionsOf('370000/370100', 2026))[sectionId],
      qingdao: (await sectionsOf('370000/370200', 2026))[sectionId],
    };
    // A task of 济南市's 统战部 under the plan's second section: counted in 济南 and the province.
    const jinanDept = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('region_code', '=', '370100')
      .where('kind', '=', 'department')
      .executeTakeFirstOrThrow();
    const task = await created(staff, {
      leadUnitId: jinanDept.id,
      planItemId: sectionId,
      title: '乡村振兴专项行动',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
    });
    const none = (c: Record<string, number> | undefined) => c?.none ?? 0;
    const after = {
      province: (await sectionsOf('370000', 2026))[sectionId],
      jinan: (await sectionsOf('370000/370100', 2026))[sectionId],
      qingdao: (await sectionsOf('370000/370200', 2026))[sectionId],
    };
    expect(task.health).toBe('none');
    expect(none(after.province)).toBe(none(before.province) + 1);
    expect(none(after.jinan)).toBe(none(before.jinan) + 1);
    expect(after.qingdao).toEqual(before.qingdao);
    // The kept rows equal a count of the task rows.
    for (const path of ['370000', '370000/370100'])
      expect(await sectionsOf(path, 2026)).toEqual(await directSections({ kind: 'region', path }, 2026));
    // The 工作台 shows the section row, and its figure equals the list it opens.
    const home = (await staff.get('/api/home/tasks')).json<{
      bySection: Array<{ key: string; counts: Record<string, number>; query: Record<string, string> }>;
    }>();
    const row = home.bySection.find((r) => r.key === String(sectionId))!;
    expect(row.counts).toEqual(after.province);
    const list = await staff.get(
      `/api/tasks?${new URLSearchParams({ ...row.query, limit: '100' }).toString()}`,
    );
    expect(list.json<{ items: unknown[] }>().items.length).toBe(
      Object.values(row.counts).reduce((a, b) => a + b, 0),
    );
  });

  // Eighty API calls and a few daily runs: more than the default time on a busy machine.
  it('after a random series of task changes the counters equal a recount from scratch', async () => {
    const rnd = random(dialect === 'sqlite' ? 11 : 12);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const items = [plan.items[0]!.children[0]!.id, plan.items[1]!.id, undefined];
    const provinceUnits = [
      '山东省发展和改革委员会',
      '山东省教育厅',
      '中共济南市委统战部',
      '中共青岛市委统战部',
    ];
    const ids: number[] = [];
    let day = 2;
    for (let step = 0; step < 80; step++) {
      const roll = rnd();
      if (roll < 0.3 || ids.length < 3) {
        const planItemId = pick(items);
        const task = await created(staff, {
          ...(planItemId ? { planItemId } : { source: 'leader' }),
          title: `任务 ${step}`,
          leadUnitId: unit[pick(provinceUnits)],
          startDate: '2026-01-01',
          dueDate: pick(['2026-03-31', '2026-06-30', '2026-12-31']),
          weight: Math.floor(rnd() * 4),
          // The first stays a draft; most are assigned at once.
          assign: ids.length > 0 && rnd() < 0.8,
        });
        ids.push(task.id);
        continue;
      }
      const task = await fresh(pick(ids));
      const who = (
        await t.db.kysely
          .selectFrom('tasks')
          .innerJoin('units', 'units.id', 'tasks.lead_unit_id')
          .select('units.name')
          .where('tasks.id', '=', task.id)
          .executeTakeFirstOrThrow()
      ).name;
      const lead =
        who === '中共济南市委统战部'
          ? jinan
          : who === '山东省发展和改革委员会'
            ? handler
            : who === '中共济南市历下区委统战部'
              ? lixia
              : staff;
      // The task's manager: 济南's staff for the child tasks they made, else the province's.
      const manager = who === '中共济南市历下区委统战部' ? jinan : staff;
      if (roll > 0.88) {
        // Time passes (forward only): the daily job turns colours.
        day += 6;
        t.clock.set(new Date(Date.parse('2026-02-02T09:00:00+08:00') + day * 86_400_000));
        await enqueueJob(t.db.kysely, { kind: tasksDaily, payload: {}, runAt: t.clock.now() }, t.clock);
        await runner.runDue();
        await signInAll();
      } else if (roll > 0.83) await act(manager, task, 'cancel', { reason: '调整工作安排' });
      else if (task.status === 'draft') await act(manager, task, 'assign');
      else if (task.status === 'assigned') await act(lead, task, 'sign');
      else if (task.status === 'completion_requested') await act(manager, task, 'completion/confirm');
      else if (task.status === 'accepted' && who === '中共济南市委统战部' && roll < 0.6) {
        // 济南 decomposes it: the parent is no longer 待分解, and its progress rolls up from the child.
        const child = await created(jinan, {
          source: 'leader',
          parentId: task.id,
          title: `任务 ${step}（历下区）`,
          leadUnitId: unit['中共济南市历下区委统战部'],
          startDate: '2026-01-01',
          dueDate: '2026-12-31',
          weight: Math.floor(rnd() * 3),
          assign: true,
        });
        ids.push(child.id);
      } else if (task.status === 'accepted' && roll < 0.55 && lead !== staff)
        // Accepted, returned, or left for review: each moves the review counters differently.
        await reportAndAccept(
          lead,
          manager,
          task.id,
          pick(['2026-01', '2026-02']),
          pick([10, 50, 90]),
          pick(['accept', 'return', 'leave'] as const),
        );
      else if (task.status === 'accepted' && roll < 0.7)
        await act(lead, task, 'completion', { summary: '已完成' });
      else {
        const res = await manager.patch(
          `/api/tasks/${task.id}`,
          { weight: Math.floor(rnd() * 5) },
          task.version,
        );
        expect([200, 403, 409]).toContain(res.statusCode);
      }
    }
    // Reports left for review, returned and accepted, on the handler's tasks (signed first if need be),
    // then a night: the review counters move with the reports and with the tasks' colours.
    const ends = ['leave', 'leave', 'return', 'accept', 'leave'] as const;
    let reported = 0;
    for (const id of ids) {
      if (reported >= ends.length) break;
      let task = await fresh(id);
      const { lead_unit_id } = await t.db.kysely
        .selectFrom('tasks')
        .select('lead_unit_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (lead_unit_id !== unit['山东省发展和改革委员会']) continue;
      if (task.status === 'assigned') {
        await act(handler, task, 'sign');
        task = await fresh(id);
      }
      if (task.status !== 'accepted') continue;
      const periods = (await handler.get(`/api/tasks/${id}/reports`)).json<
        Array<{ periodKey: string; status: string }>
      >();
      const open = periods.find((p) => ['due', 'draft', 'returned'].includes(p.status));
      if (!open) continue;
      const res = await reportAndAccept(handler, staff, id, open.periodKey, 60, ends[reported]);
      if (res.statusCode === 200) reported++;
    }
    expect(reported).toBeGreaterThan(2);
    day += 6;
    t.clock.set(new Date(Date.parse('2026-02-02T09:00:00+08:00') + day * 86_400_000));
    await enqueueJob(t.db.kysely, { kind: tasksDaily, payload: {}, runAt: t.clock.now() }, t.clock);
    await runner.runDue();
    await signInAll();

    const kept = await readTaskCounters(t.db.kysely);
    // The series reached every kind of change the counters key on.
    const statuses = new Set(kept.counts.map((c) => c.status));
    for (const s of ['accepted', 'completed', 'cancelled']) expect(statuses).toContain(s);
    expect(kept.counts.some((c) => c.region_path.split('/').length === 3)).toBe(true);
    expect(kept.rollups.length).toBeGreaterThan(0);
    // The list's colour counts from the counters equal a count of the task rows themselves.
    for (const filter of [{}, { year: 2026 }, { status: ['accepted' as const] }, { undecomposed: true }]) {
      const fromCounters = await countTasksByHealth(t.db, { visibility: { kind: 'all' }, ...filter });
      // A due-date floor no task is below: not a counter column, so the task rows are counted.
      const direct = await countTasksByHealth(t.db, {
        visibility: { kind: 'all' },
        ...filter,
        dueFrom: '2000-01-01',
      });
      expect(fromCounters).toEqual(direct);
    }
    // A region's staff: their subtree's counters (task_scope_counts, task_review_counts) equal the task rows.
    expect(kept.scopes.length).toBeGreaterThan(0);
    expect(kept.reviews.length).toBeGreaterThan(0);
    for (const path of ['370000', '370000/370100', '370000/370100/370102', '370000/370200']) {
      const visibility = { kind: 'region' as const, path };
      for (const filter of [
        {},
        { year: 2026 },
        { status: ['accepted' as const, 'completion_requested' as const] },
        { undecomposed: true },
        { regionPath: '370000/370100' },
        { report: { status: ['submitted' as const] } },
      ]) {
        const kept = await countTasksByHealth(t.db, { visibility, ...filter });
        const direct = await countTasksByHealth(t.db, { visibility, ...filter, dueFrom: '2000-01-01' });
        expect(kept, `${path} ${JSON.stringify(filter)}`).toEqual(direct);
      }
      const byRegion = await countTasksGrouped(t.db, { visibility, year: 2026 }, 'region_path');
      const direct = await countTasksGrouped(
        t.db,
        { visibility, year: 2026, dueFrom: '2000-01-01' },
        'region_path',
      );
      // Counted directly per exact path; the counters give the regions one level below (and 本级).
      const depth = path.split('/').length;
      const fold = (rows: typeof direct) => {
        const m = new Map<string, number>();
        for (const r of rows) {
          const parts = String(r.group_key).split('/');
          const key = `${parts.slice(0, depth + 1).join('/')}|${r.health}`;
          m.set(key, (m.get(key) ?? 0) + Number(r.n));
        }
        return [...m].filter(([, n]) => n !== 0).sort();
      };
      expect(fold(byRegion), path).toEqual(fold(direct));
      // The colours by plan section (task_section_counts) equal the task rows counted per section.
      expect(await sectionsOf(path, 2026), path).toEqual(
        await directSections({ kind: 'region', path }, 2026),
      );
    }
    expect(kept.sections.length).toBeGreaterThan(0);
    // tasks.reports_submitted is the number of the task's reports awaiting review.
    const owed = await t.db.kysely
      .selectFrom('tasks')
      .select(['id', 'reports_submitted'])
      .where('reports_submitted', '<>', 0)
      .orderBy('id')
      .execute();
    const submitted = await t.db.kysely
      .selectFrom('progress_reports')
      .select(['task_id as id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('status', '=', 'submitted')
      .groupBy('task_id')
      .orderBy('task_id')
      .execute();
    expect(owed.map((r) => [r.id, Number(r.reports_submitted)])).toEqual(
      submitted.map((r) => [r.id, Number(r.n)]),
    );
    await recountTaskCounters(t.db.kysely);
    const recounted = await readTaskCounters(t.db.kysely);
    expect(kept).toEqual(recounted);

    // The not-yet-reported board: per unit, its counters (settled by the nights above) equal the reports
    // counted directly, on a settled day and on days after it with nothing settled since.
    const board = async () => {
      const today = shanghaiDate(t.clock.now());
      for (const path of ['370000', '370000/370100', '370000/370100/370102']) {
        const direct = (await countMissingByUnit(t.db.kysely, { path, today })).map((g) => ({
          unit: g.lead_unit_id,
          total: Number(g.total),
          returned: Number(g.returned),
        }));
        const kept = (await countMissingByUnitKept(t.db.kysely, path, today)).map((u) => ({
          unit: u.lead_unit_id,
          total: u.missing + u.returned,
          returned: u.returned,
        }));
        expect(kept, `${path} on ${today}`).toEqual(direct);
        // The board by region (counters once settled today, else the reports) equals the rows counted.
        const rows = (
          await t.db.kysely
            .selectFrom('progress_reports')
            .select(['status', 'due_date', 'region_path', 'lead_unit_id'])
            .execute()
        ).filter(
          (r) =>
            (r.region_path === path || r.region_path.startsWith(`${path}/`)) &&
            (r.status === 'returned' || (['due', 'draft'].includes(r.status) && r.due_date < today)),
        );
        const expected = new Map<string, { total: number; returned: number; units: Set<number> }>();
        for (const r of rows) {
          const prefix = r.region_path.slice(0, path.length + 7);
          const e = expected.get(prefix) ?? { total: 0, returned: 0, units: new Set<number>() };
          e.total++;
          if (r.status === 'returned') e.returned++;
          e.units.add(r.lead_unit_id);
          expected.set(prefix, e);
        }
        const byRegion = await countMissingByRegion(t.db.kysely, { path, today });
        expect(
          byRegion.filter((r) => r.total !== 0).sort((a, b) => a.prefix.localeCompare(b.prefix)),
          `${path} by region on ${today}`,
        ).toEqual(
          [...expected]
            .map(([prefix, e]) => ({ prefix, total: e.total, returned: e.returned, units: e.units.size }))
            .sort((a, b) => a.prefix.localeCompare(b.prefix)),
        );
        const units = await countMissingOfUnits(t.db.kysely, { path, today }, { path, exact: false });
        expect(
          units.map((u) => ({ unit: u.lead_unit_id, total: u.total, returned: u.returned })),
          `${path} units on ${today}`,
        ).toEqual(direct);
      }
      return today;
    };
    const missingKept = await readMissingCounts(t.db.kysely);
    expect(missingKept.some((r) => r.missing > 0)).toBe(true);
    expect(missingKept.some((r) => r.returned > 0)).toBe(true);
    await recountMissingReports(t.db.kysely);
    expect(await readMissingCounts(t.db.kysely)).toEqual(missingKept);
    await board();
    for (const later of [9, 40]) {
      t.clock.set(new Date(t.clock.now().getTime() + later * 86_400_000));
      await board();
    }
  }, 90_000);
});
