// A unit's name is unique among its siblings (the children of one parent, or a region's top-level
// units): a second 研究室 under the same 统战部 is refused with UNIT_EXISTS, also when two requests race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { race } from '../../../test/race.ts';
import { insertUnit } from './unit.repository.ts';

interface Unit {
  id: number;
  name: string;
  parentId: number | null;
  version: number;
}

const NOW = '2026-12-01T00:00:00.000+08:00';

describe.each(DIALECTS)('unit names unique among siblings (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  let parent: Unit;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sysadmin = await (await seedDemo(t)).signIn('sysadmin');
    parent = (
      await sysadmin.post('/api/units', { regionCode: '370100', name: '名称测试部', kind: 'department' })
    ).json<Unit>();
  });
  afterAll(() => t.close());

  const create = (name: string, parentId: number | null, regionCode = '370100') =>
    sysadmin.post('/api/units', { regionCode, name, kind: 'office', parentId });
  const count = async (name: string) =>
    (await t.s.db.kysely.selectFrom('units').select('id').where('name', '=', name).execute()).length;
  const audited = async () =>
    (await t.s.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'unit.create').execute())
      .length;

  it('refuses a second unit of the same name under the same parent, naming the parent', async () => {
    expect((await create('一处', parent.id)).statusCode).toBe(201);
    const before = await audited();
    const twin = await create('一处', parent.id);
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({ code: 'UNIT_EXISTS', message: '“名称测试部”下已有名为“一处”的单位' });
    expect(await count('一处')).toBe(1);
    expect(await audited()).toBe(before);
  });

  it('refuses a twin among the top-level units of one region, and allows the name in another region', async () => {
    expect((await create('顶级同名', null)).statusCode).toBe(201);
    const twin = await create('顶级同名', null);
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({ code: 'UNIT_EXISTS' });
    expect((await create('顶级同名', null, '370200')).statusCode).toBe(201);
    expect((await create('顶级同名', parent.id)).statusCode).toBe(201);
  });

  it('says when the twin is disabled, so it can be enabled instead', async () => {
    const old = (await create('停用处', parent.id)).json<Unit>();
    await sysadmin.patch(`/api/units/${old.id}`, { status: 'disabled' }, old.version);
    expect((await create('停用处', parent.id)).json<{ message: string }>().message).toContain('已停用');
  });

  it('refuses a rename or a move that would make twins, and lets a unit keep its own name', async () => {
    const a = (await create('甲处', parent.id)).json<Unit>();
    const b = (await create('乙处', parent.id)).json<Unit>();
    const elsewhere = (await create('甲处', null)).json<Unit>();
    const renamed = await sysadmin.patch(`/api/units/${b.id}`, { name: '甲处' }, b.version);
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toMatchObject({ code: 'UNIT_EXISTS' });
    const moved = await sysadmin.patch(
      `/api/units/${elsewhere.id}`,
      { parentId: parent.id },
      elsewhere.version,
    );
    expect(moved.json()).toMatchObject({ code: 'UNIT_EXISTS' });
    const same = await sysadmin.patch(`/api/units/${a.id}`, { name: '甲处', kind: 'other' }, a.version);
    expect(same.statusCode).toBe(200);
  });

  it('refuses the loser of two creates racing for one name, with UNIT_EXISTS rather than a 500', async () => {
    const before = await audited();
    const res = await race(
      t,
      dialect,
      (trx) =>
        insertUnit(trx, {
          region_code: '370100',
          name: '并发处',
          kind: 'office',
          parent_id: parent.id,
          status: 'active',
          created_at: NOW,
          updated_at: NOW,
        }),
      () => create('并发处', parent.id),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'UNIT_EXISTS' });
    expect(await count('并发处')).toBe(1);
    expect(await audited()).toBe(before);
  });

  it('is held by the database itself (the unique indexes), not only by the check', async () => {
    const row = {
      region_code: '370100',
      kind: 'office',
      status: 'active' as const,
      created_at: NOW,
      updated_at: NOW,
    };
    await expect(insertUnit(t.s.db.kysely, { ...row, name: '一处', parent_id: parent.id })).rejects.toThrow();
    await expect(insertUnit(t.s.db.kysely, { ...row, name: '顶级同名', parent_id: null })).rejects.toThrow();
  });
});
