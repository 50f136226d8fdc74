import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { createDraft, node, outlineOf, publish } from '../plans/testing/plan.fixtures.ts';

interface Figures {
  figures: { key: string; count: number; query: Record<string, string> }[];
  bySection: { label: string; counts: Record<string, number>; query: Record<string, string> }[];
  byRegion: { label: string; counts: Record<string, number>; query: Record<string, string> }[];
}

// Every figure on a 工作台 agrees with the list it opens.
describe.each(DIALECTS)('工作台 task figures (%s)', (dialect) => {
  let t: TestApp;
  const agents: Record<string, Agent> = {};
  let handlerTask: { id: number; version: number };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    for (const u of ['staff', 'leader', 'handler', 'jinan_staff', 'lixia_staff'])
      agents[u] = await world.signIn(u);
    const unit: Record<string, number> = {};
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      node('一、加强思想政治引领', '开展学习教育。'),
      node('二、服务高质量发展', '做深做实“万企兴万村”行动。'),
    ]);
    const plan = await publish(
      agents.staff!,
      await createDraft(agents.staff!, { regionCode: '370000', year: 2026, title: outline.title, outline }),
    );
    const make = async (agent: Agent, body: object) => {
      const res = await agent.post('/api/tasks', { startDate: '2026-01-01', dueDate: '2026-12-31', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number; version: number }>();
    };
    const [s1, s2] = plan.items;
    handlerTask = await make(agents.staff!, {
      planItemId: s1!.id,
      title: '省发改委任务',
      leadUnitId: unit['山东省发展和改革委员会'],
      assign: true,
    });
    await make(agents.staff!, {
      planItemId: s1!.id,
      title: '已逾期的任务',
      leadUnitId: unit['山东省教育厅'],
      dueDate: '2026-02-01',
      assign: true,
    });
    await make(agents.staff!, { planItemId: s2!.id, title: '草稿任务', leadUnitId: unit['山东省商务厅'] });
    const city = await make(agents.staff!, {
      planItemId: s2!.id,
      title: '交济南分解',
      leadUnitId: unit['中共济南市委统战部'],
      assign: true,
    });
    await make(agents.staff!, {
      planItemId: s2!.id,
      title: '交青岛（待分解）',
      leadUnitId: unit['中共青岛市委统战部'],
      assign: true,
    });
    await make(agents.jinan_staff!, {
      parentId: city.id,
      title: '历下区任务',
      leadUnitId: unit['中共济南市历下区委统战部'],
      assign: true,
    });
  });
  afterAll(() => t.close());

  const listTotal = async (agent: Agent, query: Record<string, string>, colour?: string) => {
    const res = await agent.get(`/api/tasks?${new URLSearchParams(query).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    const counts = res.json<{ counts: Record<string, number> }>().counts;
    // A colour filter shows that colour's tasks; the counts beside the list are for every colour.
    const shown = colour ?? query.health;
    return shown ? shown.split(',').reduce((n, c) => n + counts[c]!, 0) : counts.total!;
  };

  it.each(['staff', 'leader', 'handler', 'jinan_staff', 'lixia_staff'])(
    'agrees with the lists for %s',
    async (who) => {
      const agent = agents[who]!;
      const res = await agent.get('/api/home/tasks');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<Figures>();
      for (const f of body.figures) expect(await listTotal(agent, f.query), `${who} ${f.key}`).toBe(f.count);
      for (const row of [...body.bySection, ...body.byRegion])
        for (const colour of ['red', 'yellow', 'green'])
          expect(await listTotal(agent, row.query, colour), `${who} ${row.label} ${colour}`).toBe(
            row.counts[colour],
          );
    },
  );

  it('shows each role its own figures', async () => {
    const staff = (await agents.staff!.get('/api/home/tasks')).json<Figures>();
    const of = (b: Figures, key: string) => b.figures.find((f) => f.key === key)?.count;
    // 青岛 has not decomposed its task; nor has 历下区 the one 济南 handed down to it.
    expect(of(staff, 'undecomposed')).toBe(2);
    expect(of(staff, 'drafts')).toBe(1);
    expect(of(staff, 'red')).toBeGreaterThanOrEqual(1);
    expect(staff.byRegion.map((r) => r.label)).toEqual(['山东省（本级）', '济南市', '青岛市']);
    const handler = (await agents.handler!.get('/api/home/tasks')).json<Figures>();
    expect(of(handler, 'to-sign')).toBe(1);
    expect(handler.bySection).toEqual([]);
    const lixia = (await agents.lixia_staff!.get('/api/home/tasks')).json<Figures>();
    expect(lixia.byRegion.map((r) => r.label)).toEqual(['历下区（本级）']);
  });

  it('counts the reports owed, submitted and returned, and the adjustment requests, as the lists do', async () => {
    const of = async (who: string, key: string) =>
      (await agents[who]!.get('/api/home/tasks')).json<Figures>().figures.find((f) => f.key === key)?.count;
    const { handler, staff } = agents;
    // Assigned on 1 March: February's report (due 5 March) is owed this month; March's (due 5 April) not yet.
    expect(await of('handler', 'reports-owed')).toBe(1);
    expect(await of('staff', 'reports-submitted')).toBe(0);
    const signed = await handler!.request({
      method: 'POST',
      url: `/api/tasks/${handlerTask.id}/sign`,
      payload: {},
      ifMatch: handlerTask.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const report = (path: string, version: number, body: object, agent: Agent) =>
      agent.request({
        method: 'POST',
        url: `/api/tasks/${handlerTask.id}/reports/2026-02/${path}`,
        payload: body,
        ifMatch: version,
        headers: { 'idempotency-key': idempotencyKey() },
      });
    const draft = (await handler!.get(`/api/tasks/${handlerTask.id}/reports/2026-02/draft`)).json<{
      version: number;
    }>();
    const submitted = await report('submit', draft.version, { percent: 20, narrative: '已启动' }, handler!);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(await of('handler', 'reports-owed')).toBe(0);
    expect(await of('staff', 'reports-submitted')).toBe(1);
    // 济南's staff see no province-managed report to review.
    expect(await of('jinan_staff', 'reports-submitted')).toBe(0);
    const returned = await report(
      'return',
      submitted.json<{ version: number }>().version,
      { comment: '请补充' },
      staff!,
    );
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await of('handler', 'reports-returned')).toBe(1);
    expect(await of('staff', 'reports-submitted')).toBe(0);

    expect(await of('staff', 'adjustments')).toBe(0);
    const asked = await handler!.post(`/api/tasks/${handlerTask.id}/adjustments`, {
      kind: 'deadline',
      reason: '需等待省政府会议',
      dueDate: '2027-03-31',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(await of('staff', 'adjustments')).toBe(1);
    expect(await of('jinan_staff', 'adjustments')).toBe(0);
    // And every figure still agrees with its list.
    for (const who of ['staff', 'handler']) {
      const body = (await agents[who]!.get('/api/home/tasks')).json<Figures>();
      for (const f of body.figures)
        expect(await listTotal(agents[who]!, f.query), `${who} ${f.key}`).toBe(f.count);
    }
  });
});
