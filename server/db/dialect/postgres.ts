import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';
import type { Db, DialectHelpers } from './dialect.ts';
import { postgresSignals } from './signals.ts';

// bigint columns (totp_last_step) come back as strings by default; they fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const AUDIT_CHAIN_LOCK = 7_461_001;

const helpers: DialectHelpers = {
  name: 'postgres',
  lockAuditChain: async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  },
  ilike: (column, pattern) => sql<boolean>`${sql.ref(column)} ilike ${pattern}`,
  commaList: (column) => sql<string | null>`string_agg(${sql.ref(column)}, ',')`,
  skipLocked: (query) => query.forUpdate().skipLocked(),
  withRelaxedDurability: (_db, run) => run(),
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
  const hot = new Map<string, string>();
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: namingHotStatements(pool, hot) }),
  });
  const signals = postgresSignals(url, options.schema);
  return {
    kysely,
    dialect: helpers,
    keepPrepared: (text) => {
      if (!hot.has(text)) hot.set(text, `luoshi_${hot.size + 1}`);
    },
    // Knowing whether another app node wrote would itself take a round trip: PostgreSQL reads afresh.
    writeGeneration: () => null,
    lookAgain: () => {},
    durable: () => Promise.resolve(),
    signals,
    close: async () => {
      await signals.close();
      await kysely.destroy();
    },
  };
}

// Sends the hot statements as named ones, which node-postgres prepares once per connection. A schema
// change made by another process (a migration during a rolling deploy) can invalidate a prepared plan
// ("cached plan must not change result type", SQLSTATE 0A000): that connection then stops naming and
// the query is run again unnamed.
function namingHotStatements(pool: pg.Pool, hot: ReadonlyMap<string, string>): PostgresPool {
  const unnamed = new WeakSet<pg.PoolClient>();
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      const query = async (text: string, values: unknown[]) => {
        const name = unnamed.has(client) ? undefined : hot.get(text);
        if (!name) return client.query(text, values);
        try {
          return await client.query({ name, text, values });
        } catch (error) {
          if ((error as { code?: unknown }).code !== '0A000') throw error;
          unnamed.add(client);
          return client.query(text, values);
        }
      };
      return {
        // The dialect has no cursor configured, so Kysely only ever sends text and values.
        query: ((text: string, values: readonly unknown[]) =>
          query(text, [...values])) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
  };
}
