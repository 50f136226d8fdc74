import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { seedDemoPlans } from './plan.demo.ts';

describe.each(DIALECTS)('demo plans (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    await seedDemoPlans(t.s);
    await seedDemoPlans(t.s); // a second call changes nothing
  });
  afterAll(() => t.close());

  it('publishes the province, city and county plans with alignments the coverage view shows', async () => {
    const staff = await world.signIn('staff');
    const list = (await staff.get('/api/plans')).json<{
      items: Array<{ id: number; region: { code: string }; status: string }>;
    }>();
    expect(list.items.map((p) => [p.region.code, p.status]).sort()).toEqual([
      ['370000', 'published'],
      ['370100', 'published'],
      ['370102', 'published'],
    ]);
    const province = list.items.find((p) => p.region.code === '370000')!;
    const cov = (await staff.get(`/api/plans/${province.id}/coverage`)).json<{
      totals: { alignedItems: number; coveredItems: number };
    }>();
    expect(cov.totals.alignedItems).toBeGreaterThanOrEqual(6);
    expect(cov.totals.coveredItems).toBeGreaterThanOrEqual(4);
  });

  it('records the seeded plans as done by the system, not by a demo account', async () => {
    const rows = await t.s.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'actor_name', 'request_id'])
      .where('action', 'like', 'plan.%')
      .execute();
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set(['plan.create', 'plan.publish', 'plan.align']),
    );
    for (const r of rows)
      expect(r).toMatchObject({ actor_id: null, actor_name: null, request_id: 'demo-seed' });
    const versions = await t.s.db.kysely.selectFrom('plan_versions').select('created_by').execute();
    expect(versions.every((v) => v.created_by === null)).toBe(true);
  });
});
