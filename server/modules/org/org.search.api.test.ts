// The keyword searches of the organisation pages take what a person typed literally: `%`, `_` and `\`
// are characters to find, not LIKE wildcards that match every row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface Page<T> {
  items: T[];
}

describe.each(DIALECTS)('organisation keyword search (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sysadmin = await (await seedDemo(t)).signIn('sysadmin');
    // One record of each kind whose name holds every wildcard, so a literal search has something to find.
    await sysadmin.post('/api/regions', {
      code: '370199',
      name: '百分%下划_反斜\\县',
      level: 'county',
      parentCode: '370100',
    });
    await sysadmin.post('/api/units', { regionCode: '370000', name: '百分%下划_反斜\\处', kind: 'office' });
    await sysadmin.post('/api/users', { username: 'wild_card', displayName: '百分%反斜\\' });
  });
  afterAll(() => t.close());

  const names = async (url: string, key: 'name' | 'username') =>
    (await sysadmin.get(url)).json<Page<Record<string, string>>>().items.map((r) => r[key]);

  it.each([
    ['%', '百分%下划_反斜\\县'],
    ['_', '百分%下划_反斜\\县'],
    ['\\', '百分%下划_反斜\\县'],
  ])('regions: q=%s finds only the names holding it', async (q, name) => {
    expect(await names(`/api/regions?limit=200&q=${encodeURIComponent(q)}`, 'name')).toEqual([name]);
  });

  it.each([
    ['%', '百分%下划_反斜\\处'],
    ['_', '百分%下划_反斜\\处'],
    ['\\', '百分%下划_反斜\\处'],
  ])('units: q=%s finds only the names holding it', async (q, name) => {
    expect(await names(`/api/units?limit=200&q=${encodeURIComponent(q)}`, 'name')).toEqual([name]);
  });

  it('users: q=% and q=\\ match the display name, q=_ only the usernames that hold one', async () => {
    expect(await names('/api/users?limit=200&q=%25', 'username')).toEqual(['wild_card']);
    expect(await names(`/api/users?limit=200&q=${encodeURIComponent('\\')}`, 'username')).toEqual([
      'wild_card',
    ]);
    const all = await t.s.db.kysely
      .selectFrom('users')
      .select(['username', 'display_name'])
      .orderBy('id')
      .execute();
    const expected = all
      .filter((u) => u.username.includes('_') || u.display_name.includes('_'))
      .map((u) => u.username);
    expect(expected.length).toBeLessThan(all.length);
    expect(await names('/api/users?limit=200&q=_', 'username')).toEqual(expected);
  });

  it('a prefix of a region code still finds the codes that start with it', async () => {
    const codes = (await sysadmin.get('/api/regions?limit=200&q=3701'))
      .json<Page<{ code: string }>>()
      .items.map((r) => r.code);
    expect(codes.length).toBeGreaterThan(1);
    expect(codes.every((c) => c.startsWith('3701'))).toBe(true);
  });
});
