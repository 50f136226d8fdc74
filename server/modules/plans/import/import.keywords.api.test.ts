// The keyword → unit map is per region (issue 6 §1.9): a county's staff save their county's map and
// can no longer rewrite the province's; a region without a map uses its nearest ancestor's.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../../test/app.ts';
import { createTestDb, DIALECTS } from '../../../../test/db.ts';
import { up as unitKeywordMapsUp } from '../../../db/migrations/2026-12-01T03-unit-keyword-maps.ts';

interface KeywordMap {
  regionCode: string;
  source: { code: string; name: string } | null;
  keywords: Array<{ keyword: string; unit: string }>;
  version: number;
}

const TEXT = '2024年统战工作要点\n一、加强政治引领\n（一）强化政治引领。组织党外人士学习。\n';
const leadOf = async (agent: Agent) => {
  const res = await agent.post('/api/plans/preview', { text: TEXT });
  expect(res.statusCode, res.body).toBe(200);
  const nodes = res.json<{
    outline: {
      nodes: Array<{ children: Array<{ proposedTasks: Array<{ suggestedLead: string | null }> }> }>;
    };
  }>().outline.nodes;
  return nodes[0]!.children[0]!.proposedTasks[0]!.suggestedLead;
};

describe.each(DIALECTS)('plans: keyword maps by region (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let lixia: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    lixia = await world.signIn('lixia_staff');
  });
  afterAll(() => t.close());

  it('lets county staff save their own map without touching the province’s', async () => {
    const province = await staff.put(
      '/api/plans/unit-keywords',
      { keywords: [{ keyword: '政治引领', unit: '研究室' }] },
      0,
    );
    expect(province.statusCode, province.body).toBe(200);
    // The county has no map of its own yet: it reads the province's, at its own version 0.
    const inherited = await lixia.get('/api/plans/unit-keywords');
    expect(inherited.headers.etag).toBe('"0"');
    expect(inherited.json<KeywordMap>()).toMatchObject({
      regionCode: '370102',
      source: { code: '370000', name: '山东省' },
      keywords: [{ keyword: '政治引领', unit: '研究室' }],
      version: 0,
    });
    expect(await leadOf(lixia)).toBe('研究室');

    // Saving writes the county's own map (before: it replaced the province-wide one).
    const saved = await lixia.put(
      '/api/plans/unit-keywords',
      { keywords: [{ keyword: '政治引领', unit: '区委统战部' }] },
      0,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<KeywordMap>()).toMatchObject({
      regionCode: '370102',
      source: { code: '370102' },
      version: 1,
    });
    expect((await staff.get('/api/plans/unit-keywords')).json<KeywordMap>()).toMatchObject({
      regionCode: '370000',
      keywords: [{ keyword: '政治引领', unit: '研究室' }],
      version: 1,
    });
    expect(await leadOf(lixia)).toBe('区委统战部');
    expect(await leadOf(staff)).toBe('研究室');

    const events = await t.s.db.kysely
      .selectFrom('audit_log')
      .select(['object_type', 'object_id'])
      .where('action', '=', 'plan.unit_keywords.update')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { object_type: 'unit_keyword_map', object_id: '370000' },
      { object_type: 'unit_keyword_map', object_id: '370102' },
    ]);
  });

  it('reads the maps of the reader’s ancestors and scope only', async () => {
    // The city has none: it inherits the province's; a county of another city is out of scope.
    expect((await lixia.get('/api/plans/unit-keywords?regionCode=370000')).statusCode).toBe(200);
    const city = await staff.get('/api/plans/unit-keywords?regionCode=370100');
    expect(city.json<KeywordMap>()).toMatchObject({
      regionCode: '370100',
      source: { code: '370000' },
      version: 0,
    });
    const sibling = await lixia.get('/api/plans/unit-keywords?regionCode=370103');
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json()).toMatchObject({ code: 'REGION_NOT_FOUND' });
    const denied = await t.s.db.kysely
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'access.out_of_scope')
      .execute();
    expect(denied).toContainEqual({ object_id: '370103' });
  });
});

describe.each(DIALECTS)('migration: keyword maps by region (%s)', (dialect) => {
  it('moves the one province-wide map of settings to the top region', async () => {
    const db = await createTestDb(dialect);
    try {
      const k = db.kysely;
      const now = '2026-11-30T10:00:00.000+08:00';
      // Back to the state before the migration, with a province-wide map saved twice.
      await sql`drop table unit_keyword_maps`.execute(k);
      await k
        .insertInto('regions')
        .values([
          {
            code: '370000',
            name: '山东省',
            level: 'province',
            parent_code: null,
            path: '370000',
            status: 'active',
            created_at: now,
            updated_at: now,
          },
          {
            code: '370100',
            name: '济南市',
            level: 'city',
            parent_code: '370000',
            path: '370000/370100',
            status: 'active',
            created_at: now,
            updated_at: now,
          },
        ])
        .execute();
      const keywords = JSON.stringify([{ keyword: '民营经济', unit: '经济处' }]);
      await k
        .insertInto('settings')
        .values({ key: 'plans.unit_keywords', value: keywords, version: 2, updated_at: now })
        .execute();
      await unitKeywordMapsUp(k);
      expect(await k.selectFrom('unit_keyword_maps').selectAll().execute()).toEqual([
        { region_code: '370000', keywords, version: 2, updated_at: now },
      ]);
      expect(
        await k.selectFrom('settings').select('key').where('key', '=', 'plans.unit_keywords').execute(),
      ).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
