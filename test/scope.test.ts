import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../server/app.ts';
import type { RequestContext } from '../server/core/access/actor.ts';
import { ROLE_PERMISSIONS, ROLES, type Permission } from '../server/core/access/roles.ts';
import { dataScopeOf } from '../server/core/access/scope.ts';
import { generatePassword } from '../server/core/auth/password.ts';
import { urlParams, type Access } from '../server/core/http/route.ts';
import { pdf } from '../server/modules/attachments/testing/samples.ts';
import { regionStaff } from '../server/core/notify/recipients.ts';
import { insertNewUser } from '../server/modules/org/user.service.ts';
import { createDraft, node, outlineOf, type PlanOut } from '../server/modules/plans/testing/plan.fixtures.ts';
import { createTestApp, seedDemo, signIn, type Agent, type DemoWorld, type TestApp } from './app.ts';
import { DIALECTS } from './db.ts';

// The data-scope matrix, generated like the role × route matrix in routes.test.ts: EVERY /api route whose
// URL carries a record key is walked, and for each one a user who holds the route's permission but not
// the record's scope gets 404 with the body of a missing record, and an access.out_of_scope audit event.
// A new route keyed by a record needs no new test, only (if the test cannot build it) a sample below.

interface KeyedRoute {
  method: string;
  url: string;
  access: Access;
  params: string[];
}

function keyedRoutes(t: TestApp): KeyedRoute[] {
  return listRoutes(t.app).flatMap((r) => {
    const access = r.config?.access;
    const params = urlParams(r.url);
    if (!r.url.startsWith('/api/') || !access || params.length === 0) return [];
    return (Array.isArray(r.method) ? r.method : [r.method])
      .filter((m) => m !== 'HEAD')
      .map((method) => ({ method, url: r.url, access, params }));
  });
}

function fill(url: string, values: Record<string, string | number>): string {
  return url.replace(/:([A-Za-z_]\w*)/g, (_, p: string) => {
    const v = values[p];
    if (v === undefined) throw new Error(`no sample value for :${p} in ${url}`);
    return encodeURIComponent(String(v));
  });
}

// Anyone who could ever reach a 'global' route sees everything, so nobody is outside a record's scope.
function rolesHolding(permission: Permission) {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

const SYSTEM: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'scope-test' };

describe.each(DIALECTS)('data scope on every keyed route (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let insider: Agent;
  let outsider: Agent;
  let plan: PlanOut;
  // Per resource type: a record the outsider may not see, and a key no record has.
  let records: Record<string, { key: string | number; missing: string | number }>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    // 市中区 staff: work.read, work.manage and org.read, scoped to their own county.
    const shizhongUnit = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '中共济南市市中区委统战部')
      .executeTakeFirstOrThrow();
    const password = generatePassword();
    await insertNewUser(
      t.s,
      SYSTEM,
      { username: 'shizhong_staff', displayName: '钱明', unitId: shizhongUnit.id, regionCode: '370103' },
      { password, roles: ['staff'], mustChange: false },
    );
    outsider = await signIn(t, 'shizhong_staff', password);
    insider = await world.signIn('lixia_staff');
    const outline = outlineOf('历下区2022年统战工作要点', 2022, [
      node('加强民营经济统战工作', '推动民营企业参与乡村振兴。'),
    ]);
    plan = await createDraft(insider, { regionCode: '370102', year: 2022, title: outline.title, outline });
    const lixiaUnit = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '中共济南市历下区委统战部')
      .executeTakeFirstOrThrow();
    const task = await insider.post('/api/tasks', {
      source: 'leader',
      title: '历下区的任务',
      leadUnitId: lixiaUnit.id,
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      assign: true,
    });
    expect(task.statusCode, task.body).toBe(201);
    // A file the insider uploaded and has not attached yet: theirs alone.
    const boundary = '----scope-test';
    const upload = await insider.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
        pdf(),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    const attachment = upload.json<{ id: number }>();
    // A message of the insider's own (站内消息): nobody else has it in scope.
    const message = await t.s.db.kysely.transaction().execute(async (trx) => {
      const [recipient] = (
        await t.s.notify(trx, {
          recipients: [regionStaff('370102')],
          kind: 'task.assigned',
          title: '测试消息',
          object: { type: 'task', id: 1 },
        })
      ).recipientIds;
      return trx
        .selectFrom('messages')
        .select('id')
        .where('recipient_id', '=', recipient!)
        .executeTakeFirstOrThrow();
    });
    const notice = await insider.post(`/api/tasks/${task.json<{ id: number }>().id}/notices`, {
      level: 'key',
      reason: '测试事由',
      requirements: '测试要求',
    });
    expect(notice.statusCode, notice.body).toBe(201);
    // A 批办 instruction of the province's leader on the county's task, and the insider's own watch entry.
    const leader = await world.signIn('leader');
    const instruction = await leader.post('/api/instructions', {
      targetType: 'task',
      targetId: task.json<{ id: number }>().id,
      kind: 'act',
      text: '请落实。',
    });
    expect(instruction.statusCode, instruction.body).toBe(201);
    const watch = await insider.post('/api/watches', {
      targetType: 'task',
      targetId: task.json<{ id: number }>().id,
    });
    expect(watch.statusCode, watch.body).toBe(201);
    // A 历下区 督办通报: a sibling county's staff may not reach it.
    const bulletin = await insider.post('/api/bulletins', { period: '2026-02' });
    expect(bulletin.statusCode, bulletin.body).toBe(201);
    // A 历下区 基层 request to 济南市 (submitted): 市中区 staff may not reach it.
    const request = await insider.post(
      '/api/cases',
      {
        type: 'grassroots',
        title: '关于增加统战工作经费的请示',
        content: { need: 'funds', content: '街道统战工作经费不足。' },
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(request.statusCode, request.body).toBe(201);
    const requestId = request.json<{ id: number }>().id;
    const submitted = await insider.request({
      method: 'POST',
      url: `/api/cases/${requestId}/actions`,
      payload: { action: 'submit' },
      ifMatch: request.json<{ version: number }>().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // A 历下区 民主监督 project and 政企座谈会: 市中区 staff may not reach them.
    const project = await insider.post(
      '/api/case-projects',
      {
        topic: '街道统战工作',
        scope: '历下区',
        periodFrom: '2026-03-01',
        periodTo: '2026-06-30',
        partyUnitId: (
          await t.s.db.kysely
            .selectFrom('units')
            .select('id')
            .where('name', '=', '民盟山东省委会')
            .executeTakeFirstOrThrow()
        ).id,
        agencyUnitId: lixiaUnit.id,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(project.statusCode, project.body).toBe(201);
    const meeting = await insider.post(
      '/api/case-meetings',
      { title: '历下区政企座谈会', heldOn: '2026-03-02' },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(meeting.statusCode, meeting.body).toBe(201);
    // A 历下区 organisation of the contacts directory and a person in it.
    const organisation = await insider.post('/api/contact-organisations', {
      regionCode: '370102',
      kind: 'enterprise',
      name: '历下区某企业',
    });
    expect(organisation.statusCode, organisation.body).toBe(201);
    const contact = await insider.post('/api/contacts', {
      organisationId: organisation.json<{ id: number }>().id,
      name: '历下联系人',
      phone: '13912345678',
      legalBasis: 'duty',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const lixiaFederation = await insider.post('/api/contact-organisations', {
      regionCode: '370102',
      kind: 'federation',
      name: '历下区工商联',
    });
    expect(lixiaFederation.statusCode, lixiaFederation.body).toBe(201);
    const pairedEnterprise = await insider.post('/api/contact-organisations', {
      regionCode: '370102',
      kind: 'enterprise',
      name: '历下区结对企业',
      federationId: lixiaFederation.json<{ id: number }>().id,
    });
    expect(pairedEnterprise.statusCode, pairedEnterprise.body).toBe(201);
    const pairing = await insider.post(
      '/api/pairings',
      {
        year: 2026,
        enterpriseId: pairedEnterprise.json<{ id: number }>().id,
        villageCode: '370102001002',
        projectType: 'industry',
        title: '历下区结对项目',
        investedWan: '10',
        incomeWan: '1',
        peopleHelped: 5,
        jobsCreated: 1,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(pairing.statusCode, pairing.body).toBe(201);
    // A 历下区 event (organised by its 统战部) with an outcome, and a 历下区 brand: 市中区 staff may not reach them.
    const brand = await insider.post(
      '/api/activity-brands',
      { name: '历下品牌' },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(brand.statusCode, brand.body).toBe(201);
    let activity = await insider.post(
      '/api/activity-events',
      {
        name: '历下区活动',
        startDate: '2026-05-01',
        endDate: '2026-05-01',
        placeRegionCode: '370102',
        organiserUnitId: lixiaUnit.id,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(activity.statusCode, activity.body).toBe(201);
    for (const to of ['preparing', 'held']) {
      activity = await insider.request({
        method: 'POST',
        url: `/api/activity-events/${activity.json<{ id: number }>().id}/transitions`,
        payload: { to },
        ifMatch: activity.json<{ version: number }>().version,
      });
      expect(activity.statusCode, activity.body).toBe(200);
    }
    const outcome = await insider.post(
      `/api/activity-events/${activity.json<{ id: number }>().id}/outcomes`,
      { kind: 'villages', name: '服务村庄', quantity: 2 },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(outcome.statusCode, outcome.body).toBe(201);
    // A 历下区 training plan with a course, approved by the province's leader, and a nomination of the
    // 历下区 统战部 (nominated by its staff): 市中区 staff may reach none of them, nor the session.
    const trainingPlan = await insider.post(
      '/api/training/plans',
      { year: 2026, title: '历下区2026年干部培训计划' },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(trainingPlan.statusCode, trainingPlan.body).toBe(201);
    const trainingPlanId = trainingPlan.json<{ id: number }>().id;
    const withCourse = await insider.post(
      `/api/training/plans/${trainingPlanId}/courses`,
      {
        title: '统战干部培训班',
        organiser: '历下区委党校',
        place: '历下区',
        startsOn: '2026-03-10',
        endsOn: '2026-03-10',
        placesPerUnit: 2,
        sessions: [{ startsAt: '2026-03-10T09:00', hours: 3, topic: '专题' }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(withCourse.statusCode, withCourse.body).toBe(201);
    const approvedPlan = await leader.request({
      method: 'POST',
      url: `/api/training/plans/${trainingPlanId}/approve`,
      ifMatch: withCourse.json<{ version: number }>().version,
    });
    expect(approvedPlan.statusCode, approvedPlan.body).toBe(200);
    const trainingCourseId = withCourse.json<{ courses: Array<{ id: number }> }>().courses[0]!.id;
    const nominated = await insider.post(
      `/api/training/courses/${trainingCourseId}/nominations`,
      { unitId: lixiaUnit.id, name: '历下学员', title: '科员' },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(nominated.statusCode, nominated.body).toBe(201);
    const trainingCourse = nominated.json<{
      sessions: Array<{ id: number }>;
      nominations: Array<{ id: number }>;
    }>();
    records = {
      case: { key: requestId, missing: 999_999_999 },
      activity_brand: { key: brand.json<{ id: number }>().id, missing: 999_999_999 },
      activity_event: { key: activity.json<{ id: number }>().id, missing: 999_999_999 },
      activity_outcome: { key: outcome.json<{ id: number }>().id, missing: 999_999_999 },
      case_project: { key: project.json<{ id: number }>().id, missing: 999_999_999 },
      case_meeting: { key: meeting.json<{ id: number }>().id, missing: 999_999_999 },
      contact: { key: contact.json<{ id: number }>().id, missing: 999_999_999 },
      contact_organisation: { key: organisation.json<{ id: number }>().id, missing: 999_999_999 },
      notice: { key: notice.json<{ id: number }>().id, missing: 999_999_999 },
      instruction: { key: instruction.json<{ id: number }>().id, missing: 999_999_999 },
      watch: { key: watch.json<{ id: number }>().id, missing: 999_999_999 },
      bulletin: { key: bulletin.json<{ id: number }>().id, missing: 999_999_999 },
      attachment: { key: attachment.id, missing: 999_999_999 },
      task: { key: task.json<{ id: number }>().id, missing: 999_999_999 },
      message: { key: message.id, missing: 999_999_999 },
      plan: { key: plan.id, missing: 999_999_999 },
      plan_item: { key: plan.items[0]!.id, missing: 999_999_999 },
      region: { key: '370102', missing: '999999' },
      pairing: { key: pairing.json<{ id: number }>().id, missing: 999_999_999 },
      unit: { key: lixiaUnit.id, missing: 999_999_999 },
      training_plan: { key: trainingPlanId, missing: 999_999_999 },
      training_course: { key: trainingCourseId, missing: 999_999_999 },
      training_session: { key: trainingCourse.sessions[0]!.id, missing: 999_999_999 },
      training_nomination: { key: trainingCourse.nominations[0]!.id, missing: 999_999_999 },
    };
  });
  afterAll(() => t.close());

  // Values for the URL's other keys (children of the record, resolved by the service within it).
  function childParams(): Record<string, string | number> {
    return {
      itemId: plan.items[0]!.id,
      no: 1,
      adjustmentId: 1,
      periodKey: '2026-03',
      action: 'withdraw',
      attachmentId: 1, // act-speed: an event's evidence file
    };
  }

  // A body each write accepts (validation runs before the access plugin). null: the route takes none.
  // Without If-Match, a write that got past the guard answers 428, so nothing here changes data.
  function bodyFor(method: string, url: string): object | null | undefined {
    const outline = outlineOf(plan.title, 2022, [node('加强民营经济统战工作')]);
    const bodies: Record<string, object | null> = {
      'PUT /api/plans/:id/outline': { outline },
      'PATCH /api/plans/:id/items/:itemId': { heading: '加强民营经济统战工作' },
      'POST /api/plans/:id/publish': null,
      'POST /api/plans/:id/versions/:no/restore': null,
      'PUT /api/plans/:id/items/:itemId/alignment': { targetItemId: null },
      'POST /api/plans/:id/revision': null,
      'DELETE /api/plans/:id': null,
      'POST /api/plans/:id/withdraw': { reason: '测试原因' },
      'POST /api/plans/:id/repeal': { reason: '测试原因' },
      'PATCH /api/tasks/:id': { title: '历下区的任务' },
      'POST /api/tasks/:id/assign': null,
      'POST /api/tasks/:id/sign': null,
      'POST /api/tasks/:id/completion': { summary: '已完成' },
      'POST /api/tasks/:id/completion/confirm': null,
      'POST /api/tasks/:id/completion/return': { comment: '补充' },
      'POST /api/tasks/:id/cancel': { reason: '测试原因' },
      'POST /api/tasks/:id/adjustments': { kind: 'deadline', reason: '测试原因', dueDate: '2027-06-30' },
      'POST /api/tasks/:id/adjustments/:adjustmentId/decision': { approve: false },
      'POST /api/inbox/:id/read': null,
      'POST /api/instructions/:id/follow-ups': { text: '已落实' },
      'POST /api/instructions/:id/confirm': null,
      'POST /api/instructions/:id/more': { comment: '请补充' },
      'DELETE /api/watches/:id': null,
      'PUT /api/tasks/:id/reports/:periodKey/draft': { percent: 10 },
      'POST /api/tasks/:id/reports/:periodKey/submit': { percent: 10 },
      'PUT /api/tasks/:id/reports/:periodKey/contribution': { text: '配合单位反馈' },
      'POST /api/tasks/:id/reports/:periodKey/accept': null,
      'POST /api/tasks/:id/reports/:periodKey/return': { comment: '补充' },
      'POST /api/tasks/:id/notices': { level: 'general', reason: '测试事由', requirements: '测试要求' },
      'POST /api/notices/:id/sign': null,
      'POST /api/notices/:id/respond': { measures: '措施', fixDue: '2026-12-31' },
      'POST /api/notices/:id/complete': { summary: '已完成' },
      'POST /api/notices/:id/accept': null,
      'POST /api/notices/:id/return': { comment: '补充' },
      'POST /api/notices/:id/close': { rating: 'good' },
      'POST /api/notices/:id/delist-request': { rating: 'good' },
      'POST /api/notices/:id/delist-approve': null,
      'POST /api/notices/:id/delist-refuse': { comment: '不同意' },
      'POST /api/notices/:id/withdraw': { reason: '测试原因' },
      'PATCH /api/bulletins/:id': { title: '通报' },
      'POST /api/bulletins/:id/issue': null,
      'POST /api/bulletins/:id/send': null,
      'PUT /api/cases/:id': { title: '测试', content: {} },
      'POST /api/cases/:id/actions': { action: 'withdraw' },
      'POST /api/case-projects/:id/ratings': { rating: 'satisfied' },
      'POST /api/case-projects/:id/close': { summary: '总结' },
      'PATCH /api/contact-organisations/:id': { name: '历下区某企业' },
      'PATCH /api/contacts/:id': { title: '委员' },
      'POST /api/contacts/:id/unmask': { field: 'phone' },
      'DELETE /api/contacts/:id': null,
      'POST /api/contacts/:id/anonymise': null,
      'DELETE /api/contact-organisations/:id': null,
      'PATCH /api/pairings/:id': { title: '历下区结对项目' },
      'POST /api/pairings/:id/review': { decision: 'approve' },
      'POST /api/pairings/:id/updates': {
        reportedOn: '2026-01-02',
        note: '进展',
        stage: 'ongoing',
        investedWan: '10',
        incomeWan: '1',
        peopleHelped: 5,
        jobsCreated: 1,
      },
      'PATCH /api/activity-brands/:id': { name: '历下品牌' },
      'PATCH /api/activity-events/:id': { name: '历下区活动' },
      'POST /api/activity-events/:id/transitions': { to: 'reviewed', review: '复盘' },
      'POST /api/activity-events/:id/checklist': { title: '筹备', ownerUnitId: 1, dueDate: '2026-05-01' },
      'PATCH /api/activity-events/:id/checklist/:itemId': { done: true },
      'POST /api/activity-events/:id/outcomes': { kind: 'villages', name: '服务村庄', quantity: 1 },
      'PATCH /api/activity-outcomes/:id': { quantity: 3 },
      'DELETE /api/activity-outcomes/:id': null,
      'POST /api/training/plans/:id/courses': {
        title: '培训班',
        organiser: '党校',
        place: '历下区',
        startsOn: '2026-04-10',
        endsOn: '2026-04-10',
        placesPerUnit: 1,
        sessions: [{ startsAt: '2026-04-10T09:00', hours: 2, topic: '专题' }],
      },
      'POST /api/training/plans/:id/approve': null,
      'POST /api/training/courses/:id/nominations': { name: '学员' },
      'POST /api/training/courses/:id/close': null,
      'POST /api/training/nominations/:id/decision': { approve: true },
      'PUT /api/training/sessions/:id/attendance': { personIds: [] },
      // train-pair
      'DELETE /api/pairings/:id': null,
      'PATCH /api/training/plans/:id': { title: '历下区培训计划' },
      'PATCH /api/training/courses/:id': { title: '历下区培训班' },
      // act-speed
      'DELETE /api/activity-events/:id/attachments/:attachmentId': null,
      // train-pair-speed
      'DELETE /api/training/courses/:id': null,
    };
    return method === 'GET' ? null : bodies[`${method} ${url}`];
  }

  function dataRoutes() {
    return keyedRoutes(t).filter((r) => r.access.scope === 'data');
  }

  it('finds the keyed routes, org and plans among them', () => {
    const urls = dataRoutes().map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('GET /api/regions/:code');
    expect(urls).toContain('GET /api/units/:id');
    expect(urls).toContain('GET /api/plans/:id');
    expect(urls).toContain('PUT /api/plans/:id/outline');
    expect(urls.length).toBeGreaterThan(10);
  });

  it("gives every keyed route a scope of 'data' (with a record) or 'global'", () => {
    const undecided = keyedRoutes(t).filter(
      (r) => !(r.access.scope === 'data' && r.access.record) && r.access.scope !== 'global',
    );
    expect(undecided.map((r) => `${r.method} ${r.url} (${r.access.scope})`)).toEqual([]);
  });

  it("reaches 'global' keyed routes only by roles that see everything", () => {
    const global = keyedRoutes(t).filter((r) => r.access.scope === 'global');
    expect(global.map((r) => r.url)).toContain('/api/users/:id');
    for (const r of global) {
      const permission = r.access.permission as Permission;
      for (const role of rolesHolding(permission)) {
        const scope = dataScopeOf({
          roles: [role],
          regionPath: '370000/370100',
          unitId: 1,
          organisationId: 1,
        });
        expect(scope.kind, `${role} holds ${permission} for ${r.method} ${r.url}`).toBe('all');
      }
    }
  });

  it('has a sample record and body for every keyed data route', () => {
    const missing = dataRoutes().flatMap((r) => {
      const problems: string[] = [];
      if (!records[r.access.record!.resource.type])
        problems.push(`record of type ${r.access.record!.resource.type}`);
      if (bodyFor(r.method, r.url) === undefined) problems.push('body');
      const others = r.params.filter((p) => p !== r.access.record!.param && !(p in childParams()));
      if (others.length) problems.push(`values for ${others.join(', ')}`);
      return problems.map((p) => `${r.method} ${r.url}: ${p}`);
    });
    expect(missing, 'add samples for these routes in test/scope.test.ts').toEqual([]);
  });

  async function outOfScopeEvents(type: string, key: string | number) {
    const rows = await t.s.db.kysely
      .selectFrom('audit_log')
      .select(['id', 'actor_name'])
      .where('action', '=', 'access.out_of_scope')
      .where('object_type', '=', type)
      .where('object_id', '=', String(key))
      .execute();
    return rows;
  }

  function send(agent: Agent, r: KeyedRoute, key: string | number) {
    const url = fill(r.url, { ...childParams(), [r.access.record!.param]: key });
    const body = bodyFor(r.method, r.url);
    return agent.request({ method: r.method, url, ...(body ? { payload: body } : {}) });
  }

  it('answers an outsider 404 as for a missing record, and audits access.out_of_scope', async () => {
    const routes = dataRoutes();
    for (const r of routes) {
      const { type } = r.access.record!.resource;
      const sample = records[type]!;
      const label = `${r.method} ${r.url}`;

      const missing = await send(outsider, r, sample.missing);
      expect(missing.statusCode, `${label} missing → ${missing.body}`).toBe(404);

      const before = await outOfScopeEvents(type, sample.key);
      const denied = await send(outsider, r, sample.key);
      expect(denied.statusCode, `${label} out of scope → ${denied.body}`).toBe(404);
      expect(denied.json(), label).toEqual(missing.json());
      const after = await outOfScopeEvents(type, sample.key);
      expect(after.length, `${label}: one access.out_of_scope event`).toBe(before.length + 1);
      expect(after.at(-1)!.actor_name, label).toBe('shizhong_staff');

      // The same request from inside the scope gets past the guard: the sample is a real request.
      const allowed = await send(insider, r, sample.key);
      expect([400, 403, 404], `${label} in scope → ${allowed.statusCode} ${allowed.body}`).not.toContain(
        allowed.statusCode,
      );
      expect(allowed.statusCode, label).toBeLessThan(500);
    }
  });
});
