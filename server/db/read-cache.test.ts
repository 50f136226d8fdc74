// A read kept between requests must answer exactly what the database would answer now: the write
// generation moves on every write of this process (before it runs) and on every commit of another
// connection, and the cache keeps nothing across a move. PostgreSQL keeps nothing at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, secondConnection, type TestDb } from '../../test/db.ts';
import type { Db } from './connect.ts';
import { ReadCache } from './read-cache.ts';

describe.each(DIALECTS)('read cache (%s)', (dialect) => {
  let db: TestDb;
  let other: Db;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    other = secondConnection(db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await db.close();
  });

  const settingValue = async (key: string) =>
    (await db.kysely.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
  const now = new Date().toISOString();

  if (dialect === 'postgres') {
    it('keeps nothing: the database cannot say cheaply whether another node wrote', async () => {
      expect(db.writeGeneration()).toBeNull();
      const cache = new ReadCache<string>(db);
      let loads = 0;
      const load = async () => `${++loads}`;
      await cache.get('k', load);
      expect(await cache.get('k', load)).toBe('2');
    });
    return;
  }

  it('moves on a write of this process, including INSERT … RETURNING, and not on reads', async () => {
    const start = db.writeGeneration()!;
    await settingValue('x');
    await db.kysely.selectFrom('users').selectAll().execute();
    expect(db.writeGeneration()).toBe(start);
    await db.kysely
      .insertInto('settings')
      .values({ key: 'rc-1', value: '1', version: 1, updated_at: now })
      .returning('key')
      .execute();
    const afterInsert = db.writeGeneration()!;
    expect(afterInsert).toBeGreaterThan(start);
    await db.kysely.updateTable('settings').set({ value: '2' }).where('key', '=', 'rc-1').execute();
    expect(db.writeGeneration()).toBeGreaterThan(afterInsert);
  });

  it('moves when another connection (another process, the console) commits, from the next request on', async () => {
    const start = db.writeGeneration()!;
    await other.kysely
      .insertInto('settings')
      .values({ key: 'rc-2', value: 'a', version: 1, updated_at: now })
      .execute();
    // One look at other connections' commits serves the rest of this turn of the event loop …
    expect(db.writeGeneration()).toBe(start);
    // … until a request begins (the app's request hook calls lookAgain).
    db.lookAgain();
    expect(db.writeGeneration()).toBeGreaterThan(start);
  });

  it("looks again for other connections' commits at the next turn of the event loop", async () => {
    const start = db.writeGeneration()!;
    await other.kysely.updateTable('settings').set({ value: 'b' }).where('key', '=', 'rc-2').execute();
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.writeGeneration()).toBeGreaterThan(start);
  });

  it('answers from the cache only while nothing was written anywhere', async () => {
    const cache = new ReadCache<string | undefined>(db);
    let loads = 0;
    const read = () =>
      cache.get('rc-3', async () => {
        loads++;
        return settingValue('rc-3');
      });
    await db.kysely
      .insertInto('settings')
      .values({ key: 'rc-3', value: 'first', version: 1, updated_at: now })
      .execute();
    expect(await read()).toBe('first');
    expect(await read()).toBe('first');
    expect(loads).toBe(1);

    // A write by this process: the next read is fresh.
    await db.kysely.updateTable('settings').set({ value: 'second' }).where('key', '=', 'rc-3').execute();
    expect(await read()).toBe('second');
    expect(loads).toBe(2);

    // A write by another connection: the next read is fresh too.
    await other.kysely.updateTable('settings').set({ value: 'third' }).where('key', '=', 'rc-3').execute();
    db.lookAgain();
    expect(await read()).toBe('third');
    expect(loads).toBe(3);
    expect(await read()).toBe('third');
    expect(loads).toBe(3);
  });

  it('does not keep a value read while a write happened (it may predate the write)', async () => {
    const cache = new ReadCache<string>(db);
    let loads = 0;
    await cache.get('k', async () => {
      loads++;
      await db.kysely
        .insertInto('settings')
        .values({ key: 'rc-4', value: 'x', version: 1, updated_at: now })
        .execute();
      return 'read before the write';
    });
    await cache.get('k', async () => `${++loads}`);
    expect(loads).toBe(2);
  });

  it('drops the least recently used entry past its size', async () => {
    const cache = new ReadCache<string>(db, 2);
    let loads = 0;
    const get = (key: string) => cache.get(key, async () => `${key}${++loads}`);
    await get('a');
    await get('b');
    await get('a');
    await get('c'); // b is dropped, a was used more recently
    expect(await get('a')).toBe('a1');
    expect(await get('b')).toBe('b4');
  });
});
