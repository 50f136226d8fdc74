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
import {
  createDraft,
  exampleText,
  flatItems,
  importExample,
  node,
  outlineOf,
  publish,
  toOutlineNodes,
  type PlanOut,
} from './testing/plan.fixtures.ts';

async function auditActions(t: TestApp, action: string) {
  return t.s.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}

describe.each(DIALECTS)('plans: import, edit, publish, read (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let plan: PlanOut;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
  });
  afterAll(() => t.close());

  it('saves the parsed example as a draft, version 1, with its item tree', async () => {
    plan = await importExample(staff);
    expect(plan).toMatchObject({ status: 'draft', version: 1, year: 2022, title: '2022年统战工作要点' });
    expect(plan.items).toHaveLength(4);
    expect(plan.itemCount).toBe(flatItems(plan.items).length);
    expect(plan.items[0]!.children.length).toBeGreaterThan(0);
    expect((await auditActions(t, 'plan.create')).length).toBe(1);
  });

  it('answers the imported text on its own route, not in every detail', async () => {
    const detail = await staff.get(`/api/plans/${plan.id}`);
    expect(detail.json()).not.toHaveProperty('sourceText');
    const source = await staff.get(`/api/plans/${plan.id}/source`);
    expect(source.statusCode).toBe(200);
    expect(source.json<{ text: string }>().text).toBe(exampleText());
    // A draft of the province is outside what a county's staff may see: the same 404 as the detail.
    const lixia = await world.signIn('lixia_staff');
    expect((await lixia.get(`/api/plans/${plan.id}/source`)).statusCode).toBe(404);
  });

  it('replays a create with the same Idempotency-Key instead of creating twice', async () => {
    const key = idempotencyKey();
    const body = {
      regionCode: '370000',
      year: 2021,
      title: '2021年要点',
      outline: outlineOf('x', 2021, [node('一项')]),
      sourceText: '',
    };
    const first = await staff.post('/api/plans', body, { 'idempotency-key': key });
    const second = await staff.post('/api/plans', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json<PlanOut>().id).toBe(first.json<PlanOut>().id);
  });

  it('rejects unknown fields, bad years and a region outside the scope', async () => {
    const base = {
      regionCode: '370000',
      year: 2022,
      title: '要点',
      outline: outlineOf('x', 2022, [node('一')]),
      sourceText: '',
    };
    expect((await staff.post('/api/plans', { ...base, extra: 1 })).statusCode).toBe(400);
    expect((await staff.post('/api/plans', { ...base, year: 1900 })).statusCode).toBe(400);
    const mismatch = await staff.post('/api/plans', { ...base, title: '2021年统战工作要点' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [{ in: 'body', path: 'year', code: 'custom' }] },
    });
    expect(mismatch.json<{ message: string }>().message).toContain('2021');
    const lixia = await world.signIn('lixia_staff');
    const res = await lixia.post('/api/plans', { ...base, regionCode: '370100' });
    expect(res.statusCode).toBe(404);
  });

  it('edits one heading with If-Match; 428 without, 412 when stale', async () => {
    const first = plan.items[0]!;
    const url = `/api/plans/${plan.id}/items/${first.id}`;
    expect((await staff.patch(url, { heading: '把握一条主线（修订）' })).statusCode).toBe(428);
    expect((await staff.patch(url, { heading: 'x' }, plan.version + 5)).statusCode).toBe(412);
    const res = await staff.patch(url, { heading: '把握一条主线（修订）' }, plan.version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    plan = res.json<PlanOut>();
    expect(plan.items[0]!.heading).toBe('把握一条主线（修订）');
    expect(plan.items[0]!.id).toBe(first.id);
    expect((await auditActions(t, 'plan.item.update')).length).toBe(1);
  });

  it('saves an edited tree: kept ids survive, new nodes get ids, removed nodes go', async () => {
    const nodes = toOutlineNodes(plan.items);
    const removed = nodes.pop()!;
    nodes.push({ ...node('新增部分', '新增内容'), children: [] });
    const outline = { ...outlineOf(plan.title, 2022, []), nodes };
    const res = await staff.put(`/api/plans/${plan.id}/outline`, { outline }, plan.version);
    expect(res.statusCode, res.body).toBe(200);
    const next = res.json<PlanOut>();
    expect(next.version).toBe(plan.version + 1);
    expect(next.items.map((i) => i.id).slice(0, 3)).toEqual(plan.items.map((i) => i.id).slice(0, 3));
    expect(next.items[3]!.id).not.toBe(removed.id);
    expect(next.items[3]!.heading).toBe('新增部分');
    plan = next;
  });

  it('refuses trees too deep, with empty nodes, or naming foreign ids', async () => {
    let deep = node('6');
    for (let d = 5; d >= 1; d--) deep = node(String(d), '', [deep]);
    const put = (nodes: unknown[]) =>
      staff.put(
        `/api/plans/${plan.id}/outline`,
        { outline: { ...outlineOf('t', 2022, []), nodes } },
        plan.version,
      );
    expect((await put([deep])).json()).toMatchObject({ code: 'PLAN_TREE_INVALID' });
    expect((await put([node('  ', '')])).json()).toMatchObject({ code: 'PLAN_ITEM_EMPTY' });
    expect((await put([{ ...node('x'), id: 999_999 }])).json()).toMatchObject({ code: 'PLAN_TREE_INVALID' });
  });

  it('keeps drafts from county staff and unit handlers, with an out-of-scope audit', async () => {
    const lixia = await world.signIn('lixia_staff');
    const res = await lixia.get(`/api/plans/${plan.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'PLAN_NOT_FOUND' });
    const denied = await auditActions(t, 'access.out_of_scope');
    expect(denied.some((d) => d.object_type === 'plan' && d.object_id === String(plan.id))).toBe(true);
    const handler = await world.signIn('handler');
    expect((await handler.get(`/api/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await handler.get('/api/plans')).json<{ items: unknown[] }>().items).toHaveLength(0);
  });

  it('publishes, after which county staff and handlers read it but cannot edit it', async () => {
    plan = await publish(staff, plan);
    expect(plan.status).toBe('published');
    expect((await auditActions(t, 'plan.publish')).length).toBe(1);
    for (const who of ['lixia_staff', 'handler', 'submitter', 'leader']) {
      const agent = await world.signIn(who);
      const res = await agent.get(`/api/plans/${plan.id}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.headers.etag).toBe(`"${plan.version}"`);
      const list = (await agent.get('/api/plans?year=2022')).json<{ items: Array<{ id: number }> }>();
      expect(
        list.items.map((p) => p.id),
        who,
      ).toContain(plan.id);
    }
    const lixia = await world.signIn('lixia_staff');
    const res = await lixia.patch(
      `/api/plans/${plan.id}/items/${plan.items[0]!.id}`,
      { heading: 'x' },
      plan.version,
    );
    expect(res.statusCode).toBe(403);
    const handler = await world.signIn('handler');
    expect(
      (
        await handler.patch(
          `/api/plans/${plan.id}/items/${plan.items[0]!.id}`,
          { heading: 'x' },
          plan.version,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('allows one published plan per region and year', async () => {
    const second = await createDraft(staff, {
      regionCode: '370000',
      year: 2022,
      title: '2022年要点（另稿）',
      outline: outlineOf('x', 2022, [node('一')]),
    });
    const res = await staff.request({
      method: 'POST',
      url: `/api/plans/${second.id}/publish`,
      ifMatch: second.version,
    });
    expect(res.json()).toMatchObject({ code: 'PLAN_ALREADY_PUBLISHED' });
  });

  it('lists versions and restores an old one as a new version', async () => {
    const versions = (await staff.get(`/api/plans/${plan.id}/versions`)).json<{
      items: Array<{ no: number; action: string }>;
    }>();
    expect(versions.items.map((v) => v.action)).toEqual(['publish', 'update', 'item.update', 'create']);
    // A published plan is never restored in place: withdrawn first, it is a draft again.
    const inPlace = await staff.request({
      method: 'POST',
      url: `/api/plans/${plan.id}/versions/1/restore`,
      ifMatch: plan.version,
    });
    expect(inPlace.json()).toMatchObject({ code: 'PLAN_NOT_EDITABLE' });
    const withdrawn = await staff.request({
      method: 'POST',
      url: `/api/plans/${plan.id}/withdraw`,
      ifMatch: plan.version,
      payload: { reason: '恢复早先的版本' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    plan = withdrawn.json<PlanOut>();
    const res = await staff.request({
      method: 'POST',
      url: `/api/plans/${plan.id}/versions/1/restore`,
      ifMatch: plan.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const restored = res.json<PlanOut>();
    expect(restored.version).toBe(plan.version + 1);
    expect(restored.items[0]!.heading).toBe('把握一条主线');
    expect(restored.items[0]!.id).toBe(plan.items[0]!.id);
    expect(restored.items).toHaveLength(4);
    expect((await auditActions(t, 'plan.restore')).length).toBe(1);
    const stale = await staff.request({
      method: 'POST',
      url: `/api/plans/${plan.id}/versions/1/restore`,
      ifMatch: plan.version,
    });
    expect(stale.statusCode).toBe(412);
    plan = restored;
  });

  it('pages the list newest year first', async () => {
    const page1 = (await staff.get('/api/plans?limit=1')).json<{
      items: Array<{ year: number }>;
      nextCursor: string;
    }>();
    expect(page1.items[0]!.year).toBe(2022);
    const page2 = (await staff.get(`/api/plans?limit=10&cursor=${page1.nextCursor}`)).json<{
      items: Array<{ year: number }>;
    }>();
    expect(page2.items.at(-1)!.year).toBe(2021);
  });

  it('pages the version history newest first', async () => {
    const all = (await staff.get(`/api/plans/${plan.id}/versions`)).json<{
      items: Array<{ no: number }>;
      nextCursor: string | null;
    }>();
    expect(all.nextCursor).toBeNull();
    const page1 = (await staff.get(`/api/plans/${plan.id}/versions?limit=2`)).json<{
      items: Array<{ no: number }>;
      nextCursor: string;
    }>();
    expect(page1.items.map((v) => v.no)).toEqual(all.items.slice(0, 2).map((v) => v.no));
    const page2 = (
      await staff.get(`/api/plans/${plan.id}/versions?limit=2&cursor=${page1.nextCursor}`)
    ).json<{ items: Array<{ no: number }> }>();
    expect(page2.items.map((v) => v.no)).toEqual(all.items.slice(2, 4).map((v) => v.no));
    expect((await staff.get(`/api/plans/${plan.id}/versions?cursor=bad`)).statusCode).toBe(400);
  });

  it('refuses a body with unknown fields on publish and restore, and accepts {}', async () => {
    const draft = await createDraft(staff, {
      regionCode: '370000',
      year: 2030,
      title: '2030年要点',
      outline: outlineOf('x', 2030, [node('一')]),
    });
    const post = (url: string, payload: object, ifMatch: number) =>
      staff.request({ method: 'POST', url, payload, ifMatch });
    const publishUrl = `/api/plans/${draft.id}/publish`;
    expect((await post(publishUrl, { force: true }, draft.version)).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const restoreUrl = `/api/plans/${draft.id}/versions/1/restore`;
    expect((await post(restoreUrl, { x: 1 }, draft.version)).statusCode).toBe(400);
    expect((await post(restoreUrl, {}, draft.version)).statusCode).toBe(200);
    expect((await post(publishUrl, {}, draft.version + 1)).statusCode).toBe(200);
  });
});
