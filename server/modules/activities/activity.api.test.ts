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
import { createDraft, node, outlineOf } from '../plans/testing/plan.fixtures.ts';

interface Totals {
  events: number;
  projects: number;
  amountWan: string;
  talents: number;
  enterprisesIn: number;
  villages: number;
}
interface Outcome {
  id: number;
  version: number;
  amountWan: string | null;
  quantity: number;
  history: { status: string }[];
  followUps: { kind: string; dueDate: string }[];
}
interface Event {
  id: number;
  version: number;
  state: string;
  planItemId: number | null;
  timeline: { action: string; toState: string | null }[];
  checklist: { id: number; title: string }[];
  outcomes: Outcome[];
  totals: Totals;
  next: string[];
}
type Res = { statusCode: number; body: string; json: <U>() => U };

describe.each(DIALECTS)('品牌活动 (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let leader: Agent;
  const unit: Record<string, number> = {};
  let brandId: number;
  let itemId: number;
  let taskId: number;
  let indicatorIds: number[];

  const ok = <T>(res: Res, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  const key = () => ({ 'idempotency-key': idempotencyKey() });
  const totals = async (query: string) =>
    ok<{ totals: Totals }>(await staff.get(`/api/activity-totals?${query}`)).totals;
  const indicatorActuals = async () =>
    (
      await t.db.kysely
        .selectFrom('task_indicators')
        .select(['id', 'actual'])
        .where('task_id', '=', taskId)
        .orderBy('id')
        .execute()
    ).map((i) => i.actual);

  async function moveTo(at: string) {
    t.clock.set(new Date(at));
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    leader = await world.signIn('leader');
  }

  async function newEvent(agent: Agent, body: Record<string, unknown> = {}) {
    return agent.post(
      '/api/activity-events',
      {
        name: '2026 港澳山东千人行（济南站）',
        brandId,
        taskId,
        startDate: '2026-05-10',
        endDate: '2026-05-12',
        placeRegionCode: '370100',
        address: '济南市',
        organiserUnitId: unit['中共济南市委统战部'],
        participants: [{ kind: 'enterprise', name: '港资企业代表团', count: 40 }],
        ...body,
      },
      key(),
    );
  }
  async function move(agent: Agent, e: Event, to: string, extra: Record<string, unknown> = {}) {
    return ok<Event>(
      await agent.request({
        method: 'POST',
        url: `/api/activity-events/${e.id}/transitions`,
        payload: { to, ...extra },
        ifMatch: e.version,
      }),
    );
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    world = await seedDemo(t);
    await moveTo('2026-05-01T09:00:00+08:00');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    const item = node('加强港澳统战工作', '持续打造港澳山东千人行等品牌活动。');
    item.brandActivities = ['港澳山东千人行'];
    const plan = await createDraft(staff, {
      regionCode: '370000',
      year: 2026,
      title: '2026 年要点',
      outline: outlineOf('2026 年要点', 2026, [item]),
    });
    itemId = plan.items[0]!.id;
    const task = ok<{ id: number }>(
      await jinan.post('/api/tasks', {
        source: 'leader',
        title: '开展港澳山东千人行济南站',
        leadUnitId: unit['中共济南市委统战部'],
        startDate: '2026-01-01',
        dueDate: '2026-12-31',
        indicators: [
          { name: '签约金额', measureUnit: '万元', target: 10000 },
          { name: '引进人才', measureUnit: '人', target: 50 },
        ],
        assign: true,
      }),
      201,
    );
    taskId = task.id;
    indicatorIds = (
      await t.db.kysely
        .selectFrom('task_indicators')
        .select('id')
        .where('task_id', '=', taskId)
        .orderBy('id')
        .execute()
    ).map((i) => i.id);
  });
  afterAll(() => t.close());

  it('imports the brand from the plan and links its item', async () => {
    const res = ok<{ created: number; brands: { id: number; name: string; planItems: { id: number }[] }[] }>(
      await staff.post(
        '/api/activity-brands/import',
        {
          planId: (
            await t.db.kysely
              .selectFrom('plan_items')
              .select('plan_id')
              .where('id', '=', itemId)
              .executeTakeFirstOrThrow()
          ).plan_id,
        },
        key(),
      ),
    );
    expect(res.created).toBe(1);
    expect(res.brands[0]!.name).toBe('港澳山东千人行');
    expect(res.brands[0]!.planItems.map((i) => i.id)).toEqual([itemId]);
    brandId = res.brands[0]!.id;
    // A city sees the province's brand; the brand list is scoped along the line.
    const seen = ok<{ items: { id: number }[] }>(await jinan.get('/api/activity-brands'));
    expect(seen.items.map((b) => b.id)).toContain(brandId);
    // A manual brand of the same name in the same region is refused.
    const dup = await staff.post('/api/activity-brands', { name: '港澳山东千人行' }, key());
    expect(dup.statusCode).toBe(409);
  });

  it('runs the lifecycle with a timeline, a checklist and a 复盘', async () => {
    let e = ok<Event>(await newEvent(jinan), 201);
    expect(e.state).toBe('planned');
    expect(e.planItemId).toBe(itemId);
    e = ok<Event>(
      await jinan.request({
        method: 'POST',
        url: `/api/activity-events/${e.id}/checklist`,
        payload: { title: '邀请港澳企业', ownerUnitId: unit['中共济南市委统战部'], dueDate: '2026-05-04' },
        ifMatch: e.version,
      }),
    );
    e = await move(jinan, e, 'preparing');
    // Skipping a step is refused.
    const skip = await jinan.request({
      method: 'POST',
      url: `/api/activity-events/${e.id}/transitions`,
      payload: { to: 'closed' },
      ifMatch: e.version,
    });
    expect(skip.statusCode).toBe(409);
    await moveTo('2026-05-06T09:00:00+08:00');
    e = await move(jinan, e, 'held');
    const noReview = await jinan.request({
      method: 'POST',
      url: `/api/activity-events/${e.id}/transitions`,
      payload: { to: 'reviewed' },
      ifMatch: e.version,
    });
    expect(noReview.statusCode).toBe(400);
    e = await move(jinan, e, 'reviewed', { review: '对接精准；下次提前发布项目清单。' });
    expect(e.timeline.map((x) => x.toState).filter(Boolean)).toEqual([
      'planned',
      'preparing',
      'held',
      'reviewed',
    ]);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'activity_event')
      .where('object_id', '=', String(e.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('activity_event.transition');
  });

  it('counts each outcome once in every total; edits and deletions move every total and the indicator', async () => {
    let e = ok<Event>(await newEvent(jinan, { name: '千人行签约会' }), 201);
    e = await move(jinan, e, 'preparing');
    // Outcomes wait for the event to be held.
    const early = await jinan.post(
      `/api/activity-events/${e.id}/outcomes`,
      { kind: 'talents', name: '高层次人才', quantity: 3 },
      key(),
    );
    expect(early.statusCode).toBe(409);
    e = await move(jinan, e, 'held');
    const before = {
      brand: await totals(`brandId=${brandId}`),
      item: await totals(`planItemId=${itemId}`),
      year: await totals('year=2026&regionCode=370100'),
    };
    const p1 = ok<Outcome>(
      await jinan.post(
        `/api/activity-events/${e.id}/outcomes`,
        {
          kind: 'project',
          name: '高端装备产业园',
          enterprise: '香港某集团',
          amountWan: '1200.5',
          regionCode: '370102',
          stage: '正式合同',
          taskIndicatorId: indicatorIds[0],
          responsibleUnitId: unit['中共济南市历下区委统战部'],
          followUps: [{ kind: 'start', dueDate: '2026-05-15' }],
        },
        key(),
      ),
      201,
    );
    const p2 = ok<Outcome>(
      await jinan.post(
        `/api/activity-events/${e.id}/outcomes`,
        {
          kind: 'project',
          name: '跨境物流中心',
          enterprise: '澳门某公司',
          amountWan: '0.1',
          regionCode: '370100',
          taskIndicatorId: indicatorIds[0],
        },
        key(),
      ),
      201,
    );
    const talents = ok<Outcome>(
      await jinan.post(
        `/api/activity-events/${e.id}/outcomes`,
        { kind: 'talents', name: '高层次人才', quantity: 7, taskIndicatorId: indicatorIds[1] },
        key(),
      ),
      201,
    );
    const after = {
      brand: await totals(`brandId=${brandId}`),
      item: await totals(`planItemId=${itemId}`),
      year: await totals('year=2026&regionCode=370100'),
    };
    for (const k of ['brand', 'item', 'year'] as const) {
      expect(after[k].projects - before[k].projects, k).toBe(2);
      expect(after[k].amountWan, k).toBe(
        String(Math.round((Number(before[k].amountWan) + 1200.6) * 1e6) / 1e6),
      );
      expect(after[k].talents - before[k].talents, k).toBe(7);
    }
    // A sub-region total counts only what lands there; the outcome list behind a figure agrees with it.
    expect((await totals('regionCode=370102')).amountWan).toBe('1200.5');
    const list = ok<{ items: Outcome[]; totals: Totals }>(
      await staff.get(`/api/activity-outcomes?planItemId=${itemId}&kind=project`),
    );
    expect(list.items.length).toBe(after.item.projects);
    expect(list.totals.amountWan).toBe(after.item.amountWan);
    expect(await indicatorActuals()).toEqual([1200.6, 7]);
    expect(p1.history.map((h) => h.status)).toEqual(['signed']);

    // Edit: the amount changes everywhere, and the indicator with it; a status change is kept in history.
    const edited = ok<Outcome>(
      await jinan.request({
        method: 'PATCH',
        url: `/api/activity-outcomes/${p1.id}`,
        payload: { amountWan: '2000', status: 'started', statusNote: '6 月 1 日开工' },
        ifMatch: p1.version,
      }),
    );
    expect(edited.history.map((h) => h.status)).toEqual(['signed', 'started']);
    expect((await totals(`brandId=${brandId}`)).amountWan).toBe(
      String(Math.round((Number(before.brand.amountWan) + 2000.1) * 1e6) / 1e6),
    );
    expect((await totals('regionCode=370102')).amountWan).toBe('2000');
    expect(await indicatorActuals()).toEqual([2000.1, 7]);
    // Two edits of the same version: one wins, the other gets 412.
    const [a, b] = await Promise.all([
      jinan.request({
        method: 'PATCH',
        url: `/api/activity-outcomes/${talents.id}`,
        payload: { quantity: 8 },
        ifMatch: talents.version,
      }),
      jinan.request({
        method: 'PATCH',
        url: `/api/activity-outcomes/${talents.id}`,
        payload: { quantity: 9 },
        ifMatch: talents.version,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const won = (a.statusCode === 200 ? a : b).json<Outcome>();
    expect(await indicatorActuals()).toEqual([2000.1, won.quantity]);
    // Delete: every total and the indicator lose it.
    const del = await jinan.request({
      method: 'DELETE',
      url: `/api/activity-outcomes/${p2.id}`,
      ifMatch: p2.version,
    });
    expect(del.statusCode, del.body).toBe(204);
    const end = { brand: await totals(`brandId=${brandId}`), item: await totals(`planItemId=${itemId}`) };
    expect(end.brand.projects - before.brand.projects).toBe(1);
    expect(end.item.amountWan).toBe(String(Math.round((Number(before.item.amountWan) + 2000) * 1e6) / 1e6));
    expect(await indicatorActuals()).toEqual([2000, won.quantity]);
    // The dashboard's 活动成效 moves with them at once (not held by the dashboard's shared answer).
    const dash = ok<{ activities: { totals: Totals } }>(
      await jinan.get('/api/dashboard?regionCode=370100&year=2026'),
    );
    expect(dash.activities.totals).toEqual(await totals('regionCode=370100&year=2026'));
    expect(dash.activities.totals.talents).toBe(won.quantity);
    // The event page shows its own outcomes and totals.
    const page = ok<Event>(await leader.get(`/api/activity-events/${e.id}`));
    expect(page.outcomes.length).toBe(2);
    expect(page.totals.projects).toBe(1);
    expect(page.next).toEqual([]);
  });

  it('keeps a sibling city out and lets leaders read but not change', async () => {
    const e = ok<Event>(await newEvent(jinan, { name: '济南专场' }), 201);
    const out = await qingdao.get(`/api/activity-events/${e.id}`);
    expect(out.statusCode).toBe(404);
    const list = ok<{ items: { id: number }[] }>(await qingdao.get('/api/activity-events'));
    expect(list.items.map((x) => x.id)).not.toContain(e.id);
    // Qingdao cannot organise an event as Jinan's department.
    const foreign = await newEvent(qingdao, { name: '冒名活动' });
    expect(foreign.statusCode).toBe(400);
    expect(ok<Event>(await leader.get(`/api/activity-events/${e.id}`)).id).toBe(e.id);
    const denied = await leader.request({
      method: 'PATCH',
      url: `/api/activity-events/${e.id}`,
      payload: { name: 'x' },
      ifMatch: e.version,
    });
    expect(denied.statusCode).toBe(403);
    // Province staff manage the subtree: they may edit a city's event.
    const edited = await staff.request({
      method: 'PATCH',
      url: `/api/activity-events/${e.id}`,
      payload: { summary: '省里补充' },
      ifMatch: e.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // Counts per state agree with the filtered lists.
    const all = ok<{ counts: Record<string, number>; total: number }>(
      await jinan.get('/api/activity-events'),
    );
    const planned = ok<{ items: unknown[]; total: number }>(
      await jinan.get('/api/activity-events?state=planned'),
    );
    expect(planned.items.length).toBe(all.counts.planned);
    expect(planned.total).toBe(all.counts.planned);
  });
});
