import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/db.ts';
import { migrations } from './migrations/index.ts';
import SQLite from 'better-sqlite3';
import { cachingStatements, createSqliteDb, openSqlite } from './dialect/sqlite.ts';
import { preparedByShape } from './prepared.ts';

describe('SQLite connection settings', () => {
  const file = path.join(os.tmpdir(), `luoshi-pragma-${process.pid}-${crypto.randomUUID()}.db`);
  afterAll(() => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  });

  // NORMAL under WAL: commits do not wait for the disk; Db.durable flushes the log when something outside
  // the database vouches for it (docs/decisions/sqlite-synchronous-normal.md).
  it('opens every connection with WAL, synchronous=NORMAL, foreign keys and a busy timeout', () => {
    const conn = openSqlite(file);
    try {
      expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(conn.pragma('synchronous', { simple: true })).toBe(1);
      expect(conn.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(conn.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      conn.close();
    }
  });

  it('flushes the write-ahead log on durable(), with or without one', async () => {
    const other = `${file}-durable.db`;
    const db = createSqliteDb(other);
    try {
      await db.durable(); // a fresh file: no log yet
      await sql`create table flushed (id integer primary key)`.execute(db.kysely);
      await sql`insert into flushed (id) values (1)`.execute(db.kysely);
      expect(fs.existsSync(`${other}-wal`)).toBe(true);
      await db.durable();
    } finally {
      await db.close();
      for (const f of [other, `${other}-wal`, `${other}-shm`]) fs.rmSync(f, { force: true });
    }
  });

  it('enforces foreign keys on the connection it returns', () => {
    const conn = openSqlite(file);
    try {
      conn.exec('create table if not exists parent (id integer primary key)');
      conn.exec('create table if not exists child (parent_id integer references parent(id))');
      expect(() => conn.prepare('insert into child (parent_id) values (42)').run()).toThrow(/FOREIGN KEY/);
    } finally {
      conn.close();
    }
  });
});

const TABLES = [
  'regions',
  'units',
  'users',
  'user_roles',
  'sessions',
  'audit_log',
  'settings',
  'idempotency_keys',
];

describe.each(DIALECTS)('migrations (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db.close());

  it('creates every table and records every migration', async () => {
    const tables = (await db.kysely.introspection.getTables()).map((t) => t.name);
    for (const name of TABLES) expect(tables).toContain(name);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      db.kysely,
    );
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
    await db.kysely
      .insertInto('audit_log')
      .values({
        id: 1,
        at: '2026-03-01T09:00:00.000+08:00',
        actor_id: null,
        actor_name: null,
        action: 'test.append',
        object_type: null,
        object_id: null,
        outcome: 'success',
        ip: null,
        request_id: null,
        detail: null,
        prev_hash: '0'.repeat(64),
        hash: '1'.repeat(64),
      })
      .execute();
    await expect(
      db.kysely.updateTable('audit_log').set({ action: 'test.changed' }).where('id', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.kysely.deleteFrom('audit_log').where('id', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') {
      await expect(sql`truncate audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);
    }
    const row = await db.kysely.selectFrom('audit_log').selectAll().where('id', '=', 1).executeTakeFirst();
    expect(row?.action).toBe('test.append');
  });

  it('rejects a unit whose region does not exist', async () => {
    await expect(
      db.kysely
        .insertInto('units')
        .values({
          region_code: '999999',
          name: '无区划单位',
          kind: 'office',
          parent_id: null,
          status: 'active',
          created_at: 'x',
          updated_at: 'x',
        })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('SQLite statement cache', () => {
  it('reuses a prepared statement, and prepares a fresh one while the cached one is being iterated', () => {
    const conn = new SQLite(':memory:');
    const cached = cachingStatements(conn);
    const first = cached.prepare('select 1 as n union all select 2');
    expect(cached.prepare('select 1 as n union all select 2')).toBe(first);
    const iterating = first.iterate([]);
    iterating.next();
    const second = cached.prepare('select 1 as n union all select 2');
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ n: 1 }, { n: 2 }]);
    iterating.return?.();
    expect(cached.prepare('select 1 as n union all select 2')).toBe(first);
    cached.close();
  });
});

describe.each(DIALECTS)('hot statements kept prepared (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db.close());

  it('still answer after another connection changes the table under them', async () => {
    await sql`create table hot_probe (id integer primary key, name text)`.execute(db.kysely);
    await sql`insert into hot_probe (id, name) values (1, 'a')`.execute(db.kysely);
    const query = sql<{ id: number }>`select * from hot_probe where id = ${1}`.compile(db.kysely);
    db.keepPrepared(query.sql);
    expect((await db.kysely.executeQuery(query)).rows).toEqual([{ id: 1, name: 'a' }]);
    // A migration in another process changes the row type a prepared plan returns.
    await sql`alter table hot_probe add column note text`.execute(db.kysely);
    expect((await db.kysely.executeQuery(query)).rows).toEqual([{ id: 1, name: 'a', note: null }]);
    expect((await db.kysely.executeQuery(query)).rows).toEqual([{ id: 1, name: 'a', note: null }]);
  });
});

describe.each(DIALECTS)('queries prepared once per shape (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await sql`create table shape_probe (id integer primary key, name text, year integer)`.execute(db.kysely);
    await sql`insert into shape_probe (id, name, year) values (1, 'a', 2020), (2, 'b', 2021), (3, 'c', 2021)`.execute(
      db.kysely,
    );
  });
  afterAll(() => db.close());

  interface Filter {
    names?: string[];
    year?: number;
    newestFirst: boolean;
  }
  type Probe = { shape_probe: { id: number; name: string; year: number } };

  it('builds each combination of filters once and answers as the query built afresh would', async () => {
    const probe = db.kysely as unknown as import('kysely').Kysely<Probe>;
    const build = (f: Filter) => {
      let q = probe.selectFrom('shape_probe').select(['id']);
      if (f.names) q = q.where('name', 'in', f.names);
      if (f.year !== undefined) q = q.where('year', '=', f.year);
      return q.orderBy('id', f.newestFirst ? 'desc' : 'asc');
    };
    let builds = 0;
    const query = preparedByShape(db, (f: Filter) => (builds++, build(f)));
    const filters: Filter[] = [
      { year: 2021, newestFirst: false },
      { year: 2020, newestFirst: false },
      { year: 2021, newestFirst: true },
      { names: ['a', 'c'], newestFirst: false },
      { names: ['b', 'c'], newestFirst: false },
      { names: ['b'], year: 2021, newestFirst: true },
      { names: ['a', 'b'], year: 2021, newestFirst: false },
    ];
    for (const f of filters) expect(await query(f)).toEqual(await build(f).execute());
    // year; year, newest first; two names; one name and a year; two names and a year.
    expect(builds).toBe(5);
  });

  it('refuses a builder that makes new values out of the ones it is given', async () => {
    const probe = db.kysely as unknown as import('kysely').Kysely<Probe>;
    const query = preparedByShape(db, (f: { name: string }) =>
      probe.selectFrom('shape_probe').select('id').where('name', 'like', `${f.name}%`),
    );
    await expect(query({ name: 'a' })).rejects.toThrow(/as they are/);
  });
});
