// 工作台 · 待办: what each role can do next, computed in the caller's own scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { createDraft, node, outlineOf, publish, type PlanOut } from '../plans/testing/plan.fixtures.ts';

interface Step {
  kind: string;
  title: string;
  detail: string | null;
  planId: number | null;
}

describe.each(DIALECTS)('home: next steps (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let lixia: Agent;
  const steps = async (agent: Agent) => {
    const res = await agent.get('/api/home/next-steps');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Step[] }>().items;
  };
  // The test clock stands in 2026.
  const plan = (agent: Agent, regionCode: string, title: string) =>
    createDraft(agent, {
      regionCode,
      year: 2026,
      title,
      outline: outlineOf(title, 2026, [
        node('一、服务乡村振兴', '', [node('（一）万企兴万村', '组织民营企业参与乡村振兴')]),
        node('二、加强自身建设', '加强统战干部队伍建设'),
      ]),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    lixia = await world.signIn('lixia_staff');
  });
  afterAll(() => t.close());

  it('tells staff to import, then to publish, the year’s plan', async () => {
    expect((await steps(staff)).map((s) => s.kind)).toEqual(['import']);
    expect((await steps(staff))[0]!.title).toContain('2026');
    const draft = await plan(staff, '370000', '2026年全省统战工作要点');
    const next = await steps(staff);
    expect(next[0]).toMatchObject({ kind: 'publish', planId: draft.id });
    // The province's draft is not the county's business: no step names it.
    expect((await steps(lixia)).map((s) => s.kind)).toEqual(['import']);
    await publish(staff, draft);
    expect((await steps(staff)).map((s) => s.kind)).toEqual(['coverage']);
  });

  it('points a county with no aligned plan to the city plan it implements', async () => {
    const city = await publish(staff, await plan(staff, '370100', '济南市2026年统战工作要点'));
    const county = await steps(lixia);
    expect(county.map((s) => s.kind)).toEqual(['import', 'parent-plan']);
    expect(county[1]).toMatchObject({ planId: city.id });
    const own: PlanOut = await publish(lixia, await plan(lixia, '370102', '历下区2026年统战工作要点'));
    const toAlign = await steps(lixia);
    expect(toAlign[0]).toMatchObject({ kind: 'align', planId: own.id });
    expect(toAlign[0]!.title).toContain('3 个条目');
    // Aligning the first section covers its sub-item.
    const url = `/api/plans/${own.id}/items/${own.items[0]!.id}/alignment`;
    const res = await lixia.put(url, { targetItemId: city.items[0]!.id }, own.version);
    expect(res.statusCode, res.body).toBe(200);
    expect((await steps(lixia))[0]!.title).toContain('1 个条目');
  });

  it('gives readers the plans in force, and the 三员 their duties', async () => {
    const handler = await steps(await world.signIn('handler'));
    expect(handler.map((s) => s.kind)).toEqual(['read-plan']);
    const leader = await steps(await world.signIn('leader'));
    expect(leader.map((s) => s.kind)).toEqual(['read-plan', 'coverage']);
    expect((await steps(await world.signIn('sysadmin'))).map((s) => s.kind)).toEqual(['users']);
    expect((await steps(await world.signIn('auditor'))).map((s) => s.kind)).toEqual(['audit']);
  });
});
