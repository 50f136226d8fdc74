import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

// Everything that differs between SQLite and PostgreSQL lives behind this interface; repositories ask the
// dialect instead of branching on the database kind.
export interface DialectHelpers {
  name: 'sqlite' | 'postgres';
  // Serialises writers of the audit hash chain across app nodes (a no-op where writes are already serial).
  lockAuditChain(trx: Transaction<Database>): Promise<void>;
  // Case-insensitive substring match.
  ilike(column: string, pattern: string): RawBuilder<boolean>;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectHelpers;
  close(): Promise<void>;
}
