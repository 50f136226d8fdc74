import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedDemo,
  signIn,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { insertNewUser } from '../../org/index.ts';
import {
  createDraft,
  flatItems,
  importExample,
  node,
  outlineOf,
  publish,
  type ItemOut,
  type PlanOut,
} from '../testing/plan.fixtures.ts';

const find = (plan: PlanOut, text: string) =>
  flatItems(plan.items).find((i) => `${i.heading}${i.body}`.includes(text))!;

describe.each(DIALECTS)('plans: compare, alignment, coverage (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let lixia: Agent;
  let province: PlanOut;
  let city: PlanOut;
  let county: PlanOut;
  let target: ItemOut;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    lixia = await world.signIn('lixia_staff');
    province = await publish(staff, await importExample(staff));
    target = find(province, '万企兴万村');
  });
  afterAll(() => t.close());

  it('compares a plan with a reworded copy item by item', async () => {
    const copy = await importExample(staff);
    const item = find(copy, '万企兴万村');
    const edited = await staff.patch(
      `/api/plans/${copy.id}/items/${item.id}`,
      { body: `${item.body}新增一句话。` },
      copy.version,
    );
    const res = await staff.get(`/api/plans/compare?left=${province.id}&right=${copy.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      summary: Record<string, number>;
      entries: Array<{ kind: string; diff: { body: Array<{ op: string; text: string }> } | null }>;
    }>();
    expect(edited.statusCode).toBe(200);
    expect(body.summary).toMatchObject({
      changed: 1,
      added: 0,
      removed: 0,
      moved: 0,
      matched: province.itemCount - 1,
    });
    const changed = body.entries.find((e) => e.kind === 'changed')!;
    expect(changed.diff!.body.some((d) => d.op === 'insert' && d.text.includes('新增'))).toBe(true);
    expect((await staff.get(`/api/plans/compare?left=${province.id}&right=${copy.id}&x=1`)).statusCode).toBe(
      400,
    );
  });

  it('suggests the province item for a similar city item and links it', async () => {
    city = await createDraft(staff, {
      regionCode: '370100',
      year: 2022,
      title: '济南市2022年统战工作要点',
      outline: outlineOf('济南市2022年统战工作要点', 2022, [
        node('服务乡村振兴', '深入开展“万企兴万村”行动，组织民营企业参与乡村振兴'),
        node('加强自身建设', '加强统战干部队伍建设'),
      ]),
    });
    city = await publish(staff, city);
    const item = city.items[0]!;
    const res = await staff.get(`/api/plans/${city.id}/items/${item.id}/alignment-suggestions`);
    const suggestions = res.json<{ items: Array<{ itemId: number; score: number }> }>().items;
    expect(suggestions[0]!.itemId).toBe(target.id);
    expect(suggestions[0]!.score).toBeGreaterThan(0.2);
    const url = `/api/plans/${city.id}/items/${item.id}/alignment`;
    expect((await staff.put(url, { targetItemId: target.id })).statusCode).toBe(428);
    expect((await staff.put(url, { targetItemId: target.id }, city.version + 3)).statusCode).toBe(412);
    const put = await staff.put(url, { targetItemId: target.id }, city.version);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.headers.etag).toBe(`"${city.version + 1}"`);
    expect(put.json()).toMatchObject({ itemId: item.id, planVersion: city.version + 1 });
    const audit = await t.s.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'plan.align')
      .execute();
    expect(audit).toHaveLength(1);
    const versions = (await staff.get(`/api/plans/${city.id}/versions`)).json<{
      items: Array<{ no: number; action: string }>;
    }>();
    expect(versions.items[0]).toMatchObject({ no: city.version + 1, action: 'item.align' });
    expect((await staff.put(url, { targetItemId: target.id }, city.version)).statusCode).toBe(412);
    city = (await staff.get(`/api/plans/${city.id}`)).json<PlanOut>();
  });

  it('links a county item to the city item, and refuses a link that skips a level', async () => {
    county = await createDraft(lixia, {
      regionCode: '370102',
      year: 2022,
      title: '历下区2022年统战工作要点',
      outline: outlineOf('历下区2022年统战工作要点', 2022, [
        node('助力乡村振兴', '引导辖区民营企业参与“万企兴万村”行动'),
      ]),
    });
    county = await publish(lixia, county);
    const url = `/api/plans/${county.id}/items/${county.items[0]!.id}/alignment`;
    expect((await lixia.put(url, { targetItemId: target.id }, county.version)).json()).toMatchObject({
      code: 'PLAN_ALIGNMENT_INVALID',
    });
    const res = await lixia.put(url, { targetItemId: city.items[0]!.id }, county.version);
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await staff.get(`/api/plans/${city.id}/items/${city.items[0]!.id}`)).json<{
      alignedTo: { itemId: number };
      alignedFrom: Array<{ itemId: number }>;
    }>();
    expect(detail.alignedTo.itemId).toBe(target.id);
    expect(detail.alignedFrom.map((a) => a.itemId)).toEqual([county.items[0]!.id]);
  });

  it('counts direct and transitive alignments in the coverage matrix', async () => {
    const res = await staff.get(`/api/plans/${province.id}/coverage`);
    expect(res.statusCode, res.body).toBe(200);
    const cov = res.json<{
      regions: Array<{ code: string; groupCode: string; hasPublishedPlan: boolean; alignedItems: number }>;
      items: Array<{ itemId: number; counts: number[]; regionsCovered: number; total: number }>;
      totals: Record<string, number>;
    }>();
    const col = (code: string) => cov.regions.findIndex((r) => r.code === code);
    const row = cov.items.find((i) => i.itemId === target.id)!;
    expect(row.counts[col('370100')]).toBe(1);
    expect(row.counts[col('370102')]).toBe(1);
    expect(row).toMatchObject({ regionsCovered: 2, total: 2 });
    expect(cov.regions[col('370102')]).toMatchObject({ groupCode: '370100', hasPublishedPlan: true });
    expect(cov.totals).toMatchObject({ alignedItems: 2, coveredItems: 1, regions: 16 + 12 });
    const drill = (
      await staff.get(`/api/plans/${province.id}/coverage/${target.id}?regionCode=370100`)
    ).json<{ items: Array<{ itemId: number; direct: boolean }> }>();
    expect(drill.items.map((i) => [i.itemId, i.direct])).toEqual([
      [city.items[0]!.id, true],
      [county.items[0]!.id, false],
    ]);
  });

  it('shows a county reader only their own county and its city in the coverage matrix', async () => {
    // A handler in another county (市中区), signed in through the API like anyone else.
    const unit = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('region_code', '=', '370103')
      .executeTakeFirstOrThrow();
    await insertNewUser(
      t.s,
      { actor: null, ip: '127.0.0.1', requestId: 'test' },
      { username: 'shizhong_handler', displayName: '市中区经办', unitId: unit.id, regionCode: '370103' },
      { password: 'Shizhong-Handler-2024', roles: ['handler'], mustChange: false },
    );
    const handler = await signIn(t, 'shizhong_handler', 'Shizhong-Handler-2024');
    type Coverage = {
      regions: Array<{ code: string; alignedItems: number }>;
      groups: Array<{ code: string; regionCodes: string[] }>;
      items: Array<{ itemId: number; counts: number[]; total: number; regionsMissing: number }>;
      totals: Record<string, number>;
    };
    const seen = async (agent: Agent) => {
      const res = await agent.get(`/api/plans/${province.id}/coverage`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Coverage>();
    };
    const mine = await seen(handler);
    expect(mine.regions.map((r) => r.code)).toEqual(['370100', '370103']);
    expect(mine.groups).toEqual([{ code: '370100', name: '济南市', regionCodes: ['370100', '370103'] }]);
    const row = mine.items.find((i) => i.itemId === target.id)!;
    // The city's alignment is the handler's to see (their city's published plan); 历下区's is not.
    expect(row).toMatchObject({ counts: [1, 0], total: 1, regionsMissing: 1 });
    expect(mine.totals).toMatchObject({ regions: 2, alignedItems: 1 });
    const county = await seen(lixia);
    expect(county.regions.map((r) => r.code)).toEqual(['370100', '370102']);
    expect(county.totals).toMatchObject({ regions: 2, alignedItems: 2 });
    // The drill-down names only regions in the reader's scope.
    const other = await handler.get(`/api/plans/${province.id}/coverage/${target.id}?regionCode=370102`);
    expect(other.statusCode).toBe(404);
    const own = await handler.get(`/api/plans/${province.id}/coverage/${target.id}?regionCode=370100`);
    expect(own.json<{ items: Array<{ itemId: number }> }>().items.map((i) => i.itemId)).toEqual([
      city.items[0]!.id,
    ]);
    // Province staff still see every region.
    expect((await seen(staff)).totals).toMatchObject({ regions: 16 + 12, alignedItems: 2 });
  });

  it('clears alignments to items a published revision deletes, with a plan.align event each', async () => {
    const doomed = city.items[0]!;
    const started = await staff.request({
      method: 'POST',
      url: `/api/plans/${city.id}/revision`,
      ifMatch: city.version,
    });
    expect(started.statusCode, started.body).toBe(201);
    const revision = started.json<PlanOut>();
    const kept = revision.items[1]!;
    const outline = {
      ...outlineOf(city.title, 2022, []),
      nodes: [{ ...node(kept.heading, kept.body), id: kept.id }],
    };
    const saved = await staff.put(`/api/plans/${revision.id}/outline`, { outline }, revision.version);
    expect(saved.statusCode, saved.body).toBe(200);
    // Saving the revision changes nothing below; publishing it does.
    expect((await lixia.get(`/api/plans/${county.id}`)).json<PlanOut>().items[0]!.alignedTo).not.toBeNull();
    const res = await publish(staff, saved.json<PlanOut>());
    expect(res.id).toBe(city.id);
    const countyNow = (await lixia.get(`/api/plans/${county.id}`)).json<PlanOut>();
    expect(countyNow.items[0]!.alignedTo).toBeNull();
    const cleared = await t.s.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'plan.align')
      .where('object_id', '=', String(county.items[0]!.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(cleared.detail!)).toMatchObject({
      before: { alignedTo: doomed.id },
      after: { alignedTo: null, planId: county.id },
      note: { reason: 'target_deleted', targetPlanId: city.id },
    });
  });
});
