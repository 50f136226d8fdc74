import type { Kysely, RawBuilder, Transaction } from 'kysely';
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
  // Case-insensitive substring match.
  ilike(column: string, pattern: string): RawBuilder<boolean>;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectHelpers;
  close(): Promise<void>;
}
