// A published plan is changed through a revision (修订稿), withdrawn (撤回) or repealed (废止); its
// versions can be opened and compared with the current text; empty items are refused at save and publish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import {
  createDraft,
  flatItems,
  node,
  outlineOf,
  publish,
  toOutlineNodes,
  type PlanOut,
} from './testing/plan.fixtures.ts';

interface Notice {
  kind: string;
  reason: string | null;
  version: number;
  changes: Record<string, number> | null;
  regionsTold: string[];
}
type Detail = PlanOut & {
  revisionOf: number | null;
  revision: { id: number; version: number } | null;
  notice: Notice | null;
};

describe.each(DIALECTS)('plans: revisions, withdrawal, repeal, version history (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let lixia: Agent;
  let province: Detail;
  let city: Detail;
  let revision: Detail;

  const post = (agent: Agent, url: string, ifMatch?: number, payload?: object) =>
    agent.request({ method: 'POST', url, ifMatch, ...(payload ? { payload } : {}) });
  const actions = async (action: string) =>
    t.s.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    lixia = await world.signIn('lixia_staff');
    province = (await publish(
      staff,
      await createDraft(staff, {
        regionCode: '370000',
        year: 2023,
        title: '2023年全省统战工作要点',
        outline: outlineOf('2023年全省统战工作要点', 2023, [
          node('服务乡村振兴', '深入开展“万企兴万村”行动'),
          node('加强民族工作', '铸牢中华民族共同体意识'),
          node('加强自身建设', '加强统战干部队伍建设'),
        ]),
      }),
    )) as Detail;
    // Two city items aligned to the first two provincial items.
    city = (await publish(
      staff,
      await createDraft(staff, {
        regionCode: '370100',
        year: 2023,
        title: '济南市2023年统战工作要点',
        outline: outlineOf('济南市2023年统战工作要点', 2023, [
          node('助力乡村振兴', '组织民营企业参与“万企兴万村”行动'),
          node('民族团结', '铸牢中华民族共同体意识，创建民族团结进步示范区'),
        ]),
      }),
    )) as Detail;
    for (const [i, target] of [province.items[0]!, province.items[1]!].entries()) {
      const url = `/api/plans/${city.id}/items/${city.items[i]!.id}/alignment`;
      const res = await staff.put(url, { targetItemId: target.id }, city.version);
      expect(res.statusCode, res.body).toBe(200);
      city.version++;
    }
  });
  afterAll(() => t.close());

  it('refuses to edit a published plan in place (outline, item, restore)', async () => {
    const item = province.items[0]!;
    const patch = await staff.patch(
      `/api/plans/${province.id}/items/${item.id}`,
      { heading: 'x' },
      province.version,
    );
    expect(patch.statusCode).toBe(409);
    expect(patch.json()).toMatchObject({ code: 'PLAN_NOT_EDITABLE' });
    const outline = { ...outlineOf(province.title, 2023, []), nodes: toOutlineNodes(province.items) };
    const put = await staff.put(`/api/plans/${province.id}/outline`, { outline }, province.version);
    expect(put.json()).toMatchObject({ code: 'PLAN_NOT_EDITABLE' });
    const restore = await post(staff, `/api/plans/${province.id}/versions/1/restore`, province.version);
    expect(restore.json()).toMatchObject({ code: 'PLAN_NOT_EDITABLE' });
    const same = (await lixia.get(`/api/plans/${province.id}`)).json<Detail>();
    expect(same.items[0]!.heading).toBe('服务乡村振兴');
  });

  it('starts one draft revision (If-Match), a copy the region below does not see', async () => {
    const url = `/api/plans/${province.id}/revision`;
    expect((await post(staff, url)).statusCode).toBe(428);
    expect((await post(staff, url, province.version + 1)).statusCode).toBe(412);
    expect((await post(lixia, url, province.version)).statusCode).toBe(403);
    const res = await post(staff, url, province.version);
    expect(res.statusCode, res.body).toBe(201);
    revision = res.json<Detail>();
    expect(revision).toMatchObject({
      status: 'draft',
      revisionOf: province.id,
      version: 1,
      title: province.title,
    });
    expect(flatItems(revision.items).map((i) => i.heading)).toEqual(
      flatItems(province.items).map((i) => i.heading),
    );
    expect(revision.items[0]!.id).not.toBe(province.items[0]!.id);
    const again = await post(staff, url, province.version);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'PLAN_REVISION_EXISTS',
      details: { revisionId: revision.id },
    });
    expect((await staff.get(`/api/plans/${province.id}`)).json<Detail>().revision).toMatchObject({
      id: revision.id,
    });
    const below = await lixia.get(`/api/plans/${province.id}`);
    expect(below.json<Detail>().revision).toBeNull();
    expect((await lixia.get(`/api/plans/${revision.id}`)).statusCode).toBe(404);
    expect(await actions('plan.revision.create')).toHaveLength(1);
  });

  it('edits the revision while the published text stays in force below', async () => {
    const item = revision.items[0]!;
    const res = await staff.patch(
      `/api/plans/${revision.id}/items/${item.id}`,
      { heading: '服务乡村振兴（修订）' },
      revision.version,
    );
    expect(res.statusCode, res.body).toBe(200);
    revision = res.json<Detail>();
    // Drop the second item (a city item is aligned to it) and add a new one.
    const nodes = toOutlineNodes(revision.items);
    nodes.splice(1, 1);
    nodes.push({ ...node('新增：加强网络统战', '做好新的社会阶层人士工作'), children: [] });
    const put = await staff.put(
      `/api/plans/${revision.id}/outline`,
      { outline: { ...outlineOf(revision.title, 2023, []), nodes } },
      revision.version,
    );
    expect(put.statusCode, put.body).toBe(200);
    revision = put.json<Detail>();
    const below = (await lixia.get(`/api/plans/${province.id}`)).json<Detail>();
    expect(below.items[0]!.heading).toBe('服务乡村振兴');
    expect(below.status).toBe('published');
    // While the revision is open, links to the published plan's items are confirmed in the revision.
    const align = await staff.put(
      `/api/plans/${province.id}/items/${province.items[0]!.id}/alignment`,
      { targetItemId: null },
      province.version,
    );
    expect(align.json()).toMatchObject({ code: 'PLAN_REVISION_EXISTS' });
  });

  it('shows what publishing the revision changes, and the links it would clear', async () => {
    const res = await staff.get(`/api/plans/${revision.id}/revision-changes`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      summary: Record<string, number>;
      linksLost: number;
      entries: Array<{ kind: string }>;
    }>();
    expect(body.summary).toMatchObject({ changed: 1, added: 1, removed: 1, matched: 1 });
    expect(body.linksLost).toBe(1);
    expect((await staff.get(`/api/plans/${province.id}/revision-changes`)).statusCode).toBe(409);
  });

  it('publishes the revision into the published plan: same ids, kept links, a notice, regions told', async () => {
    const res = await post(staff, `/api/plans/${revision.id}/publish`, revision.version);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<Detail>();
    expect(after.id).toBe(province.id);
    expect(after.status).toBe('published');
    expect(after.version).toBe(province.version + 1);
    expect(after.revision).toBeNull();
    expect(after.items.map((i) => i.heading)).toEqual([
      '服务乡村振兴（修订）',
      '加强自身建设',
      '新增：加强网络统战',
    ]);
    expect(after.items[0]!.id).toBe(province.items[0]!.id);
    expect(after.items[1]!.id).toBe(province.items[2]!.id);
    expect(after.notice).toMatchObject({ kind: 'revised', version: after.version });
    expect(after.notice!.changes).toMatchObject({ changed: 1, added: 1, removed: 1 });
    expect(after.notice!.regionsTold).toContain('370100');
    // The region below now reads the new text, with the notice; its first link survived, the second was cleared.
    const below = (await lixia.get(`/api/plans/${province.id}`)).json<Detail>();
    expect(below.items[0]!.heading).toBe('服务乡村振兴（修订）');
    expect(below.notice).toMatchObject({ kind: 'revised' });
    const cityNow = (await staff.get(`/api/plans/${city.id}`)).json<Detail>();
    expect(cityNow.items[0]!.alignedTo).toMatchObject({ itemId: province.items[0]!.id });
    expect(cityNow.items[1]!.alignedTo).toBeNull();
    const cleared = await actions('plan.align');
    expect(
      cleared.some((e) => e.object_id === String(city.items[1]!.id) && e.detail!.includes('target_deleted')),
    ).toBe(true);
    const revised = await actions('plan.revise');
    expect(revised).toHaveLength(1);
    expect(revised[0]!.detail).toContain('regionsTold');
    expect((await staff.get(`/api/plans/${revision.id}`)).statusCode).toBe(404);
    const versions = (await staff.get(`/api/plans/${province.id}/versions`)).json<{
      items: Array<{ action: string }>;
    }>();
    expect(versions.items[0]!.action).toBe('revise');
    province = after;
  });

  it('opens an old version and compares it with the current text', async () => {
    const v1 = await staff.get(`/api/plans/${province.id}/versions/1`);
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json<{ items: Array<{ heading: string }> }>().items.map((i) => i.heading)).toEqual([
      '服务乡村振兴',
      '加强民族工作',
      '加强自身建设',
    ]);
    const cmp = await lixia.get(`/api/plans/${province.id}/versions/1/compare`);
    expect(cmp.statusCode, cmp.body).toBe(200);
    expect(cmp.json<{ summary: Record<string, number> }>().summary).toMatchObject({
      changed: 1,
      added: 1,
      removed: 1,
      matched: 1,
    });
    expect((await staff.get(`/api/plans/${province.id}/versions/99`)).statusCode).toBe(404);
  });

  it('discards a revision without touching the published plan', async () => {
    const rev = (await post(staff, `/api/plans/${province.id}/revision`, province.version)).json<Detail>();
    const url = `/api/plans/${rev.id}`;
    expect((await staff.request({ method: 'DELETE', url })).statusCode).toBe(428);
    expect(
      (await staff.request({ method: 'DELETE', url: `/api/plans/${province.id}`, ifMatch: province.version }))
        .statusCode,
    ).toBe(409);
    expect((await staff.request({ method: 'DELETE', url, ifMatch: rev.version })).statusCode).toBe(204);
    expect((await staff.get(url)).statusCode).toBe(404);
    expect((await staff.get(`/api/plans/${province.id}`)).json<Detail>()).toMatchObject({
      version: province.version,
      revision: null,
    });
    expect(await actions('plan.revision.discard')).toHaveLength(1);
  });

  it('withdraws a published plan with a reason: a draft again, gone below, republishable', async () => {
    const url = `/api/plans/${city.id}/withdraw`;
    city = (await staff.get(`/api/plans/${city.id}`)).json<Detail>();
    expect((await post(staff, url, city.version, { reason: '' })).statusCode).toBe(400);
    expect((await post(staff, url, undefined, { reason: '内容有误，需要更正' })).statusCode).toBe(428);
    const res = await post(staff, url, city.version, { reason: '内容有误，需要更正' });
    expect(res.statusCode, res.body).toBe(200);
    const withdrawn = res.json<Detail>();
    expect(withdrawn).toMatchObject({ status: 'draft', publishedAt: null });
    expect(withdrawn.notice).toMatchObject({ kind: 'withdrawn', reason: '内容有误，需要更正' });
    expect(withdrawn.notice!.regionsTold).toContain('370102');
    expect((await lixia.get(`/api/plans/${city.id}`)).statusCode).toBe(404);
    const events = await actions('plan.withdraw');
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toContain('内容有误');
    expect((await post(staff, url, withdrawn.version, { reason: '再次撤回' })).statusCode).toBe(409);
    const again = await publish(staff, withdrawn);
    expect((again as Detail).notice).toBeNull();
    city = again as Detail;
  });

  it('repeals a published plan: still read below with its reason, never changed, the year freed', async () => {
    const url = `/api/plans/${province.id}/repeal`;
    const res = await post(staff, url, province.version, { reason: '已被新的工作要点取代' });
    expect(res.statusCode, res.body).toBe(200);
    const repealed = res.json<Detail>();
    expect(repealed.status).toBe('repealed');
    const below = await lixia.get(`/api/plans/${province.id}`);
    expect(below.statusCode).toBe(200);
    expect(below.json<Detail>().notice).toMatchObject({ kind: 'repealed', reason: '已被新的工作要点取代' });
    expect((await post(staff, `/api/plans/${province.id}/revision`, repealed.version)).statusCode).toBe(409);
    expect((await post(staff, `/api/plans/${province.id}/publish`, repealed.version)).statusCode).toBe(409);
    const patch = await staff.patch(
      `/api/plans/${province.id}/items/${repealed.items[0]!.id}`,
      { heading: 'x' },
      repealed.version,
    );
    expect(patch.json()).toMatchObject({ code: 'PLAN_NOT_EDITABLE' });
    const next = await createDraft(staff, {
      regionCode: '370000',
      year: 2023,
      title: '2023年全省统战工作要点（新）',
      outline: outlineOf('2023年全省统战工作要点（新）', 2023, [node('一项工作')]),
    });
    expect((await publish(staff, next)).status).toBe('published');
    expect(await actions('plan.repeal')).toHaveLength(1);
  });

  it('refuses items without heading and body at save and at publish, naming the item', async () => {
    const base = { regionCode: '370000', year: 2024, title: '2024年要点', sourceText: '' };
    const empty = { ...node('\u200b', '。'), number: '（二）' };
    const res = await staff.post('/api/plans', {
      ...base,
      outline: outlineOf('2024年要点', 2024, [node('一、总体要求', '', [node('（一）第一条'), empty])]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'PLAN_ITEM_EMPTY',
      details: { items: [{ path: '1.2', number: '（二）' }] },
    });
    expect(res.json<{ message: string }>().message).toContain('第 1.2 条（（二））');
    // An empty item already stored (written before this rule) stops the publish.
    const draft = await createDraft(staff, {
      ...base,
      outline: outlineOf('2024年要点', 2024, [node('一项'), node('二项')]),
    });
    await t.s.db.kysely
      .updateTable('plan_items')
      .set({ heading: ' ', body: '' })
      .where('id', '=', draft.items[1]!.id)
      .execute();
    const pub = await post(staff, `/api/plans/${draft.id}/publish`, draft.version);
    expect(pub.statusCode).toBe(400);
    expect(pub.json()).toMatchObject({
      code: 'PLAN_ITEM_EMPTY',
      details: { items: [{ path: '2', id: draft.items[1]!.id }] },
    });
    const patch = await staff.patch(
      `/api/plans/${draft.id}/items/${draft.items[0]!.id}`,
      { heading: '　', body: '' },
      draft.version,
    );
    expect(patch.json()).toMatchObject({ code: 'PLAN_ITEM_EMPTY', details: { items: [{ path: '1' }] } });
  });
});
