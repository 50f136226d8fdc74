import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import {
  createDraft,
  importExample,
  node,
  outlineOf,
  publish,
  type PlanOut,
} from '../testing/plan.fixtures.ts';

describe.each(DIALECTS)('plans: search (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let province: PlanOut;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    province = await publish(staff, await importExample(staff));
  });
  afterAll(() => t.close());

  it('finds items by a Chinese word, not by a non-word, within what the reader can see', async () => {
    const hit = (await staff.get(`/api/plans/search?q=${encodeURIComponent('乡村振兴')}`)).json<{
      items: Array<{ planId: number; snippet: string; highlights: unknown[] }>;
      tokens: string[];
    }>();
    expect(hit.tokens).toEqual(['乡村', '振兴']);
    expect(hit.items.some((i) => i.planId === province.id)).toBe(true);
    expect(hit.items[0]!.highlights.length).toBeGreaterThan(0);
    const miss = (await staff.get(`/api/plans/search?q=${encodeURIComponent('村振')}`)).json<{
      items: unknown[];
    }>();
    expect(miss.items).toHaveLength(0);
    const draft = await createDraft(staff, {
      regionCode: '370000',
      year: 2023,
      title: '2023年草稿',
      outline: outlineOf('x', 2023, [node('铸牢中华民族共同体意识')]),
    });
    const handler = await world.signIn('handler');
    const q = `/api/plans/search?q=${encodeURIComponent('共同体')}`;
    expect(
      (await staff.get(q)).json<{ items: Array<{ planId: number }> }>().items.map((i) => i.planId),
    ).toContain(draft.id);
    expect(
      (await handler.get(q)).json<{ items: Array<{ planId: number }> }>().items.map((i) => i.planId),
    ).not.toContain(draft.id);
  });

  it('matches LIKE wildcards in a query literally: _ and % find only themselves', async () => {
    const draft = await createDraft(staff, {
      regionCode: '370000',
      year: 2024,
      title: '通配符',
      outline: outlineOf('x', 2024, [node('代号', 'snake_case 标识'), node('代号', 'snakexcase 标识')]),
    });
    const search = async (q: string) =>
      (await staff.get(`/api/plans/search?q=${encodeURIComponent(q)}`))
        .json<{ items: Array<{ itemId: number }> }>()
        .items.map((i) => i.itemId);
    expect(await search('snake_case')).toEqual([draft.items[0]!.id]);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect(await search('snake%case')).toEqual([]);
  });
});
