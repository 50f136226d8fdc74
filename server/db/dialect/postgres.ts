import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';
import type { Db, DialectHelpers } from './dialect.ts';

// bigint columns (totp_last_step) come back as strings by default; they fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const AUDIT_CHAIN_LOCK = 7_461_001;

const helpers: DialectHelpers = {
  name: 'postgres',
  lockAuditChain: async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  },
  ilike: (column, pattern) => sql<boolean>`${sql.ref(column)} ilike ${pattern}`,
  currentSchema: async (db) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    return rows[0]?.schema;
  },
};

export interface PostgresOptions {
  // Tests give every file its own schema so suites can run side by side on one database.
  schema?: string;
  max?: number;
}

export function createPostgresDb(url: string, options: PostgresOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: helpers, close: () => kysely.destroy() };
}
