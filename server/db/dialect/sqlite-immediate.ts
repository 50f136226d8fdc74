import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from 'kysely';
import type { SqliteDialectConfig } from 'kysely';

// Kysely begins SQLite transactions with a plain (deferred) BEGIN: the transaction reads under a snapshot
// and asks for the write lock only at its first write. If another process (the console, while the server
// runs) committed in between, SQLite cannot upgrade the stale snapshot and fails at once with SQLITE_BUSY;
// the busy timeout does not apply. BEGIN IMMEDIATE takes the write lock first, waiting up to the busy
// timeout for it, so a write transaction either waits its turn or starts on the latest data.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
