// Upgrading a database that already holds twin units: the migration keeps the first of each name,
// renames the others visibly, and only then adds the unique indexes (so the upgrade never stops on them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, migrateTestDbToLatest, type TestDb } from '../../../test/db.ts';

const AT = '2026-11-30T00:00:00.000+08:00';

describe.each(DIALECTS)('migration 2026-12-01T01-unit-names-unique (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, '2026-11-28T02-pending-totp-and-request-hash');
  });
  afterAll(() => db.close());

  it('renames the later twins, then refuses new ones', async () => {
    const k = db.kysely;
    await k
      .insertInto('regions')
      .values({
        code: '370000',
        name: '山东省',
        level: 'province',
        parent_code: null,
        path: '370000',
        status: 'active',
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    const unit = (name: string, parent_id: number | null) =>
      k
        .insertInto('units')
        .values({
          region_code: '370000',
          name,
          kind: 'office',
          parent_id,
          status: 'active',
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const top = await unit('统战部', null);
    const topTwin = await unit('统战部', null);
    const child = await unit('研究室', top.id);
    const childTwin = await unit('研究室', top.id);
    const cousin = await unit('研究室', topTwin.id);

    await migrateTestDbToLatest(db);

    const names = Object.fromEntries(
      (await k.selectFrom('units').select(['id', 'name', 'version']).execute()).map((u) => [u.id, u]),
    );
    expect(names[top.id]).toMatchObject({ name: '统战部', version: 1 });
    expect(names[topTwin.id]).toMatchObject({ name: `统战部（重复 ${topTwin.id}）`, version: 2 });
    expect(names[child.id]).toMatchObject({ name: '研究室', version: 1 });
    expect(names[childTwin.id]).toMatchObject({ name: `研究室（重复 ${childTwin.id}）` });
    expect(names[cousin.id]).toMatchObject({ name: '研究室', version: 1 });
    await expect(unit('研究室', top.id)).rejects.toThrow();
    await expect(unit('统战部', null)).rejects.toThrow();
  });
});
