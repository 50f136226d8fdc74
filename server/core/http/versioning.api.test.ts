import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('optimistic concurrency with If-Match (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    sysadmin = await (await seedDemo(t)).signIn('sysadmin');
  });
  afterAll(() => t.close());

  it('answers a read with an ETag and refuses updates that are stale (412) or unversioned (428)', async () => {
    const created = await sysadmin.post('/api/units', {
      regionCode: '370000',
      name: '版本单位',
      kind: 'office',
    });
    const unit = created.json<{ id: number; version: number }>();
    const read = await sysadmin.get(`/api/units/${unit.id}`);
    expect(read.headers.etag).toBe(`"${unit.version}"`);

    const missing = await sysadmin.patch(`/api/units/${unit.id}`, { name: '无版本' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ code: 'VERSION_REQUIRED' });

    const first = await sysadmin.patch(`/api/units/${unit.id}`, { name: '第一次' }, unit.version);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe(`"${unit.version + 1}"`);

    const stale = await sysadmin.patch(`/api/units/${unit.id}`, { name: '过期写入' }, unit.version);
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });

    const stored = await t.s.db.kysely
      .selectFrom('units')
      .selectAll()
      .where('id', '=', unit.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: '第一次', version: unit.version + 1 });
  });

  it('applies the same rule to users and regions', async () => {
    const user = (await sysadmin.post('/api/users', { username: 'versioned', displayName: 'v' })).json<{
      user: { id: number; version: number };
    }>().user;
    expect((await sysadmin.patch(`/api/users/${user.id}`, { displayName: 'x' })).statusCode).toBe(428);
    expect(
      (await sysadmin.patch(`/api/users/${user.id}`, { displayName: 'x' }, user.version + 5)).statusCode,
    ).toBe(412);
    expect(
      (await sysadmin.patch(`/api/users/${user.id}`, { displayName: 'x' }, user.version)).statusCode,
    ).toBe(200);
    expect((await sysadmin.patch('/api/regions/370000', { name: '山东' })).statusCode).toBe(428);
    expect((await sysadmin.patch('/api/regions/370000', { name: '山东' }, 7)).statusCode).toBe(412);
  });
});
