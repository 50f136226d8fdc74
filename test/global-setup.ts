import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { migrateToLatest } from '../server/db/connect.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
  }
}

// Migrates one SQLite template per run (its own file, so concurrent runs cannot clobber each other);
// every test file copies it instead of migrating again.
export default async function setup(project: TestProject): Promise<() => void> {
  const template = path.join(os.tmpdir(), `luoshi-template-${crypto.randomUUID()}.db`);
  const db = createSqliteDb(template);
  await migrateToLatest(db);
  await db.close();
  project.provide('sqliteTemplate', template);
  return () => {
    for (const f of [template, `${template}-wal`, `${template}-shm`]) fs.rmSync(f, { force: true });
  };
}
