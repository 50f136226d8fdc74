import type { Kysely, RawBuilder, SelectQueryBuilder, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

// Everything that differs between SQLite and PostgreSQL lives behind this interface; repositories ask the
// dialect instead of branching on the database kind.
export interface DialectHelpers {
  name: 'sqlite' | 'postgres';
  // Serialises writers of the audit hash chain across app nodes (a no-op where writes are already serial).
  lockAuditChain(trx: Transaction<Database>): Promise<void>;
  // The schema the connection works in (PostgreSQL's search_path), so the migrator looks for its own
  // bookkeeping tables there rather than in any schema of the database; undefined where there are none.
  currentSchema(db: Kysely<Database>): Promise<string | undefined>;
  // The values of a text column over a group, comma-separated (group_concat / string_agg).
  commaList(column: string): RawBuilder<string | null>;
  // Case-insensitive substring match.
  ilike(column: string, pattern: string): RawBuilder<boolean>;
  // Rows a subquery picks for claiming (the job runner): PostgreSQL locks them and skips rows another
  // transaction holds (FOR UPDATE SKIP LOCKED); SQLite has no row locks and needs none, since the claiming
  // UPDATE runs under BEGIN IMMEDIATE and writers take turns.
  skipLocked<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  // Runs a bulk job whose loss in a power cut is harmless (the demo seeded into an empty database) without
  // waiting for the disk at every commit, then restores the usual durability and flushes. SQLite: synchronous
  // OFF for the while; PostgreSQL: as is (its pool's connections are not this process's to retune).
  withRelaxedDurability<T>(db: Kysely<Database>, run: () => Promise<T>): Promise<T>;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectHelpers;
  // Marks a statement's SQL text as hot: PostgreSQL then prepares it once per connection (a named
  // statement) instead of parsing it on every call. SQLite already keeps every statement prepared.
  keepPrepared(sqlText: string): void;
  // A number that moves whenever the database may have changed, by this process or any other; null where
  // that cannot be known without a round trip (PostgreSQL), and then nothing is cached across requests.
  // db/read-cache.ts keeps read results only while it stays put.
  writeGeneration(): number | null;
  // A request begins: the next writeGeneration() looks again for other connections' commits (one look
  // serves a request's read caches, and at most one turn of the event loop).
  lookAgain(): void;
  // Wake-up calls between app processes (live updates): see Signals.
  signals: Signals;
  // Makes every commit so far survive a power cut, before something outside the database vouches for it
  // (an audit checkpoint names the chain's head). SQLite commits to its write-ahead log without waiting for
  // the disk (synchronous=NORMAL, docs/decisions/sqlite-synchronous-normal.md): the log is flushed here.
  // PostgreSQL waits for the disk at every commit already.
  durable(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Short wake-up calls to every app process on the database, this one included (PostgreSQL: NOTIFY and
 * LISTEN, so an event caused on one process reaches a browser connected to another; SQLite: one process,
 * in memory). A signal carries no data a reader relies on: the receiver reads the database afresh.
 */
export interface Signals {
  // Sent when `trx` commits, and not at all if it rolls back (PostgreSQL delivers NOTIFY on commit). On
  // SQLite the signal goes out at once; a reader's query waits for the writer's commit on the one connection.
  sendOnCommit(trx: Transaction<Database>, channel: string, payload: string): Promise<void>;
  // Calls `receive` with every payload sent on `channel`; the returned function stops listening.
  listen(channel: string, receive: (payload: string) => void): Promise<() => Promise<void>>;
  // Stops every listener (the database is closing).
  close(): Promise<void>;
}
