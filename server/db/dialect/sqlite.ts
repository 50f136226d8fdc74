import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type SqliteDatabase } from 'kysely';
import type { Database } from '../schema.ts';
import type { Db, DialectHelpers } from './dialect.ts';
import { ImmediateSqliteDialect } from './sqlite-immediate.ts';
import { inProcessSignals } from './signals.ts';
import { objectRows, type RowStatement } from './sqlite-rows.ts';

const SQLITE_PRAGMAS = {
  journal_mode: 'wal',
  // NORMAL: a commit is written to the write-ahead log without waiting for the disk (waiting took 4 ms a
  // commit here, with the server's one thread stopped). A crash of the process loses nothing; a power cut
  // may lose the last commits, whole transactions with their audit rows, never half of one; the log is
  // flushed at every WAL checkpoint and before an audit checkpoint vouches for the chain's head
  // (Db.durable). docs/decisions/sqlite-synchronous-normal.md.
  synchronous: 1,
  foreign_keys: 1,
  // A writer waits this long for another process's write transaction (BEGIN IMMEDIATE) before giving up.
  // The longest write is saving a plan at the 2,000-item cap: a 1,000-item draft took 7.3 s on a loaded
  // 2-core machine, so the cap is about 15 s there; 30 s covers it with room (docs/decisions).
  busy_timeout: 30_000,
} as const;

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') createOwnerOnly(file);
  const conn = new SQLite(file);
  conn.pragma(`journal_mode = ${SQLITE_PRAGMAS.journal_mode}`);
  conn.pragma(`synchronous = ${SQLITE_PRAGMAS.synchronous}`);
  conn.pragma(`foreign_keys = ${SQLITE_PRAGMAS.foreign_keys}`);
  conn.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`);
  return conn;
}

// The database holds password hashes and the audit log: a folder it creates is the owner's alone (0700)
// and so is a new database file (0600). SQLite gives the -wal and -shm files the database file's mode.
function createOwnerOnly(file: string) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
}

const helpers: DialectHelpers = {
  name: 'sqlite',
  // better-sqlite3 runs one transaction at a time on its single connection, and other processes wait on
  // the database write lock, so the chain cannot fork.
  lockAuditChain: async () => {},
  ilike: (column, pattern) => sql<boolean>`${sql.ref(column)} like ${pattern}`,
  commaList: (column) => sql<string | null>`group_concat(${sql.ref(column)}, ',')`,
  skipLocked: (query) => query,
  currentSchema: () => Promise.resolve(undefined),
  withRelaxedDurability: async (db, run) => {
    await sql.raw('pragma synchronous = OFF').execute(db);
    try {
      return await run();
    } finally {
      await sql.raw(`pragma synchronous = ${SQLITE_PRAGMAS.synchronous}`).execute(db);
      await sql.raw('pragma wal_checkpoint(FULL)').execute(db);
    }
  },
};

// Kysely prepares every statement anew; preparing costs more than running a small query. Statements are
// kept by their SQL text (Kysely's text is stable: values travel as parameters), the least recently
// used dropped past the limit. A statement still being iterated (a streamed query) is busy and cannot be
// run again, so it gets a fresh one.
const STATEMENT_CACHE_SIZE = 500;

// `onWrite` is told before any statement that may change the database runs (sqlite3_stmt_readonly:
// INSERT, UPDATE, DELETE, also with RETURNING; DDL), so the write generation moves before the change.
export function cachingStatements(conn: SQLite.Database, onWrite: () => void = () => {}): SqliteDatabase {
  const cache = new Map<string, RowStatement>();
  // Moves when this process changes the schema, so that statements read their result columns again.
  let schemaEpoch = 0;
  const epoch = () => schemaEpoch;
  const prepare = (text: string) => {
    const cached = cache.get(text);
    if (cached && !cached.busy) {
      cache.delete(text);
      cache.set(text, cached);
      return cached;
    }
    const stmt = objectRows(conn.prepare(text), epoch);
    if (!cached) {
      cache.set(text, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return stmt;
  };
  return {
    close: () => conn.close(),
    prepare(text: string) {
      const stmt = prepare(text);
      if (!stmt.readonly) {
        onWrite();
        if (SCHEMA_CHANGE.test(text)) schemaEpoch++;
      }
      return stmt;
    },
  };
}

const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

/**
 * A number that moves whenever the database may have changed: on every statement of this process that
 * may write (counted before it runs) and whenever another connection — another process, the console —
 * has committed (`PRAGMA data_version`, which changes only for other connections' commits). Read caches
 * (db/read-cache.ts) keep a value only while the number stays where it was when they read it.
 *
 * Reading data_version cost 10–20 µs a look in the server (a statement with its read lock), and a request
 * looked once per read cache it used: a cached list's session and its page were 2 looks, some 6 % of its
 * CPU time. One look now serves until the next request begins (`lookAgain`, from the request hook) or the
 * event loop turns, whichever comes first. A request still sees every commit that ended before it began;
 * only code outside requests (a timer) may go one turn of the event loop without seeing another process's
 * commit. This process's own writes move the number at once, as before.
 */
function writeGeneration(conn: SQLite.Database) {
  const dataVersion = conn.prepare('pragma data_version').pluck();
  let generation = 0;
  let seen = dataVersion.get() as number;
  let looked = false;
  const lookAgain = () => {
    looked = false;
  };
  return {
    wrote: () => {
      generation++;
    },
    lookAgain,
    current: () => {
      if (!looked) {
        looked = true;
        setImmediate(lookAgain);
        const version = dataVersion.get() as number;
        if (version !== seen) {
          seen = version;
          generation++;
        }
      }
      return generation;
    },
  };
}

/**
 * Flushes the write-ahead log to the disk: every commit in it then survives a power cut (fsync of the file
 * flushes what any connection wrote to it). No log file: nothing committed since the last checkpoint,
 * which flushed the database file.
 */
function flushLog(file: string) {
  if (file === ':memory:') return;
  let fd: number;
  try {
    fd = fs.openSync(`${file}-wal`, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function createSqliteDb(file: string): Db {
  const conn = openSqlite(file);
  const generation = writeGeneration(conn);
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(conn, generation.wrote) }),
  });
  const signals = inProcessSignals();
  return {
    kysely,
    dialect: helpers,
    keepPrepared: () => {},
    writeGeneration: generation.current,
    lookAgain: generation.lookAgain,
    durable: () => Promise.resolve(flushLog(file)),
    signals,
    close: async () => {
      await signals.close();
      await kysely.destroy();
    },
  };
}
