// 民主监督, 政企沟通 and 基层 end to end through the API, on both databases, with the projects, the
// 政企座谈会, the statistics and their .xlsx.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { act, getCase, person, tryAction, unitIds, type CaseOut } from './testing/case.fixtures.ts';

interface ProjectOut {
  id: number;
  version: number;
  state: string;
  reportCount: number;
  reports: { id: number }[];
  partyRating: { rating: string } | null;
  agencyRating: { rating: string } | null;
  actions: { rateAgency: boolean; rateParty: boolean; close: boolean; report: boolean };
}

describe.each(DIALECTS)('民主监督, 政企沟通, 基层 (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let submitter: Agent;
  let handler: Agent;
  let lixia: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let other: { agent: Agent; userId: number };
  let unit: Record<string, number>;

  const post = (agent: Agent, url: string, body: object) =>
    agent.post(url, body, { 'idempotency-key': idempotencyKey() });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    submitter = await world.signIn('submitter');
    handler = await world.signIn('handler');
    lixia = await world.signIn('lixia_staff');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    unit = await unitIds(t);
    other = await person(t, 'jiusan', unit['九三学社山东省委会']!, 'submitter');
  });
  afterAll(() => t.close());

  it('民主监督: a project, a report through the engine, mutual ratings, closed with a summary', async () => {
    const created = await post(staff, '/api/case-projects', {
      topic: '营商环境政策落实情况',
      scope: '全省涉企政策兑现',
      periodFrom: '2026-03-01',
      periodTo: '2026-10-31',
      partyUnitId: unit['民盟山东省委会'],
      agencyUnitId: unit['山东省发展和改革委员会'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json<ProjectOut>();
    expect((await submitter.get(`/api/case-projects/${project.id}`)).json<ProjectOut>().actions).toEqual({
      rateAgency: true,
      rateParty: false,
      close: false,
      report: true,
    });
    // Another party may not file under it, nor see it.
    const content = { projectId: project.id, findings: '部分政策兑现慢', suggestions: '建立兑现台账' };
    const foreign = await post(other.agent, '/api/cases', { type: 'oversight', title: '监督报告', content });
    expect(foreign.statusCode).toBe(400);
    expect((await other.agent.get(`/api/case-projects/${project.id}`)).statusCode).toBe(404);

    const report = await post(submitter, '/api/cases', {
      type: 'oversight',
      title: '一季度监督报告',
      content,
    });
    expect(report.statusCode, report.body).toBe(201);
    let c = report.json<CaseOut>();
    c = await act(submitter, c.id, 'submit');
    // Forwarded to the project's agency when staff name no unit.
    c = await act(staff, c.id, 'forward', {});
    expect(c.handlers).toMatchObject([{ unitId: unit['山东省发展和改革委员会'], role: 'lead' }]);
    c = await act(handler, c.id, 'answer', { letter: '已建立兑现台账', category: 'solved' });
    c = await act(submitter, c.id, 'rate', { rating: 'satisfied' });
    expect(c.state).toBe('closed');

    let p = (await submitter.get(`/api/case-projects/${project.id}`)).json<ProjectOut>();
    const rated = await submitter.request({
      method: 'POST',
      url: `/api/case-projects/${project.id}/ratings`,
      payload: { rating: 'basically_satisfied' },
      ifMatch: p.version,
    });
    expect(rated.statusCode, rated.body).toBe(200);
    p = rated.json<ProjectOut>();
    const back = await handler.request({
      method: 'POST',
      url: `/api/case-projects/${project.id}/ratings`,
      payload: { rating: 'satisfied' },
      ifMatch: p.version,
    });
    expect(back.statusCode, back.body).toBe(200);
    p = back.json<ProjectOut>();
    expect(p).toMatchObject({
      partyRating: { rating: 'basically_satisfied' },
      agencyRating: { rating: 'satisfied' },
    });
    expect(p.reports.map((r) => r.id)).toEqual([c.id]);
    const closed = await staff.request({
      method: 'POST',
      url: `/api/case-projects/${project.id}/close`,
      payload: { summary: '监督发现问题 3 项，均已整改' },
      ifMatch: p.version,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<ProjectOut>()).toMatchObject({ state: 'closed', reportCount: 1 });
  });

  it('政企沟通: an appeal raised at a 座谈会, assigned, answered, not satisfied, answered again', async () => {
    const meeting = await post(staff, '/api/case-meetings', {
      title: '2026年第一季度政企座谈会',
      heldOn: '2026-03-02',
      place: '省委统战部',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const meetingId = meeting.json<{ id: number }>().id;
    const res = await post(staff, '/api/cases', {
      type: 'appeal',
      title: '企业用地审批周期长',
      content: {
        kind: 'coordination',
        channel: 'meeting',
        enterprise: '山东某某科技有限公司',
        meetingId,
        content: '新建厂房用地审批已超过半年。',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    let c = res.json<CaseOut>();
    c = await act(staff, c.id, 'submit');
    c = await act(staff, c.id, 'forward', {
      leadUnitId: unit['山东省发展和改革委员会'],
      dueDate: '2026-03-20',
    });
    expect(c.dueDate).toBe('2026-03-20');
    c = await act(handler, c.id, 'answer', { letter: '已协调自然资源部门', category: 'planned' });
    // The recorder enters the enterprise's rating: not satisfied, once.
    c = await act(staff, c.id, 'rate', { rating: 'unsatisfied', comment: '企业认为仍无时间表' });
    expect(c).toMatchObject({ state: 'reopened', round: 2 });
    c = await act(handler, c.id, 'answer', { letter: '4 月底前完成审批', category: 'solved' });
    c = await act(staff, c.id, 'rate', { rating: 'satisfied' });
    expect(c).toMatchObject({ state: 'closed', satisfaction: 'satisfied' });
    const m = (await staff.get(`/api/case-meetings/${meetingId}`)).json<{
      appeals: { id: number }[];
      appealCount: number;
    }>();
    expect(m).toMatchObject({ appealCount: 1, appeals: [{ id: c.id }] });

    const stats = await staff.get('/api/cases/statistics?type=appeal&year=2026');
    expect(stats.statusCode, stats.body).toBe(200);
    const body = stats.json<{
      totals: { submitted: number; answered: number; onTimeRate: number; satisfactionRate: number };
      byDepartment: { rows: { name: string; answeredOnTime: number }[] };
      bySubtype: { subtype: string; label: string; submitted: number }[];
    }>();
    expect(body.totals).toMatchObject({ submitted: 1, answered: 1, onTimeRate: 100, satisfactionRate: 100 });
    expect(body.byDepartment.rows).toMatchObject([{ name: '山东省发展和改革委员会', answeredOnTime: 1 }]);
    expect(body.bySubtype).toMatchObject([{ subtype: 'coordination', label: '协调', submitted: 1 }]);
  });

  it('基层: a county asks the city above; the city answers itself; the county rates; others see nothing', async () => {
    const res = await post(lixia, '/api/cases', {
      type: 'grassroots',
      title: '关于充实街道统战工作力量的请示',
      content: { need: 'staffing', content: '街道统战委员多为兼职。' },
    });
    expect(res.statusCode, res.body).toBe(201);
    let c = res.json<CaseOut>();
    c = await act(lixia, c.id, 'submit');
    expect((await qingdao.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    const cityView = await getCase(jinan, c.id);
    expect(cityView.relations).toContain('staff');
    c = await act(jinan, c.id, 'accept');
    c = await act(jinan, c.id, 'answer', { letter: '市里统筹调配 2 名专职干部', category: 'solved' });
    expect(c.state).toBe('answered');
    // Only the requesting side rates.
    expect((await tryAction(jinan, c.id, 'rate', { rating: 'satisfied' })).statusCode).toBe(403);
    c = await act(lixia, c.id, 'rate', { rating: 'satisfied' });
    expect(c.state).toBe('closed');
    // The province's staff see it too (their subtree).
    expect((await staff.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
  });

  it('exports the statistics as .xlsx, audited', async () => {
    const res = await staff.get('/api/cases/statistics.xlsx?type=appeal&year=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '总体',
      '按提交单位',
      '按承办单位',
      '按类型',
      '领导批示',
    ]);
    expect(book.getWorksheet('按承办单位')!.getRow(3).getCell(1).text).toBe('山东省发展和改革委员会');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'case.statistics_export')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
