import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { toTimestamp } from '../../core/clock.ts';
import { createDraft, node, outlineOf, publish, type PlanOut } from './testing/plan.fixtures.ts';

interface Suggestion {
  text: string;
  title: string;
  suggestedLead: string | null;
  leadUnit: { id: number; name: string } | null;
  resolvedBy: string | null;
  candidates: { id: number; name: string }[];
}

// 建议任务: a plan item's proposed tasks, their suggested lead resolved to a unit of the plan's region by
// exact name → short name (简称) → keyword map, and never guessed.
describe.each(DIALECTS)('task suggestions from a plan item (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let sysadmin: Agent;
  let handler: Agent;
  let jinan: Agent;
  let plan: PlanOut;
  let draft: PlanOut;
  const unit: Record<string, number> = {};

  const proposed = [
    { text: '  举办党外干部专题培训班  \n分两期举办', suggestedLead: '山东省教育厅' },
    { text: '推进“万企兴万村”行动', suggestedLead: '省发展改革委' },
    { text: '开展民营企业家进高校活动', suggestedLead: '省教育部门' },
    { text: '加强党外干部选拔', suggestedLead: '省委' },
    { text: '做好统计工作', suggestedLead: null },
    { text: '开展对口交流', suggestedLead: '省外事部门' },
  ];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    sysadmin = await world.signIn('sysadmin');
    handler = await world.signIn('handler');
    jinan = await world.signIn('jinan_staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    // The province's keyword map: "教育" → 山东省教育厅.
    await t.db.kysely
      .insertInto('unit_keyword_maps')
      .values({
        region_code: '370000',
        keywords: JSON.stringify([{ keyword: '教育', unit: '山东省教育厅' }]),
        version: 1,
        updated_at: toTimestamp(t.clock.now()),
      })
      .execute();
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      { ...node('一、服务高质量发展', '深化“万企兴万村”行动。'), proposedTasks: proposed },
    ]);
    plan = await publish(
      staff,
      await createDraft(staff, { regionCode: '370000', year: 2026, title: outline.title, outline }),
    );
    draft = await createDraft(staff, {
      regionCode: '370000',
      year: 2027,
      title: '山东省2027年统战工作要点',
      outline: outlineOf('山东省2027年统战工作要点', 2027, [
        { ...node('一、草稿条目'), proposedTasks: proposed.slice(0, 1) },
      ]),
    });
  });
  afterAll(() => t.close());

  const suggestions = async (agent: Agent, itemId: number) => {
    const res = await agent.get(`/api/plan-items/${itemId}/task-suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Suggestion[] }>().items;
  };

  it('resolves the suggested lead by exact name, short name and keyword, and asks about the rest', async () => {
    const items = await suggestions(staff, plan.items[0]!.id);
    expect(items).toHaveLength(6);
    expect(items[0]).toEqual({
      text: proposed[0]!.text,
      title: '举办党外干部专题培训班',
      suggestedLead: '山东省教育厅',
      leadUnit: { id: unit['山东省教育厅'], name: '山东省教育厅' },
      resolvedBy: 'exact',
      candidates: [],
    });
    expect(items[1]).toMatchObject({
      leadUnit: { id: unit['山东省发展和改革委员会'], name: '山东省发展和改革委员会' },
      resolvedBy: 'alias',
    });
    expect(items[2]).toMatchObject({ leadUnit: { name: '山东省教育厅' }, resolvedBy: 'keyword' });
    // "省委" fits several units: not guessed, offered as candidates.
    expect(items[3]!.leadUnit).toBeNull();
    expect(items[3]!.resolvedBy).toBeNull();
    expect(items[3]!.candidates.map((c) => c.name)).toEqual(
      expect.arrayContaining(['中共山东省委组织部', '中共山东省委宣传部']),
    );
    expect(items[4]).toMatchObject({ suggestedLead: null, leadUnit: null, resolvedBy: null, candidates: [] });
    expect(items[5]).toMatchObject({ leadUnit: null, resolvedBy: null });
  });

  it("resolves by a short name added through the unit's PATCH", async () => {
    const id = unit['山东省人民政府外事办公室']!;
    const before = await sysadmin.get(`/api/units/${id}`);
    const res = await sysadmin.request({
      method: 'PATCH',
      url: `/api/units/${id}`,
      payload: { aliases: ['省外事部门', ' 省外办 ', '省外事部门'] },
      ifMatch: before.json<{ version: number }>().version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ aliases: string[] }>().aliases).toEqual(['省外事部门', '省外办']);
    const items = await suggestions(staff, plan.items[0]!.id);
    expect(items[5]).toMatchObject({
      leadUnit: { id, name: '山东省人民政府外事办公室' },
      resolvedBy: 'alias',
    });
    const bad = await sysadmin.request({
      method: 'PATCH',
      url: `/api/units/${id}`,
      payload: { aliases: [''] },
      ifMatch: res.json<{ version: number }>().version,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('is for staff who may see the plan, and only once the plan is published', async () => {
    // A city's staff see the province's published plan; its draft is not theirs to see.
    expect(await suggestions(jinan, plan.items[0]!.id)).toHaveLength(6);
    expect((await jinan.get(`/api/plan-items/${draft.items[0]!.id}/task-suggestions`)).statusCode).toBe(404);
    const unpublished = await staff.get(`/api/plan-items/${draft.items[0]!.id}/task-suggestions`);
    expect(unpublished.statusCode).toBe(409);
    expect(unpublished.json()).toMatchObject({ code: 'PLAN_NOT_PUBLISHED' });
    expect((await staff.get('/api/plan-items/999999999/task-suggestions')).statusCode).toBe(404);
    // A handler does not manage work.
    expect((await handler.get(`/api/plan-items/${plan.items[0]!.id}/task-suggestions`)).statusCode).toBe(403);
  });
});
