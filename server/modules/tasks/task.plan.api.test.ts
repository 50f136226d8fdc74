import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import {
  createDraft,
  node,
  outlineOf,
  publish,
  toOutlineNodes,
  type PlanOut,
} from '../plans/testing/plan.fixtures.ts';

// Tasks decomposed from a plan item: they carry the plan and its section, and the item cannot be deleted
// from under them (nothing orphaned).
describe.each(DIALECTS)('tasks from plan items (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let plan: PlanOut;
  let leadUnitId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      node('一、加强党外代表人士队伍建设', '', [node('（一）做好党外干部培养', '开展专题培训。')]),
      node('二、服务乡村振兴', '深化“万企兴万村”行动。'),
    ]);
    const draft = await createDraft(staff, {
      regionCode: '370000',
      year: 2026,
      title: outline.title,
      outline,
    });
    plan = await publish(staff, draft);
    leadUnitId = (
      await t.db.kysely
        .selectFrom('units')
        .select('id')
        .where('name', '=', '山东省教育厅')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('takes the plan, the year and the top-level section from the item', async () => {
    const section = plan.items[0]!;
    const item = section.children[0]!;
    const res = await staff.post('/api/tasks', {
      planItemId: item.id,
      title: '举办党外干部专题培训班',
      leadUnitId,
      startDate: '2026-03-01',
      dueDate: '2026-11-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ planId: plan.id, planItemId: item.id, year: 2026, source: 'plan' });
    const bySection = await staff.get(`/api/tasks?sectionId=${section.id}`);
    expect(bySection.json<{ items: { id: number }[] }>().items).toHaveLength(1);
  });

  it('refuses to publish a revision that deletes an item with tasks, naming them, and changes nothing', async () => {
    const item = plan.items[1]!;
    const task = await staff.post('/api/tasks', {
      planItemId: item.id,
      title: '组织民营企业结对帮扶',
      leadUnitId,
      startDate: '2026-03-01',
      dueDate: '2026-11-30',
    });
    expect(task.statusCode).toBe(201);
    const started = await staff.request({
      method: 'POST',
      url: `/api/plans/${plan.id}/revision`,
      payload: {},
      ifMatch: plan.version,
    });
    expect(started.statusCode, started.body).toBe(201);
    const revision = started.json<PlanOut>();
    const nodes = toOutlineNodes(revision.items).slice(0, 1);
    const saved = await staff.put(
      `/api/plans/${revision.id}/outline`,
      { outline: { ...outlineOf(revision.title, 2026, []), nodes } },
      revision.version,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await staff.request({
      method: 'POST',
      url: `/api/plans/${revision.id}/publish`,
      payload: {},
      ifMatch: saved.json<PlanOut>().version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PLAN_ITEM_HAS_TASKS' });
    expect(res.json<{ message: string }>().message).toContain('组织民营企业结对帮扶');
    const still = (await staff.get(`/api/plans/${plan.id}`)).json<PlanOut>();
    expect(still.items.map((i) => i.id)).toEqual(plan.items.map((i) => i.id));
  });
});
