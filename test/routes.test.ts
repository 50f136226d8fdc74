import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../server/app.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission, type Role } from '../server/core/access/roles.ts';
import { UNDECLARED_PREFIXES } from '../server/core/http/access.plugin.ts';
import { accessDeclarationProblem, type Access } from '../server/core/http/route.ts';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from './app.ts';
import { DIALECTS } from './db.ts';
import { createDraft, node, outlineOf, type PlanOut } from '../server/modules/plans/testing/plan.fixtures.ts';

// Every route declares its permission and data scope, and the declaration is what the server enforces:
// each role is refused (403) exactly the routes whose permission it lacks.

interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
  // The OpenAPI operation's name; hidden routes (schema.hide) are not in the document.
  operationId: string | undefined;
  hidden: boolean;
}

function routeEntries(t: TestApp): RouteEntry[] {
  return listRoutes(t.app).flatMap((r) =>
    (Array.isArray(r.method) ? r.method : [r.method])
      .filter((m) => m !== 'HEAD')
      .map((method) => ({
        method,
        url: r.url,
        access: (r.config as { access?: RouteEntry['access'] })?.access,
        operationId: r.schema?.operationId,
        hidden: r.schema?.hide === true,
      })),
  );
}

const ACCOUNTS: Array<{ username: string; role: Role }> = [
  { username: 'sysadmin', role: 'sysadmin' },
  { username: 'secadmin', role: 'secadmin' },
  { username: 'auditor', role: 'auditor' },
  { username: 'leader', role: 'leader' },
  { username: 'staff', role: 'staff' },
  { username: 'handler', role: 'handler' },
  { username: 'submitter', role: 'submitter' },
  { username: 'lixia_staff', role: 'staff' },
];

const SESSION_ROUTE_BODIES: Record<string, object> = {
  'POST /api/auth/totp': { code: '000000' },
  'POST /api/auth/totp/confirm': { code: '000000' },
  'POST /api/auth/password': { currentPassword: 'x', newPassword: 'y' },
};

interface Sample {
  url: string;
  payload?: object;
}

describe.each(DIALECTS)('route declarations and the role × route matrix (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let agents: Map<string, Agent>;
  let victimId: number;
  let unitId: number;
  let settings: Record<string, unknown>;
  let counter = 0;
  // A county (历下区) plan: province staff and lixia_staff may both edit it, so a 403 for either would be
  // a permission failure rather than a scope decision.
  let plan: PlanOut;
  let otherPlan: PlanOut;
  // A province task led by the province's 统战部 (its staff act for it), assigned and awaiting 签收.
  let taskId: number;
  let noticeId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    agents = new Map();
    for (const a of ACCOUNTS) agents.set(a.username, await world.signIn(a.username));
    const sysadmin = agents.get('sysadmin')!;
    const created = await sysadmin.post('/api/users', { username: 'matrix_victim', displayName: '受试用户' });
    expect(created.statusCode).toBe(201);
    victimId = created.json<{ user: { id: number } }>().user.id;
    const unit = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '中共山东省委统战部')
      .executeTakeFirstOrThrow();
    unitId = unit.id;
    const got = await agents.get('secadmin')!.get('/api/security/settings');
    const { version: _version, ...rest } = got.json<Record<string, unknown>>();
    settings = rest;
    const lixia = agents.get('lixia_staff')!;
    const outline = outlineOf('历下区2022年统战工作要点', 2022, [
      node('加强民营经济统战工作', '推动民营企业参与乡村振兴。'),
    ]);
    plan = await createDraft(lixia, { regionCode: '370102', year: 2022, title: outline.title, outline });
    const task = await agents.get('staff')!.post('/api/tasks', taskBody(unitId, true));
    expect(task.statusCode, task.body).toBe(201);
    taskId = task.json<{ id: number }>().id;
    const notice = await agents.get('staff')!.post(`/api/tasks/${taskId}/notices`, {
      level: 'listed',
      reason: '测试事由',
      requirements: '测试要求',
    });
    expect(notice.statusCode, notice.body).toBe(201);
    noticeId = notice.json<{ id: number }>().id;
    otherPlan = await createDraft(lixia, {
      regionCode: '370102',
      year: 2023,
      title: '历下区2023年统战工作要点',
      outline,
    });
  });
  afterAll(() => t.close());

  // A request each route accepts when the caller holds its permission (validation runs before
  // authorization, so the body must be valid for the permission check to be what answers).
  function sampleFor(method: string, url: string): Sample | undefined {
    const n = ++counter;
    const samples: Record<string, () => Sample> = {
      'GET /api/regions': () => ({ url: '/api/regions' }),
      'GET /api/regions/:code': () => ({ url: '/api/regions/370000' }),
      'POST /api/regions': () => ({
        url: '/api/regions',
        payload: {
          code: `9${String(n).padStart(5, '0')}`,
          name: `测试区${n}`,
          level: 'county',
          parentCode: '370100',
        },
      }),
      'PATCH /api/regions/:code': () => ({ url: '/api/regions/370000', payload: { name: '山东省' } }),
      'GET /api/units': () => ({ url: '/api/units' }),
      'GET /api/units/:id': () => ({ url: `/api/units/${unitId}` }),
      'POST /api/units': () => ({
        url: '/api/units',
        payload: { regionCode: '370000', name: `测试单位${n}`, kind: 'office' },
      }),
      'PATCH /api/units/:id': () => ({
        url: `/api/units/${unitId}`,
        payload: { name: '中共山东省委统战部' },
      }),
      'GET /api/users': () => ({ url: '/api/users' }),
      'GET /api/users/:id': () => ({ url: `/api/users/${victimId}` }),
      'POST /api/users': () => ({
        url: '/api/users',
        payload: { username: `matrix_${n}`, displayName: '测试' },
      }),
      'PATCH /api/users/:id': () => ({ url: `/api/users/${victimId}`, payload: { displayName: '受试用户' } }),
      'PUT /api/users/:id/roles': () => ({
        url: `/api/users/${victimId}/roles`,
        payload: { roles: ['staff'] },
      }),
      'POST /api/users/:id/password-reset': () => ({ url: `/api/users/${victimId}/password-reset` }),
      'POST /api/users/:id/unlock': () => ({ url: `/api/users/${victimId}/unlock` }),
      'POST /api/users/:id/totp-reset': () => ({ url: `/api/users/${victimId}/totp-reset` }),
      'GET /api/security/settings': () => ({ url: '/api/security/settings' }),
      'PUT /api/security/settings': () => ({ url: '/api/security/settings', payload: settings }),
      'GET /api/audit': () => ({ url: '/api/audit' }),
      'GET /api/audit/labels': () => ({ url: '/api/audit/labels' }),
      'POST /api/audit/verify': () => ({ url: '/api/audit/verify' }),
      'POST /api/audit/export': () => ({ url: '/api/audit/export', payload: { actor: 'auditor' } }),
      ...planSamples(),
      ...taskSamples(),
      // No body: the permission answers before the handler asks for a file.
      'POST /api/attachments': () => ({ url: '/api/attachments' }),
      'GET /api/attachments/:id': () => ({ url: '/api/attachments/999999' }),
      ...reportSamples(),
      ...noticeSamples(),
      ...bulletinSamples(),
      ...contactSamples(n),
      ...activitySamples(),
      'GET /api/calendar': () => ({ url: '/api/calendar?year=2026' }),
      // Without If-Match: 428 once authorised, nothing changed.
      'PUT /api/calendar/days': () => ({
        url: '/api/calendar/days',
        payload: { day: '2027-02-20', kind: 'workday', name: '春节' },
      }),
      'DELETE /api/calendar/days': () => ({ url: '/api/calendar/days?day=2027-02-20' }),
      'GET /api/reminders/rules': () => ({ url: '/api/reminders/rules' }),
      // Without If-Match: 428 once authorised, nothing changed.
      'PUT /api/reminders/rules': () => ({
        url: '/api/reminders/rules',
        payload: {
          taskDueLead: 3,
          milestoneDueLead: 3,
          reportDueLead: 2,
          noticeResponseLead: 1,
          escalateHandlers: 1,
          escalateHead: 3,
          escalateStaff: 5,
          escalateLeader: 10,
        },
      }),
      ...channelSamples(),
      ...instructionSamples(),
      ...caseSamples(),
      ...pairingSamples(),
      ...trainingSamples(),
    };
    return samples[`${method} ${url}`]?.();
  }

  // Cases: the create names a region that does not exist (404 once authorised, before the type's own
  // check of who may raise it); keyed routes name a case that does not exist (404 once authorised).
  function caseSamples(): Record<string, () => Sample> {
    const content = { kind: 'policy', channel: 'online', enterprise: '测试企业', content: '测试诉求' };
    return {
      'GET /api/cases/vocabulary': () => ({ url: '/api/cases/vocabulary' }),
      'GET /api/cases': () => ({ url: '/api/cases?type=proposal&state=submitted' }),
      'POST /api/cases': () => ({
        url: '/api/cases',
        payload: { type: 'appeal', title: '测试诉求', regionCode: '999999', content },
      }),
      'GET /api/cases/:id': () => ({ url: '/api/cases/999999' }),
      'PUT /api/cases/:id': () => ({ url: '/api/cases/999999', payload: { title: '测试', content } }),
      'POST /api/cases/:id/actions': () => ({
        url: '/api/cases/999999/actions',
        payload: { action: 'submit' },
      }),
      'GET /api/cases/cosigner-candidates': () => ({ url: '/api/cases/cosigner-candidates?q=%E6%B0%91' }),
      'GET /api/cases/statistics': () => ({ url: '/api/cases/statistics?type=proposal&year=2026' }),
      'GET /api/cases/statistics.xlsx': () => ({ url: '/api/cases/statistics.xlsx?type=appeal&year=2026' }),
      'GET /api/cases/statistics/breakdown': () => ({
        url: '/api/cases/statistics/breakdown?type=proposal&year=2026&by=department&page=2&pageSize=5',
      }),
      'GET /api/case-projects': () => ({ url: '/api/case-projects?year=2026' }),
      'POST /api/case-projects': () => ({
        url: '/api/case-projects',
        payload: {
          topic: '测试',
          scope: '测试',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          partyUnitId: unitId,
          agencyUnitId: unitId,
          regionCode: '999999',
        },
      }),
      'GET /api/case-projects/:id': () => ({ url: '/api/case-projects/999999' }),
      'POST /api/case-projects/:id/ratings': () => ({
        url: '/api/case-projects/999999/ratings',
        payload: { rating: 'satisfied' },
      }),
      'POST /api/case-projects/:id/close': () => ({
        url: '/api/case-projects/999999/close',
        payload: { summary: '总结' },
      }),
      'GET /api/case-meetings': () => ({ url: '/api/case-meetings' }),
      'POST /api/case-meetings': () => ({
        url: '/api/case-meetings',
        payload: { title: '座谈会', heldOn: '2026-03-02', regionCode: '999999' },
      }),
      'GET /api/case-meetings/:id': () => ({ url: '/api/case-meetings/999999' }),
      'GET /api/cases/:id/similar': () => ({ url: '/api/cases/999999/similar' }),
      // Not multipart: 400 once authorised, nothing read.
      'POST /api/cases/import-docx': () => ({ url: '/api/cases/import-docx', payload: {} }),
    };
  }

  // 万企兴万村: the create names an enterprise that does not exist (400 once authorised); keyed routes name
  // a pairing that does not exist (404 once authorised).
  function pairingSamples(): Record<string, () => Sample> {
    const p = '/api/pairings/999999';
    const figures = { investedWan: '1', incomeWan: '0', peopleHelped: 1, jobsCreated: 0 };
    return {
      'GET /api/villages': () => ({ url: '/api/villages?parent=37' }),
      'GET /api/villages/search': () => ({ url: '/api/villages/search?county=370102&q=%E7%A4%BE' }),
      'GET /api/pairings': () => ({ url: '/api/pairings?year=2026' }),
      'GET /api/pairings/enterprises': () => ({ url: '/api/pairings/enterprises' }),
      'POST /api/pairings': () => ({
        url: '/api/pairings',
        payload: {
          year: 2026,
          enterpriseId: 999999,
          villageCode: '370102001002',
          projectType: 'industry',
          title: '测试项目',
          ...figures,
        },
      }),
      'GET /api/pairings/statistics': () => ({ url: '/api/pairings/statistics?year=2026' }),
      'GET /api/pairings/export.xlsx': () => ({ url: '/api/pairings/export.xlsx?year=2026' }),
      'GET /api/pairings/:id': () => ({ url: p }),
      'PATCH /api/pairings/:id': () => ({ url: p, payload: { title: '测试项目' } }),
      'POST /api/pairings/:id/review': () => ({ url: `${p}/review`, payload: { decision: 'approve' } }),
      'POST /api/pairings/:id/updates': () => ({
        url: `${p}/updates`,
        payload: { reportedOn: '2026-01-02', note: '进展', stage: 'ongoing', ...figures },
      }),
      // train-pair: withdraw (404 once authorised) and the plan item's totals (a missing item: 404).
      'DELETE /api/pairings/:id': () => ({ url: p }),
      'GET /api/plan-items/:id/pairing-totals': () => ({ url: '/api/plan-items/999999/pairing-totals' }),
    };
  }

  // Channels: writes without If-Match answer 428 once authorised; the webhook and delivery ids name none.
  function channelSamples(): Record<string, () => Sample> {
    const hook = {
      name: '测试群',
      format: 'json',
      url: 'http://127.0.0.1:9/hook',
      kinds: [],
      unitId: null,
      enabled: false,
    };
    return {
      'GET /api/channels/settings': () => ({ url: '/api/channels/settings' }),
      'PUT /api/channels/settings': () => ({
        url: '/api/channels/settings',
        payload: {
          emailEnabled: false,
          smtpHost: '',
          smtpPort: 25,
          smtpSecure: false,
          smtpUser: '',
          mailFrom: '',
          publicUrl: '',
        },
      }),
      'GET /api/channels/webhooks': () => ({ url: '/api/channels/webhooks' }),
      'POST /api/channels/webhooks': () => ({ url: '/api/channels/webhooks', payload: hook }),
      'PUT /api/channels/webhooks/:id': () => ({ url: '/api/channels/webhooks/999999', payload: hook }),
      'DELETE /api/channels/webhooks/:id': () => ({ url: '/api/channels/webhooks/999999' }),
      'GET /api/channels/failures': () => ({ url: '/api/channels/failures' }),
      'POST /api/channels/deliveries/:id/retry': () => ({ url: '/api/channels/deliveries/999999/retry' }),
    };
  }

  // Writes without If-Match answer 428 once authorised, which is enough to tell 403 from not-403.
  function planSamples(): Record<string, () => Sample> {
    const p = `/api/plans/${plan.id}`;
    const item = plan.items[0]!.id;
    const outline = outlineOf(plan.title, 2022, [node('加强民营经济统战工作')]);
    return {
      'POST /api/plans/preview': () => ({
        url: '/api/plans/preview',
        payload: { text: '一、总体要求\n加强团结。' },
      }),
      'GET /api/plans/unit-keywords': () => ({ url: '/api/plans/unit-keywords' }),
      'PUT /api/plans/unit-keywords': () => ({ url: '/api/plans/unit-keywords', payload: { keywords: [] } }),
      'GET /api/plans': () => ({ url: '/api/plans' }),
      'POST /api/plans': () => ({
        url: '/api/plans',
        payload: {
          regionCode: '370102',
          year: 2024,
          title: '历下区2024年统战工作要点',
          outline,
          sourceText: '',
        },
      }),
      'GET /api/plans/:id': () => ({ url: p }),
      'GET /api/plan-items/:id/task-suggestions': () => ({ url: `/api/plan-items/${item}/task-suggestions` }),
      'GET /api/plan-items/:id/rollup': () => ({ url: `/api/plan-items/${item}/rollup` }),
      'PUT /api/plans/:id/outline': () => ({ url: `${p}/outline`, payload: { outline } }),
      'GET /api/plans/:id/items/:itemId': () => ({ url: `${p}/items/${item}` }),
      'PATCH /api/plans/:id/items/:itemId': () => ({
        url: `${p}/items/${item}`,
        payload: { heading: '加强民营经济统战工作' },
      }),
      'POST /api/plans/:id/publish': () => ({ url: `${p}/publish` }),
      'GET /api/plans/:id/versions': () => ({ url: `${p}/versions` }),
      'POST /api/plans/:id/versions/:no/restore': () => ({ url: `${p}/versions/1/restore` }),
      'GET /api/plans/:id/versions/:no': () => ({ url: `${p}/versions/1` }),
      'GET /api/plans/:id/versions/:no/compare': () => ({ url: `${p}/versions/1/compare` }),
      'POST /api/plans/:id/revision': () => ({ url: `${p}/revision` }),
      'GET /api/plans/:id/revision-changes': () => ({ url: `${p}/revision-changes` }),
      'DELETE /api/plans/:id': () => ({ url: p }),
      'POST /api/plans/:id/withdraw': () => ({ url: `${p}/withdraw`, payload: { reason: '测试原因' } }),
      'POST /api/plans/:id/repeal': () => ({ url: `${p}/repeal`, payload: { reason: '测试原因' } }),
      'GET /api/plans/compare': () => ({ url: `/api/plans/compare?left=${plan.id}&right=${otherPlan.id}` }),
      'GET /api/plans/search': () => ({ url: `/api/plans/search?q=${encodeURIComponent('乡村振兴')}` }),
      'GET /api/plans/:id/items/:itemId/alignment-suggestions': () => ({
        url: `${p}/items/${item}/alignment-suggestions`,
      }),
      'PUT /api/plans/:id/items/:itemId/alignment': () => ({
        url: `${p}/items/${item}/alignment`,
        payload: { targetItemId: null },
      }),
      'GET /api/plans/:id/coverage': () => ({ url: `${p}/coverage` }),
      'GET /api/plans/:id/source': () => ({ url: `${p}/source` }),
      'GET /api/plans/:id/coverage/:itemId': () => ({ url: `${p}/coverage/${item}` }),
    };
  }

  // Steps without If-Match answer 428 once authorised; the adjustment decision names no real request.
  function taskSamples(): Record<string, () => Sample> {
    const p = `/api/tasks/${taskId}`;
    return {
      'GET /api/tasks': () => ({ url: '/api/tasks' }),
      'GET /api/home/tasks': () => ({ url: '/api/home/tasks' }),
      'GET /api/dashboard': () => ({ url: '/api/dashboard' }),
      'POST /api/tasks': () => ({ url: '/api/tasks', payload: taskBody(unitId, false) }),
      'GET /api/tasks/:id': () => ({ url: p }),
      'PATCH /api/tasks/:id': () => ({ url: p, payload: { title: '测试任务' } }),
      'GET /api/tasks/:id/timeline': () => ({ url: `${p}/timeline` }),
      'GET /api/tasks/:id/tree': () => ({ url: `${p}/tree` }),
      'GET /api/tasks/:id/health-history': () => ({ url: `${p}/health-history` }),
      'POST /api/tasks/:id/assign': () => ({ url: `${p}/assign` }),
      'POST /api/tasks/:id/sign': () => ({ url: `${p}/sign` }),
      'POST /api/tasks/:id/completion': () => ({ url: `${p}/completion`, payload: { summary: '已完成' } }),
      'POST /api/tasks/:id/completion/confirm': () => ({ url: `${p}/completion/confirm` }),
      'POST /api/tasks/:id/completion/return': () => ({
        url: `${p}/completion/return`,
        payload: { comment: '补充' },
      }),
      'POST /api/tasks/:id/cancel': () => ({ url: `${p}/cancel`, payload: { reason: '测试原因' } }),
      'POST /api/tasks/:id/adjustments': () => ({
        url: `${p}/adjustments`,
        payload: { kind: 'deadline', reason: '测试原因', dueDate: '2027-06-30' },
      }),
      'POST /api/tasks/:id/adjustments/:adjustmentId/decision': () => ({
        url: `${p}/adjustments/999999/decision`,
        payload: { approve: false },
      }),
      'GET /api/tasks/excel/template': () => ({ url: '/api/tasks/excel/template' }),
      // JSON, not a form: answered 400 once authorised (the upload itself is tested in tasks/excel/).
      'POST /api/tasks/excel/import': () => ({
        url: `/api/tasks/excel/import?planId=${plan.id}`,
        payload: {},
      }),
      'GET /api/tasks/excel/export': () => ({ url: '/api/tasks/excel/export' }),
      'GET /api/tasks/excel/ledger': () => ({ url: '/api/tasks/excel/ledger' }),
    };
  }

  // Notice steps without If-Match answer 428 once authorised.
  function noticeSamples(): Record<string, () => Sample> {
    const p = `/api/notices/${noticeId}`;
    const issue = { level: 'general', reason: '测试事由', requirements: '测试要求' };
    return {
      'GET /api/notices': () => ({ url: '/api/notices?colour=red' }),
      'GET /api/notices/due-dates': () => ({ url: '/api/notices/due-dates' }),
      'POST /api/tasks/:id/notices': () => ({ url: `/api/tasks/${taskId}/notices`, payload: issue }),
      'GET /api/tasks/:id/notices': () => ({ url: `/api/tasks/${taskId}/notices` }),
      'GET /api/notices/:id': () => ({ url: p }),
      'POST /api/notices/:id/sign': () => ({ url: `${p}/sign` }),
      'POST /api/notices/:id/respond': () => ({
        url: `${p}/respond`,
        payload: { measures: '措施', fixDue: '2026-12-31' },
      }),
      'POST /api/notices/:id/complete': () => ({ url: `${p}/complete`, payload: { summary: '已完成' } }),
      'POST /api/notices/:id/accept': () => ({ url: `${p}/accept` }),
      'POST /api/notices/:id/return': () => ({ url: `${p}/return`, payload: { comment: '补充' } }),
      'POST /api/notices/:id/close': () => ({ url: `${p}/close`, payload: { rating: 'good' } }),
      'POST /api/notices/:id/delist-request': () => ({
        url: `${p}/delist-request`,
        payload: { rating: 'good' },
      }),
      'POST /api/notices/:id/withdraw': () => ({ url: `${p}/withdraw`, payload: { reason: '误发' } }),
      'POST /api/notices/:id/delist-approve': () => ({ url: `${p}/delist-approve` }),
      'POST /api/notices/:id/delist-refuse': () => ({
        url: `${p}/delist-refuse`,
        payload: { comment: '不同意' },
      }),
    };
  }

  // Instructions: the create is real (a leader's 阅知 on the province task); steps without If-Match answer
  // 428 once authorised; the watch-list runs for real (following twice answers the same entry).
  function instructionSamples(): Record<string, () => Sample> {
    return {
      'POST /api/instructions': () => ({
        url: '/api/instructions',
        payload: { targetType: 'task', targetId: taskId, kind: 'read', text: '阅。' },
      }),
      'GET /api/instructions': () => ({ url: '/api/instructions' }),
      'GET /api/instructions/on': () => ({ url: `/api/instructions/on?targetType=task&targetId=${taskId}` }),
      'GET /api/instructions/:id': () => ({ url: '/api/instructions/999999' }),
      'POST /api/instructions/:id/follow-ups': () => ({
        url: '/api/instructions/999999/follow-ups',
        payload: { text: '已落实' },
      }),
      'POST /api/instructions/:id/confirm': () => ({ url: '/api/instructions/999999/confirm', payload: {} }),
      'POST /api/instructions/:id/more': () => ({
        url: '/api/instructions/999999/more',
        payload: { comment: '请补充' },
      }),
      'GET /api/watches': () => ({ url: '/api/watches' }),
      'POST /api/watches': () => ({ url: '/api/watches', payload: { targetType: 'task', targetId: taskId } }),
      'DELETE /api/watches/:id': () => ({ url: '/api/watches/999999' }),
      'GET /api/watches/feed': () => ({ url: '/api/watches/feed' }),
    };
  }

  // Report writes without If-Match answer 428 once authorised; the board and its reminder run for real.
  function reportSamples(): Record<string, () => Sample> {
    const p = `/api/tasks/${taskId}/reports`;
    const content = { percent: 10 };
    return {
      'GET /api/tasks/:id/reports': () => ({ url: p }),
      'GET /api/tasks/:id/reports/:periodKey/draft': () => ({ url: `${p}/2026-01/draft` }),
      'PUT /api/tasks/:id/reports/:periodKey/draft': () => ({ url: `${p}/2026-01/draft`, payload: content }),
      'POST /api/tasks/:id/reports/:periodKey/submit': () => ({
        url: `${p}/2026-01/submit`,
        payload: content,
      }),
      'PUT /api/tasks/:id/reports/:periodKey/contribution': () => ({
        url: `${p}/2026-01/contribution`,
        payload: { text: '配合单位反馈' },
      }),
      'POST /api/tasks/:id/reports/:periodKey/accept': () => ({ url: `${p}/2026-01/accept` }),
      'POST /api/tasks/:id/reports/:periodKey/return': () => ({
        url: `${p}/2026-01/return`,
        payload: { comment: '补充' },
      }),
      // Regions first; a region's units on demand (unitsOf, offset: the board's own region when absent).
      'GET /api/reports/missing': () => ({ url: '/api/reports/missing?offset=0' }),
      'POST /api/reports/missing/remind': () => ({ url: '/api/reports/missing/remind', payload: {} }),
    };
  }

  // 督办通报: creating one runs for real; the keyed routes answer 404 for a holder (no such bulletin).
  function bulletinSamples(): Record<string, () => Sample> {
    const b = '/api/bulletins/999999';
    return {
      'GET /api/bulletins': () => ({ url: '/api/bulletins' }),
      'POST /api/bulletins': () => ({ url: '/api/bulletins', payload: { period: '2026-02' } }),
      'GET /api/bulletins/:id': () => ({ url: b }),
      'PATCH /api/bulletins/:id': () => ({ url: b, payload: { title: '通报' } }),
      'POST /api/bulletins/:id/issue': () => ({ url: `${b}/issue` }),
      'POST /api/bulletins/:id/send': () => ({ url: `${b}/send` }),
      'GET /api/bulletins/:id/docx': () => ({ url: `${b}/docx` }),
    };
  }

  // 联系人: creates run for real (an organisation of the province and a person in it); the keyed routes
  // answer 404 for a holder of the permission (no such contact or organisation).
  function contactSamples(n: number): Record<string, () => Sample> {
    const c = '/api/contacts/999999';
    return {
      'GET /api/contact-organisations': () => ({ url: '/api/contact-organisations' }),
      'POST /api/contact-organisations': () => ({
        url: '/api/contact-organisations',
        payload: { regionCode: '370000', kind: 'enterprise', name: `测试企业${n}` },
      }),
      'PATCH /api/contact-organisations/:id': () => ({
        url: '/api/contact-organisations/999999',
        payload: { name: '测试企业' },
      }),
      'GET /api/contacts': () => ({ url: '/api/contacts' }),
      'POST /api/contacts': () => ({
        url: '/api/contacts',
        payload: { organisationId: 999999, name: '测试联系人', legalBasis: 'duty' },
      }),
      'GET /api/contacts/:id': () => ({ url: c }),
      'PATCH /api/contacts/:id': () => ({ url: c, payload: { title: '委员' } }),
      'POST /api/contacts/:id/unmask': () => ({ url: `${c}/unmask`, payload: { field: 'phone' } }),
      'GET /api/contacts/:id/export': () => ({ url: `${c}/export` }),
      'DELETE /api/contacts/:id': () => ({ url: c }),
      'POST /api/contacts/:id/anonymise': () => ({ url: `${c}/anonymise` }),
      'DELETE /api/contact-organisations/:id': () => ({ url: '/api/contact-organisations/999999' }),
    };
  }

  // 品牌活动: creates name a region, unit or plan that does not exist (404/400 once authorised); keyed
  // routes name records that do not exist (404 once authorised).
  function activitySamples(): Record<string, () => Sample> {
    const b = '/api/activity-brands/999999';
    const e = '/api/activity-events/999999';
    const o = '/api/activity-outcomes/999999';
    return {
      'GET /api/activity-brands': () => ({ url: '/api/activity-brands' }),
      'POST /api/activity-brands': () => ({
        url: '/api/activity-brands',
        payload: { name: '测试品牌', regionCode: '999999' },
      }),
      'POST /api/activity-brands/import': () => ({
        url: '/api/activity-brands/import',
        payload: { planId: 999999 },
      }),
      'GET /api/activity-brands/:id': () => ({ url: b }),
      'PATCH /api/activity-brands/:id': () => ({ url: b, payload: { name: '测试品牌' } }),
      'GET /api/activity-events': () => ({ url: '/api/activity-events?year=2026' }),
      'POST /api/activity-events': () => ({
        url: '/api/activity-events',
        payload: {
          name: '测试活动',
          startDate: '2026-05-01',
          endDate: '2026-05-01',
          placeRegionCode: '999999',
          organiserUnitId: 999999,
        },
      }),
      'GET /api/activity-events/:id': () => ({ url: e }),
      'PATCH /api/activity-events/:id': () => ({ url: e, payload: { name: '测试活动' } }),
      'POST /api/activity-events/:id/transitions': () => ({
        url: `${e}/transitions`,
        payload: { to: 'preparing' },
      }),
      'POST /api/activity-events/:id/checklist': () => ({
        url: `${e}/checklist`,
        payload: { title: '筹备', ownerUnitId: 999999, dueDate: '2026-05-01' },
      }),
      'PATCH /api/activity-events/:id/checklist/:itemId': () => ({
        url: `${e}/checklist/1`,
        payload: { done: true },
      }),
      'POST /api/activity-events/:id/outcomes': () => ({
        url: `${e}/outcomes`,
        payload: { kind: 'villages', name: '服务村庄', quantity: 1 },
      }),
      'GET /api/activity-outcomes': () => ({ url: '/api/activity-outcomes?year=2026' }),
      'PATCH /api/activity-outcomes/:id': () => ({ url: o, payload: { quantity: 2 } }),
      'DELETE /api/activity-outcomes/:id': () => ({ url: o }),
      'GET /api/activity-totals': () => ({ url: '/api/activity-totals?year=2026' }),
      // act-speed: an event's evidence file removed (without If-Match: 428 once authorised).
      'DELETE /api/activity-events/:id/attachments/:attachmentId': () => ({ url: `${e}/attachments/1` }),
    };
  }

  // 干部培训: the create runs for real for a year nobody has used (each call a new year, so no 409 hides a
  // 403); keyed routes name records that do not exist (404 once authorised); updates without If-Match.
  function trainingSamples(): Record<string, () => Sample> {
    const course = {
      title: '培训班',
      organiser: '社会主义学院',
      place: '济南',
      startsOn: '2026-03-10',
      endsOn: '2026-03-10',
      placesPerUnit: 2,
      sessions: [{ startsAt: '2026-03-10T09:00', hours: 3, topic: '专题' }],
    };
    return {
      'GET /api/training/plans': () => ({ url: '/api/training/plans' }),
      'POST /api/training/plans': () => ({
        url: '/api/training/plans',
        payload: { year: 2030 + (counter % 60), title: '培训计划' },
      }),
      'GET /api/training/plans/:id': () => ({ url: '/api/training/plans/999999' }),
      'POST /api/training/plans/:id/courses': () => ({
        url: '/api/training/plans/999999/courses',
        payload: course,
      }),
      'POST /api/training/plans/:id/approve': () => ({ url: '/api/training/plans/999999/approve' }),
      'GET /api/training/courses/:id': () => ({ url: '/api/training/courses/999999' }),
      'POST /api/training/courses/:id/nominations': () => ({
        url: '/api/training/courses/999999/nominations',
        payload: { name: '学员' },
      }),
      'POST /api/training/courses/:id/close': () => ({ url: '/api/training/courses/999999/close' }),
      'POST /api/training/nominations/:id/decision': () => ({
        url: '/api/training/nominations/999999/decision',
        payload: { approve: true },
      }),
      'GET /api/training/sessions/:id/qr': () => ({ url: '/api/training/sessions/999999/qr' }),
      'PUT /api/training/sessions/:id/attendance': () => ({
        url: '/api/training/sessions/999999/attendance',
        payload: { personIds: [] },
      }),
      // An invalid code: 400 once authorised, nothing recorded.
      'POST /api/training/check-in': () => ({
        url: '/api/training/check-in',
        payload: { sessionId: 999999, token: 'x' },
      }),
      'GET /api/training/my-hours': () => ({ url: '/api/training/my-hours' }),
      'GET /api/training/units': () => ({ url: '/api/training/units?year=2026' }),
      'GET /api/training/people': () => ({ url: '/api/training/people?year=2026' }),
      'GET /api/training/settings': () => ({ url: '/api/training/settings' }),
      'PUT /api/training/settings': () => ({ url: '/api/training/settings', payload: { requiredHours: 40 } }),
      // train-pair: editing a draft plan and course (records that do not exist: 404 once authorised).
      'PATCH /api/training/plans/:id': () => ({
        url: '/api/training/plans/999999',
        payload: { title: '计划' },
      }),
      'PATCH /api/training/courses/:id': () => ({
        url: '/api/training/courses/999999',
        payload: { title: '课程' },
      }),
      // train-pair-speed: a course deleted from a draft plan.
      'DELETE /api/training/courses/:id': () => ({ url: '/api/training/courses/999999' }),
    };
  }

  function permissionRoutes(): Array<RouteEntry & { permission: Permission }> {
    return routeEntries(t).flatMap((r) =>
      r.url.startsWith('/api/') &&
      r.access &&
      (PERMISSIONS as readonly string[]).includes(r.access.permission)
        ? [{ ...r, permission: r.access.permission as Permission }]
        : [],
    );
  }

  it('finds the routes through the onRoute record', () => {
    const urls = routeEntries(t).map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('POST /api/auth/login');
    expect(urls).toContain('PUT /api/users/:id/roles');
    expect(urls).toContain('GET /api/audit');
  });

  it('has no /api route without a declared permission and scope', () => {
    const undeclared = routeEntries(t).filter(
      (r) =>
        r.url.startsWith('/api/') &&
        !UNDECLARED_PREFIXES.some((p) => r.url.startsWith(p)) &&
        !(r.access && typeof r.access.permission === 'string' && typeof r.access.scope === 'string'),
    );
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    for (const { access } of routeEntries(t)) {
      if (!access) continue;
      expect([...PERMISSIONS, 'public', 'session']).toContain(access.permission);
      expect(['none', 'global', 'data', 'self']).toContain(access.scope);
    }
  });

  // A 'data' route keyed by a record names the record's ScopedResource (test/scope.test.ts walks them).
  it('has no route whose declared data scope the access plugin could not enforce', () => {
    const problems = routeEntries(t).flatMap((r) =>
      r.access ? [accessDeclarationProblem(r.url, r.access)].filter((p) => p !== null) : [],
    );
    expect(problems).toEqual([]);
  });

  // The web app's API types are generated from the document, named by operationId (web/src/api/).
  it('names every documented /api route with its own camelCase operationId', () => {
    const documented = routeEntries(t).filter(
      (r) => r.url.startsWith('/api/') && !r.hidden && !UNDECLARED_PREFIXES.some((p) => r.url.startsWith(p)),
    );
    expect(documented.length).toBeGreaterThan(50);
    const unnamed = documented.filter((r) => !r.operationId || !/^[a-z][A-Za-z]+$/.test(r.operationId));
    expect(unnamed.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const byId = new Map<string | undefined, RouteEntry[]>();
    for (const r of documented) byId.set(r.operationId, [...(byId.get(r.operationId) ?? []), r]);
    const repeated = [...byId].filter(([, routes]) => routes.length > 1);
    expect(
      repeated.map(([id, routes]) => `${id}: ${routes.map((r) => `${r.method} ${r.url}`).join(', ')}`),
    ).toEqual([]);
  });

  it('has a sample request for every route that needs a permission', () => {
    const missing = permissionRoutes()
      .filter((r) => !sampleFor(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'add a sample request for these routes in test/routes.test.ts').toEqual([]);
  });

  it('answers 401 to every non-public /api route without a session', async () => {
    const routes = routeEntries(t).filter(
      (r) => r.url.startsWith('/api/') && r.access && r.access.permission !== 'public',
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      // Sessions are checked before validation, so the body does not matter; valid ones keep the
      // test honest should that order ever change.
      const sample = sampleFor(r.method, r.url) ?? {
        url: r.url.replace(':id', '1').replace(':code', '370000'),
        ...(SESSION_ROUTE_BODIES[`${r.method} ${r.url}`]
          ? { payload: SESSION_ROUTE_BODIES[`${r.method} ${r.url}`] }
          : {}),
      };
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: sample.url,
        ...(sample.payload ? { payload: sample.payload } : {}),
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json<{ code: string }>().code).toBe('UNAUTHENTICATED');
    }
  });

  it.each(ACCOUNTS)(
    'refuses $username exactly the routes whose permission $role lacks',
    async ({ username, role }) => {
      const agent = agents.get(username)!;
      const held = new Set<Permission>(ROLE_PERMISSIONS[role]);
      const routes = permissionRoutes();
      expect(routes.length).toBeGreaterThan(10);
      for (const r of routes) {
        const sample = sampleFor(r.method, r.url);
        if (!sample) continue; // reported by the test above
        const res = await agent.request({
          method: r.method,
          url: sample.url,
          ...(sample.payload ? { payload: sample.payload } : {}),
        });
        const label = `${username} ${r.method} ${r.url} (${r.permission}) → ${res.statusCode} ${res.body}`;
        if (held.has(r.permission)) {
          expect(res.statusCode, label).not.toBe(403);
          expect(res.statusCode, label).not.toBe(401);
          expect(res.statusCode, label).toBeLessThan(500);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json<{ code: string }>().code, label).toBe('FORBIDDEN');
        }
      }
    },
  );
});

function taskBody(leadUnitId: number, assign: boolean) {
  return {
    source: 'leader',
    title: '测试任务',
    leadUnitId,
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    assign,
  };
}
