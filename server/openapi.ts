import crypto from 'node:crypto';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { migrateToLatest } from './db/connect.ts';
import { createSqliteDb } from './db/dialect/sqlite.ts';

export const OPENAPI_FILE = 'docs/api/openapi.json';

// The OpenAPI document as the running server would serve it, built on a throw-away in-memory database.
export async function renderOpenApi(): Promise<string> {
  const db = createSqliteDb(':memory:');
  await migrateToLatest(db);
  const { app } = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    db,
    secretKey: crypto.randomBytes(32),
    logger: false,
    auditCheckpoints: false,
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await db.close();
  return `${JSON.stringify(doc, null, 2)}\n`;
}
