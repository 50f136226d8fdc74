import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { resolveSecretKey } from '../../runtime.ts';
import { Agent, seedDemo, testConfig, type TestApp } from '../../../test/app.ts';
import { ManualClock } from '../../core/clock.ts';
import { migrateToLatest } from '../connect.ts';
import { createSqliteDb } from './sqlite.ts';

// The console (a second process) and the server write to one SQLite file at the same time. Before write
// transactions began with BEGIN IMMEDIATE, a transaction that read first and wrote second failed with
// SQLITE_BUSY whenever the other process had committed in between (the busy timeout cannot help there),
// and the server answered 500.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-busy-'));
const env = {
  ...process.env,
  DATABASE_URL: path.join(dir, 'luoshi.db'),
  DATA_DIR: path.join(dir, 'data'),
  NODE_ENV: 'test',
  PASSWORD_ITERATIONS: '1000',
  LOG_LEVEL: 'silent',
};

function luoshi(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/luoshi.mjs', ...args], { env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end();
  });
}

describe('SQLite: the console writes while the server writes', { timeout: 240_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    const config = testConfig({ DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL });
    const db = createSqliteDb(env.DATABASE_URL);
    await migrateToLatest(db);
    const clock = new ManualClock();
    const secretKey = resolveSecretKey(config);
    const { app, services } = await buildApp({ config, db, clock, secretKey, logger: false });
    await app.ready();
    t = {
      app,
      s: services,
      db: { ...db, location: env.DATABASE_URL },
      clock,
      config,
      secretKey,
      close: async () => {
        await app.close();
        await db.close();
      },
    };
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never answers 500 and never fails with SQLITE_BUSY', async () => {
    const sysadmin: Agent = await (await seedDemo(t)).signIn('sysadmin');
    const statuses = new Map<number, number>();
    let stop = false;
    let n = 0;
    // The server: units created back to back (each a read, an insert and an audit row).
    const serverWrites = async () => {
      while (!stop) {
        const res = await sysadmin.post('/api/units', {
          regionCode: '370000',
          name: `并发单位${n++}`,
          kind: 'office',
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        await new Promise((r) => setImmediate(r));
      }
    };
    const server = Promise.all([serverWrites(), serverWrites()]);
    // The console: `user unlock` (a read, an update and an audit row) again and again, two at a time.
    const runs: { code: number | null; stderr: string }[] = [];
    for (let round = 0; round < 5; round++) {
      runs.push(
        ...(await Promise.all([luoshi(['user', 'unlock', 'staff']), luoshi(['user', 'unlock', 'leader'])])),
      );
    }
    stop = true;
    await server;
    expect(runs.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    expect([...statuses.keys()]).toEqual([201]);
    expect(statuses.get(201)).toBeGreaterThan(20);
    const unlocks = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'user.unlock')
      .execute();
    expect(unlocks).toHaveLength(10);
  });
});
