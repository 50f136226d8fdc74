import { Migrator, type MigrationResultSet } from 'kysely';
import { createPostgresDb } from './dialect/postgres.ts';
import { createSqliteDb } from './dialect/sqlite.ts';
import type { Db } from './dialect/dialect.ts';
import { migrations } from './migrations/index.ts';

export type { Db } from './dialect/dialect.ts';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function connect(url: string): Db {
  return isPostgresUrl(url) ? createPostgresDb(url) : createSqliteDb(url);
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error)
    throw result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
  return result;
}
