import fs from 'node:fs';
import path from 'node:path';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { migrateToLatest } from '../server/db/connect.ts';

// Migrates one SQLite template per run; every test file copies it instead of migrating again.
export const TEMPLATE = path.resolve('.tmp/test-template.db');

export default async function setup(): Promise<void> {
  fs.mkdirSync(path.dirname(TEMPLATE), { recursive: true });
  for (const f of [TEMPLATE, `${TEMPLATE}-wal`, `${TEMPLATE}-shm`]) fs.rmSync(f, { force: true });
  const db = createSqliteDb(TEMPLATE);
  await migrateToLatest(db);
  await db.close();
}
