import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createPostgresDb } from '../server/db/dialect/postgres.ts';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { migrateTo, migrateToLatest, type Db } from '../server/db/connect.ts';

export type Dialect = 'sqlite' | 'postgres';

// Every suite runs on SQLite, and on PostgreSQL as well when TEST_DATABASE_URL points at a server.
export const DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb extends Db {
  // A connection string that reaches the same database (for a second connection in a test).
  location: string;
  schema?: string;
}

// `upTo` names the last migration to run, for a test of the migration after it; by default all of them.
export async function createTestDb(dialect: Dialect, upTo?: string): Promise<TestDb> {
  return dialect === 'sqlite' ? createSqliteTestDb(upTo) : createPostgresTestDb(upTo);
}

async function createSqliteTestDb(upTo?: string): Promise<TestDb> {
  const file = path.join(os.tmpdir(), `luoshi-test-${process.pid}-${crypto.randomUUID()}.db`);
  if (!upTo) fs.copyFileSync(inject('sqliteTemplate'), file);
  const db = createSqliteDb(file);
  if (upTo) await migrateTo(db, upTo);
  return {
    ...db,
    location: file,
    close: async () => {
      await db.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}

// Each test file gets a schema of its own on the shared test database, dropped when it closes.
async function createPostgresTestDb(upTo?: string): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const db = createPostgresDb(url, { schema, max: 4 });
  await underSchemaLock(url, 'shared', async (c) => {
    await c.query(`create schema ${schema}`);
    await (upTo ? migrateTo(db, upTo) : migrateToLatest(db));
  });
  return {
    ...db,
    location: url,
    schema,
    close: async () => {
      await db.close();
      await underSchemaLock(url, 'exclusive', (c) => c.query(`drop schema ${schema} cascade`));
    },
  };
}

// Runs the remaining migrations of a test database made with `upTo`, as createTestDb runs them.
export async function migrateTestDbToLatest(db: TestDb): Promise<void> {
  if (!db.schema) return void (await migrateToLatest(db));
  await underSchemaLock(db.location, 'shared', () => migrateToLatest(db));
}

// Kysely's migrator looks for its tables across every schema of the database; a schema another test
// file drops in the middle of that scan fails it with "schema … does not exist". Migrations share a
// lock that dropping a schema takes alone.
const SCHEMA_LOCK = 7_346_000;

async function underSchemaLock<T>(
  url: string,
  mode: 'shared' | 'exclusive',
  work: (c: pg.Client) => Promise<T>,
): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(mode === 'shared' ? 'select pg_advisory_lock_shared($1)' : 'select pg_advisory_lock($1)', [
      SCHEMA_LOCK,
    ]);
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A second connection to the test's database, as another app process or the console would open it. */
export function secondConnection(db: TestDb, dialect: Dialect): Db {
  return dialect === 'sqlite'
    ? createSqliteDb(db.location)
    : createPostgresDb(db.location, { schema: db.schema!, max: 1 });
}
