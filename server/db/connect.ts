import { Migrator, type MigrationResultSet } from 'kysely';
import { createPostgresDb } from './dialect/postgres.ts';
import { createSqliteDb } from './dialect/sqlite.ts';
import type { Db } from './dialect/dialect.ts';
import { migrations } from './migrations/index.ts';

export type { Db } from './dialect/dialect.ts';

function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function connect(url: string): Db {
  return isPostgresUrl(url) ? createPostgresDb(url) : createSqliteDb(url);
}

function migratorFor(db: Db, migrationTableSchema: string | undefined): Migrator {
  return new Migrator({
    db: db.kysely,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
}

function resultOf(result: MigrationResultSet): MigrationResultSet {
  if (result.error)
    throw result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
  return result;
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // Without the schema, Kysely would take another schema's migration tables (tests run one schema per
  // file on a shared database) for its own and fail on a missing kysely_migration_lock.
  const migrator = migratorFor(db, await db.dialect.currentSchema(db.kysely));
  return resultOf(await migrator.migrateToLatest());
}

/** Runs the migrations up to and including `name` (tests of a migration start from the one before). */
export async function migrateTo(db: Db, name: string): Promise<MigrationResultSet> {
  const migrator = migratorFor(db, await db.dialect.currentSchema(db.kysely));
  return resultOf(await migrator.migrateTo(name));
}
