import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe.each(DIALECTS)('cursor pagination (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    sysadmin = await (await seedDemo(t)).signIn('sysadmin');
  });
  afterAll(() => t.close());

  async function walk<T>(
    url: string,
    limit: number,
    key: (item: T) => string | number,
    from: string | null = null,
  ) {
    const keys: Array<string | number> = [];
    let cursor: string | null = from;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const res = await sysadmin.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<Page<T>>();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      if (page.nextCursor) expect(page.items.length).toBe(limit);
      keys.push(...page.items.map(key));
      cursor = page.nextCursor;
    } while (cursor);
    return keys;
  }

  it('walks more units than one page without duplicates or gaps', async () => {
    for (let i = 0; i < 11; i++) {
      const res = await sysadmin.post('/api/units', {
        regionCode: '370102',
        name: `分页单位${i}`,
        kind: 'office',
      });
      expect(res.statusCode).toBe(201);
    }
    const expected = (
      await t.s.db.kysely
        .selectFrom('units')
        .select('id')
        .where('region_code', '=', '370102')
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
    expect(expected.length).toBe(12);
    expect(await walk<{ id: number }>('/api/units?regionCode=370102', 5, (u) => u.id)).toEqual(expected);
    const all = (await t.s.db.kysely.selectFrom('units').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    expect(await walk<{ id: number }>('/api/units', 7, (u) => u.id)).toEqual(all);
  });

  it('walks regions by code and users by id', async () => {
    const codes = (await t.s.db.kysely.selectFrom('regions').select('code').orderBy('code').execute()).map(
      (r) => r.code,
    );
    expect(await walk<{ code: string }>('/api/regions', 4, (r) => r.code)).toEqual(codes);
    const ids = (await t.s.db.kysely.selectFrom('users').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    expect(await walk<{ id: number }>('/api/users', 3, (u) => u.id)).toEqual(ids);
  });

  it('does not skip a record created between two pages', async () => {
    await sysadmin.post('/api/units', { regionCode: '370104', name: '先有单位', kind: 'office' });
    const first = (await sysadmin.get('/api/units?regionCode=370104&limit=1')).json<Page<{ id: number }>>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const extra = (
      await sysadmin.post('/api/units', { regionCode: '370104', name: '中途加入', kind: 'office' })
    ).json<{
      id: number;
    }>();
    const rest = await walk<{ id: number }>('/api/units?regionCode=370104', 1, (u) => u.id, first.nextCursor);
    const seen = [...first.items.map((u) => u.id), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(extra.id);
    expect(seen).toHaveLength(3);
  });

  it('refuses a forged cursor and an out-of-range limit', async () => {
    expect((await sysadmin.get('/api/units?cursor=not-a-cursor')).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await sysadmin.get('/api/units?limit=0')).statusCode).toBe(400);
    expect((await sysadmin.get('/api/units?limit=201')).statusCode).toBe(400);
  });
});
