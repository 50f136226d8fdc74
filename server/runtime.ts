import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Config } from './config.ts';
import { connect, migrateToLatest, type Db } from './db/connect.ts';

// Start-up shared by the server and the CLI: open and migrate the database, find the secret key.
export async function openDatabase(config: Config): Promise<Db> {
  const db = connect(config.databaseUrl);
  await migrateToLatest(db);
  return db;
}

// Production must supply SECRET_KEY. Elsewhere a key is generated once into the data directory (mode
// 0600, in a folder of mode 0700 when it creates it), so TOTP seeds survive restarts without any set-up.
export function resolveSecretKey(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

// How far V8 lets the heap grow past what survived its last full collection before collecting again. Its
// default grows it up to four times under a steady stream of requests, so a server holding some 50 MB of
// live objects reached 350 MB of memory under bench:tasks; at 1.5 times it stayed near 210 MB
// (docs/decisions/server-heap.md). Read by V8 at every collection, so setting it once started works.
const HEAP_GROWING_PERCENT = 50;

/** The serving process's heap setting (serve, and the bench server that stands for it). */
export function tuneHeapForServing(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
