// Two writers at once. A transaction of the test makes the first change and holds it open while a
// request makes the second; on PostgreSQL the request runs until it waits on the held row or index
// entry, on SQLite (one connection) it waits for the whole transaction. Either way it must answer with
// the catalogue's code, not a 500, and write no audit event.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../server/db/schema.ts';
import type { TestApp } from './app.ts';
import type { Dialect } from './db.ts';

async function untilBlocked(t: TestApp, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return; // the request queues for the only connection
  for (let i = 0; i < 100; i++) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_locks where not granted`.execute(t.s.db.kysely);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `first` in a transaction held open until `second` (started meanwhile) is waiting on it. */
export async function race<T>(
  t: TestApp,
  dialect: Dialect,
  first: (trx: Transaction<Database>) => Promise<unknown>,
  second: () => Promise<T>,
): Promise<T> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const holder = t.s.db.kysely.transaction().execute(async (trx) => {
    await first(trx);
    held();
    await gate;
  });
  await holding;
  const result = second();
  await untilBlocked(t, dialect);
  release();
  await holder;
  return result;
}
