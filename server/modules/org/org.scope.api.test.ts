import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface Unit {
  id: number;
  regionCode: string;
  name: string;
  version: number;
  status: string;
}

describe.each(DIALECTS)('organisation data scope (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let sysadmin: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    sysadmin = await world.signIn('sysadmin');
  });
  afterAll(() => t.close());

  async function unitIdByName(name: string): Promise<number> {
    const row = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  describe('data scope', () => {
    async function unitIdsVisibleTo(agent: Agent): Promise<number[]> {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await agent.get(`/api/units?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const page = res.json<{ items: Unit[]; nextCursor: string | null }>();
        ids.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    }

    async function regionOfUnits(ids: number[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const rows = await t.s.db.kysely
        .selectFrom('units')
        .select('region_code')
        .where('id', 'in', ids)
        .execute();
      return new Set(rows.map((r) => r.region_code));
    }

    it('shows province staff the units of the whole province, a county unit included', async () => {
      const staff = await world.signIn('staff');
      const lixia = await unitIdByName('中共济南市历下区委统战部');
      const ids = await unitIdsVisibleTo(staff);
      expect(ids).toContain(lixia);
      const all = await t.s.db.kysely.selectFrom('units').select('id').execute();
      expect(ids.length).toBe(all.length);
      expect((await staff.get(`/api/units/${lixia}`)).statusCode).toBe(200);
    });

    it('shows county staff only the units of their county', async () => {
      const lixiaStaff = await world.signIn('lixia_staff');
      const ids = await unitIdsVisibleTo(lixiaStaff);
      expect(ids.length).toBeGreaterThan(0);
      expect([...(await regionOfUnits(ids))]).toEqual(['370102']);
      const province = await unitIdByName('中共山东省委统战部');
      const shizhong = await unitIdByName('中共济南市市中区委统战部');
      expect(ids).not.toContain(province);
      expect(ids).not.toContain(shizhong);
      expect((await lixiaStaff.get(`/api/units/${province}`)).statusCode).toBe(404);
      expect((await lixiaStaff.get(`/api/units/${shizhong}`)).statusCode).toBe(404);
      expect((await lixiaStaff.get('/api/regions/370103')).statusCode).toBe(404);
      expect((await lixiaStaff.get('/api/regions/370102')).statusCode).toBe(200);
      const regions = (await lixiaStaff.get('/api/regions')).json<{ items: Array<{ code: string }> }>();
      expect(regions.items.map((r) => r.code)).toEqual(['370102']);
    });

    it('shows a handler their unit and a submitter their organisation', async () => {
      const handler = await world.signIn('handler');
      const fgw = await unitIdByName('山东省发展和改革委员会');
      expect(await unitIdsVisibleTo(handler)).toEqual([fgw]);

      const minmeng = await unitIdByName('民盟山东省委会');
      const branch = (
        await sysadmin.post('/api/units', {
          regionCode: '370100',
          name: '民盟济南市委会',
          kind: 'party',
          parentId: minmeng,
        })
      ).json<Unit>();
      const submitter = await world.signIn('submitter');
      expect((await unitIdsVisibleTo(submitter)).sort((a, b) => a - b)).toEqual(
        [minmeng, branch.id].sort((a, b) => a - b),
      );
      expect((await submitter.get(`/api/units/${branch.id}`)).statusCode).toBe(200);
      expect((await submitter.get(`/api/units/${fgw}`)).statusCode).toBe(404);
      expect((await handler.get(`/api/units/${minmeng}`)).statusCode).toBe(404);
      // Regions: what a handler can list (their region's subtree), they can open.
      const listed = (await handler.get('/api/regions?limit=200')).json<{ items: Array<{ code: string }> }>();
      expect(listed.items.map((r) => r.code)).toContain('370100');
      expect((await handler.get('/api/regions/370100')).statusCode).toBe(200);
    });

    it('answers an out-of-scope record as missing and audits the attempt', async () => {
      const lixiaStaff = await world.signIn('lixia_staff');
      const province = await unitIdByName('中共山东省委统战部');
      const res = await lixiaStaff.get(`/api/units/${province}`);
      const missing = await lixiaStaff.get('/api/units/999999');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        code: 'UNIT_NOT_FOUND',
        message: missing.json<{ message: string }>().message,
      });
      const events = await t.s.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'access.out_of_scope')
        .where('object_type', '=', 'unit')
        .where('object_id', '=', String(province))
        .where('actor_name', '=', 'lixia_staff')
        .execute();
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events[0]).toMatchObject({ outcome: 'denied' });
    });
  });
});
