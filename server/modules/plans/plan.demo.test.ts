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
});
