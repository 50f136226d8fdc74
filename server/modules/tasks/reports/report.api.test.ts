import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { enqueueJob } from '../../../core/jobs/job.enqueue.ts';
import { startJobRunner, type JobRunner } from '../../../core/jobs/job.runner.ts';
import { pdf } from '../../attachments/testing/samples.ts';
import { tasksDaily } from '../task.daily.ts';

const BOUNDARY = '----luoshi-report-boundary';
function upload(agent: Agent, filename: string, content: Buffer) {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return agent.request({
    method: 'POST',
    url: '/api/attachments',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  });
}

interface TaskOut {
  id: number;
  version: number;
  progress: number;
  indicators: { id: number; actual: number | null }[];
  milestones: { id: number; doneDate: string | null }[];
}
interface ReportOut {
  id: number;
  periodKey: string;
  status: string;
  late: boolean;
  version: number;
  prefilledFrom: string | null;
  content: {
    percent: number | null;
    narrative: string;
    indicatorActuals: { indicatorId: number; actual: number }[];
    milestonesReached: { milestoneId: number; doneDate: string }[];
    nextSteps: string;
  };
  contributions: { unitName: string; text: string; version: number }[];
  actions: Record<string, boolean>;
}
interface BoardOut {
  totals: { missing: number; returned: number; units: number };
  regions: { regionCode: string; own: boolean; missing: number; returned: number; units: number }[];
  unitsOf: string | null;
  unitsTotal: number;
  nextOffset: number | null;
  units: { unitId: number; regionCode: string; missing: number; returned: number }[];
  items: { taskId: number; periodKey: string }[];
}

describe.each(DIALECTS)('progress reports (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let handler: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let lixia: Agent;
  let world: Awaited<ReturnType<typeof seedDemo>>;
  let runner: JobRunner;
  const unit: Record<string, number> = {};

  // Weeks pass in these tests: sessions from before would have expired, so everyone signs in again.
  async function moveTo(at: string) {
    t.clock.set(new Date(at));
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    lixia = await world.signIn('lixia_staff');
  }
  // Tasks are assigned on 20 January (so January's report, due 5 February, is owed); then time passes to
  // 1 March and the daily job opens the periods 2026-02 (due 03-06, 5 working days on) and 2026-03.
  const JANUARY = '2026-01-20T09:00:00+08:00';
  async function passToMarch() {
    await moveTo('2026-03-01T09:00:00+08:00');
    await enqueueJob(t.db.kysely, { kind: tasksDaily, payload: {}, runAt: t.clock.now() }, t.clock);
    expect(await runner.runDue()).toBe(1);
  }

  beforeAll(async () => {
    // Five accounts sign in again at every move of the clock: more than the default login budget.
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    world = await seedDemo(t);
    runner = startJobRunner(t.s, [tasksDaily], { pollMs: 0 });
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    await moveTo(JANUARY);
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  const base = () => ({
    source: 'leader',
    title: '开展民营经济人士理想信念教育',
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    cycle: 'monthly',
  });
  const created = async (agent: Agent, body: object) => {
    const res = await agent.post('/api/tasks', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TaskOut>();
  };
  const sign = async (agent: Agent, task: TaskOut) => {
    const res = await agent.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/sign`,
      payload: {},
      ifMatch: task.version,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const draft = async (agent: Agent, taskId: number, period: string) => {
    const res = await agent.get(`/api/tasks/${taskId}/reports/${period}/draft`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ReportOut>();
  };
  const post = (agent: Agent, taskId: number, period: string, verb: string, version: number, body: object) =>
    agent.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/reports/${period}/${verb}`,
      payload: body,
      ifMatch: version,
      headers: { 'idempotency-key': idempotencyKey() },
    });
  const ok = async (res: Awaited<ReturnType<typeof post>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ReportOut>();
  };
  const audits = (action: string, reportId: number) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', action)
      .where('object_type', '=', 'progress_report')
      .where('object_id', '=', String(reportId))
      .execute();

  /** A province task for 济南, decomposed into one child for 历下区, both signed. */
  async function decomposed(title: string) {
    const parent = await created(staff, {
      ...base(),
      title,
      leadUnitId: unit['中共济南市委统战部'],
      assign: true,
    });
    await sign(jinan, parent);
    const child = await created(jinan, {
      ...base(),
      title: `${title}（历下区）`,
      parentId: parent.id,
      leadUnitId: unit['中共济南市历下区委统战部'],
      indicators: [{ name: '结对帮扶对数', measureUnit: '对', target: 20 }],
      milestones: [{ title: '完成摸底调查', dueDate: '2026-04-30' }],
      assign: true,
    });
    await sign(lixia, child);
    return { parent, child };
  }

  it('opens a row per period, marks late for good, returns, fixes, accepts once and moves the parent', async () => {
    const { parent, child } = await decomposed('做深做实“万企兴万村”行动');
    await passToMarch();
    const list = await lixia.get(`/api/tasks/${child.id}/reports`);
    expect(list.json<{ periodKey: string; status: string }[]>().map((r) => [r.periodKey, r.status])).toEqual([
      ['2026-01', 'due'],
      ['2026-02', 'due'],
      ['2026-03', 'due'],
    ]);

    const first = await draft(lixia, child.id, '2026-01');
    expect(first.prefilledFrom).toBeNull();
    expect(first.actions.submit).toBe(true);
    const detail = (await lixia.get(`/api/tasks/${child.id}`)).json<TaskOut>();
    const indicatorId = detail.indicators[0]!.id;
    const milestoneId = detail.milestones[0]!.id;
    const content = {
      percent: 30,
      narrative: '已走访 12 家企业',
      indicatorActuals: [{ indicatorId, actual: 5 }],
      milestonesReached: [{ milestoneId, doneDate: '2026-02-20' }],
      problems: '部分企业联系人变动',
      nextSteps: '继续走访剩余企业',
    };
    // Percent out of range: refused on its field, in Chinese, nothing saved.
    const bad = await post(lixia, child.id, '2026-01', 'submit', first.version, { ...content, percent: 120 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('完成进度不能大于 100');

    // Submitted on 03-01, after its due date 02-05: late. With an evidence file uploaded first.
    const file = await upload(lixia, 'evidence.pdf', pdf('走访名单'));
    expect(file.statusCode, file.body).toBe(201);
    const fileId = file.json<{ id: number }>().id;
    const submitted = await ok(
      await post(lixia, child.id, '2026-01', 'submit', first.version, {
        ...content,
        attachmentIds: [fileId],
      }),
    );
    expect([submitted.status, submitted.late]).toEqual(['submitted', true]);
    expect(submitted.content).toMatchObject({ attachmentIds: [fileId] });
    // …named, for the form's file list.
    const named = (submitted as ReportOut & { attachments: { id: number; fileName: string; mime: string }[] })
      .attachments;
    expect(named.map((a) => [a.id, a.fileName, a.mime])).toEqual([
      [fileId, 'evidence.pdf', 'application/pdf'],
    ]);
    // The file is read by whoever may read the task, and by nobody else.
    expect((await jinan.get(`/api/attachments/${fileId}`)).statusCode).toBe(200);
    expect((await qingdao.get(`/api/attachments/${fileId}`)).statusCode).toBe(404);
    // The county cannot review its own report; the managing city returns it.
    expect((await post(lixia, child.id, '2026-01', 'accept', submitted.version, {})).statusCode).toBe(403);
    const returned = await ok(
      await post(jinan, child.id, '2026-01', 'return', submitted.version, { comment: '请补充走访企业名单' }),
    );
    expect([returned.status, returned.late]).toEqual(['returned', true]);
    expect(returned.actions.submit).toBe(false);
    expect((await draft(lixia, child.id, '2026-01')).actions.submit).toBe(true);

    // The author fixes it and resubmits: still late.
    const fixed = await ok(
      await post(lixia, child.id, '2026-01', 'submit', returned.version, {
        ...content,
        percent: 40,
        narrative: '已走访 12 家企业（名单附后）',
      }),
    );
    expect([fixed.status, fixed.late]).toEqual(['submitted', true]);
    const accepted = await ok(await post(jinan, child.id, '2026-01', 'accept', fixed.version, {}));
    expect([accepted.status, accepted.late]).toEqual(['accepted', true]);

    // Report once: the task's progress, indicator and milestone, and the parent's roll-up, all moved.
    const after = (await staff.get(`/api/tasks/${child.id}`)).json<TaskOut>();
    expect(after.progress).toBe(40);
    expect(after.indicators[0]!.actual).toBe(5);
    expect(after.milestones[0]!.doneDate).toBe('2026-02-20');
    expect((await staff.get(`/api/tasks/${parent.id}`)).json<TaskOut>().progress).toBe(40);
    const kinds = (await staff.get(`/api/tasks/${child.id}/timeline`))
      .json<{ kind: string }[]>()
      .map((e) => e.kind);
    for (const k of ['report_submitted', 'report_returned', 'report_accepted', 'milestone_reached'])
      expect(kinds).toContain(k);
    expect(await audits('report.submit', accepted.id)).toHaveLength(2);
    expect(await audits('report.return', accepted.id)).toHaveLength(1);
    expect(await audits('report.accept', accepted.id)).toHaveLength(1);
    // The author heard of both reviews in the inbox, in the same transactions.
    const told = await t.db.kysely
      .selectFrom('messages')
      .select('kind')
      .where('object_type', '=', 'report')
      .where('object_id', '=', String(accepted.id))
      .orderBy('id')
      .execute();
    expect(told.map((m) => m.kind)).toEqual(['report.returned', 'report.accepted']);
    // Accepted once is final.
    expect((await post(jinan, child.id, '2026-01', 'accept', accepted.version, {})).statusCode).toBe(409);

    // The next period's form is pre-filled from the accepted report: only what changed is typed.
    const second = await draft(lixia, child.id, '2026-02');
    expect(second.prefilledFrom).toBe('2026-01');
    expect(second.content).toMatchObject({
      percent: 40,
      narrative: '',
      indicatorActuals: [{ indicatorId, actual: 5 }],
      milestonesReached: [{ milestoneId, doneDate: '2026-02-20' }],
      nextSteps: '继续走访剩余企业',
    });
    // The night of 3 March: February's report (due 6 March: 5 working days after Saturday 28 February)
    // is due within 3 working days, and the colour says so.
    await moveTo('2026-03-03T00:30:00+08:00');
    await enqueueJob(t.db.kysely, { kind: tasksDaily, payload: {}, runAt: t.clock.now() }, t.clock);
    expect(await runner.runDue()).toBe(1);
    // A draft keeps what was typed; submitted before 03-06, not late.
    const saved = await lixia.put(
      `/api/tasks/${child.id}/reports/2026-02/draft`,
      { ...second.content, percent: 55, attachmentIds: [] },
      second.version,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const savedOut = saved.json<ReportOut>();
    expect([savedOut.status, savedOut.content.percent]).toEqual(['draft', 55]);
    // Before it is submitted, the colour says February's report is due soon; once submitted, it does not.
    const reasons = async () =>
      (await lixia.get(`/api/tasks/${child.id}`))
        .json<{ healthReasons: { code: string; message: string }[] }>()
        .healthReasons.filter((r) => r.message.includes('2026年2月'))
        .map((r) => r.code);
    expect(await reasons()).toEqual(['REPORT_DUE_SOON']);
    const onTime = await ok(
      await post(lixia, child.id, '2026-02', 'submit', savedOut.version, { ...second.content, percent: 55 }),
    );
    expect(onTime.late).toBe(false);
    expect(await reasons()).toEqual([]);

    // Scope: a sibling city and another unit see none of it.
    for (const outsider of [qingdao, handler]) {
      expect((await outsider.get(`/api/tasks/${child.id}/reports`)).statusCode).toBe(404);
      expect((await outsider.get(`/api/tasks/${child.id}/reports/2026-03/draft`)).statusCode).toBe(404);
      expect((await post(outsider, child.id, '2026-03', 'submit', 1, content)).statusCode).toBe(404);
    }
    expect((await lixia.get(`/api/tasks/${child.id}/reports/2027-01/draft`)).statusCode).toBe(404);
  });

  it('shows the cooperating unit its place and the lead unit its part before submitting', async () => {
    await moveTo(JANUARY);
    const task = await created(staff, {
      ...base(),
      title: '联合开展民营企业调研',
      leadUnitId: unit['中共山东省委统战部'],
      cooperatingUnitIds: [unit['山东省发展和改革委员会']],
      assign: true,
    });
    await sign(staff, task);
    await passToMarch();
    const before = await draft(handler, task.id, '2026-01');
    expect([before.actions.contribute, before.actions.submit]).toEqual([true, false]);
    const url = `/api/tasks/${task.id}/reports/2026-01/contribution`;
    const part = await handler.put(url, { text: '已提供 2025 年民营经济运行数据' }, 0);
    expect(part.statusCode, part.body).toBe(200);
    // A second "first" part is a stale write: 412, the unit's part stays one row.
    expect((await handler.put(url, { text: '重复' }, 0)).statusCode).toBe(412);
    const seen = await draft(staff, task.id, '2026-01');
    expect(seen.contributions).toMatchObject([
      { unitName: '山东省发展和改革委员会', text: '已提供 2025 年民营经济运行数据', version: 1 },
    ]);
    const updated = await handler.put(url, { text: '已提供 2025 年及 2026 年一季度数据' }, 1);
    expect(updated.statusCode, updated.body).toBe(200);
    // The cooperating unit does not submit the lead unit's report; the lead unit does not add a part.
    expect(
      (await post(handler, task.id, '2026-01', 'submit', seen.version, { percent: 10 })).statusCode,
    ).toBe(403);
    expect((await staff.put(url, { text: '不是配合单位' }, 0)).statusCode).toBe(403);
    expect(await audits('report.contribute', seen.id)).toHaveLength(2);
    await ok(await post(staff, task.id, '2026-01', 'submit', seen.version, { percent: 10 }));
    // Once submitted, the part is closed.
    expect((await handler.put(url, { text: '太迟了' }, 2)).statusCode).toBe(409);
  });

  it('keeps one report of two simultaneous submissions for one period', async () => {
    await moveTo(JANUARY);
    const { child } = await decomposed('开展新的社会阶层人士调研');
    await passToMarch();
    const form = await draft(lixia, child.id, '2026-03');
    const [a, b] = await Promise.all([
      post(lixia, child.id, '2026-03', 'submit', form.version, { percent: 10, narrative: '甲' }),
      post(lixia, child.id, '2026-03', 'submit', form.version, { percent: 20, narrative: '乙' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const rows = await t.db.kysely
      .selectFrom('progress_reports')
      .selectAll()
      .where('task_id', '=', child.id)
      .where('period_key', '=', '2026-03')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('submitted');
    expect(await audits('report.submit', rows[0]!.id)).toHaveLength(1);
  });

  it('counts on the not-yet-reported board exactly the open rows, in scope, and reminds each unit', async () => {
    await moveTo(JANUARY);
    await decomposed('推进民营企业党建工作');
    await passToMarch();
    const board = await jinan.get('/api/reports/missing');
    expect(board.statusCode, board.body).toBe(200);
    const out = board.json<BoardOut>();
    const rows = await t.db.kysely
      .selectFrom('progress_reports')
      .select(['status', 'due_date', 'region_path', 'lead_unit_id'])
      .execute();
    const jinanPath = (
      await t.db.kysely
        .selectFrom('regions')
        .select('path')
        .where('code', '=', '370100')
        .executeTakeFirstOrThrow()
    ).path;
    const open = rows.filter(
      (r) =>
        (r.region_path === jinanPath || r.region_path.startsWith(`${jinanPath}/`)) &&
        (r.status === 'returned' || (['due', 'draft'].includes(r.status) && r.due_date < '2026-03-01')),
    );
    expect(open.length).toBeGreaterThan(0);
    expect(out.totals.missing + out.totals.returned).toBe(open.length);
    expect(out.totals.units).toBe(new Set(open.map((r) => r.lead_unit_id)).size);
    // Regions first: 济南市's own units (本级) and one row per county, each counting its own rows; no
    // units until asked for.
    expect(out.regions[0]).toMatchObject({ regionCode: '370100', own: true });
    expect(out.regions.slice(1).map((r) => r.regionCode)).toContain('370102');
    const under = (path: string, exact: boolean) =>
      open.filter((r) => r.region_path === path || (!exact && r.region_path.startsWith(`${path}/`)));
    for (const r of out.regions) {
      const path = r.own ? jinanPath : `${jinanPath}/${r.regionCode}`;
      const rows = under(path, r.own);
      expect(r.missing + r.returned, r.regionCode).toBe(rows.length);
      expect(r.units, r.regionCode).toBe(new Set(rows.map((x) => x.lead_unit_id)).size);
    }
    expect(out.unitsOf).toBeNull();
    expect(out.units).toEqual([]);
    // A region's units on demand: the city's own (本级) and a county's, with their reports.
    let items = 0;
    const itemTasks = new Set<number>();
    for (const r of out.regions.filter((x) => x.units > 0)) {
      const page = (await jinan.get(`/api/reports/missing?unitsOf=${r.regionCode}`)).json<BoardOut>();
      expect(page.unitsOf).toBe(r.regionCode);
      expect(page.unitsTotal).toBe(r.units);
      expect(page.units.reduce((n, u) => n + u.missing + u.returned, 0)).toBe(r.missing + r.returned);
      items += page.items.length;
      for (const i of page.items) itemTasks.add(i.taskId);
    }
    expect(items).toBe(open.length);
    // Only the board's region and the regions below it.
    expect((await jinan.get('/api/reports/missing?unitsOf=370200')).statusCode).toBe(404);
    // A county's board has nothing below: its units at once.
    const county = (await lixia.get('/api/reports/missing')).json<BoardOut>();
    expect(county.regions).toHaveLength(1);
    expect(county.unitsOf).toBe('370102');
    const period = (await jinan.get('/api/reports/missing?period=2026-01&unitsOf=370100')).json<BoardOut>();
    expect(period.items.every((i) => i.periodKey === '2026-01')).toBe(true);

    // A sibling city's board and a unit's are not theirs to read.
    expect((await qingdao.get('/api/reports/missing?regionCode=370100')).statusCode).toBe(404);
    expect((await handler.get('/api/reports/missing')).statusCode).toBe(404);

    const reminded = await jinan.post(
      '/api/reports/missing/remind',
      {},
      { 'idempotency-key': idempotencyKey() },
    );
    expect(reminded.statusCode, reminded.body).toBe(200);
    expect(reminded.json<{ units: number }>().units).toBe(out.totals.units);
    const events = await t.db.kysely
      .selectFrom('task_events')
      .select('task_id')
      .where('kind', '=', 'reminded')
      .execute();
    expect(new Set(events.map((e) => e.task_id))).toEqual(itemTasks);
    const audited = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'report.remind')
      .execute();
    expect(audited).toHaveLength(out.totals.units);
  });
});
