// The compiled server (scripts/build-server.mjs → dist-server/main.js) is what `npm start` runs: it must
// start from the bundle alone and find the files it reads beside its modules (the demo plan document, the
// list of common passwords).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildServer } from '../scripts/build-server.mjs';

// Inside the repository (.tmp/ is ignored), so the bundle resolves its packages from node_modules.
const tmpRoot = path.resolve(import.meta.dirname, '..', '.tmp');
fs.mkdirSync(tmpRoot, { recursive: true });
const dir = fs.mkdtempSync(path.join(tmpRoot, 'build-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('compiled server', () => {
  it('starts from dist-server/main.js, serves the API, seeds the demo plans and tasks and has its workers', async () => {
    const out = path.join(dir, 'dist-server');
    await (buildServer as (outDir: string) => Promise<void>)(out);
    const port = 31_000 + (process.pid % 1000);
    const child = spawn(process.execPath, [path.join(out, 'main.js'), 'serve'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: path.join(dir, 'luoshi.db'),
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('已启动')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`compiled server exited (${code})`)));
      });
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
      const { default: SQLite } = await import('better-sqlite3');
      const db = new SQLite(path.join(dir, 'luoshi.db'), { readonly: true });
      // The three 2022 example plans and the current year's demo copy, decomposed into the demo's tasks.
      expect(db.prepare('select count(*) as n from plans').get()).toEqual({ n: 4 });
      expect((db.prepare('select count(*) as n from tasks').get() as { n: number }).n).toBeGreaterThan(20);
      db.close();
    } finally {
      child.kill('SIGTERM');
    }
    // The password policy reads its list of common passwords from beside the bundle: the compiled console
    // refuses a listed one (with digits and symbols added) and accepts a strong one.
    const createUser = (username: string, password: string) =>
      spawnSync(
        process.execPath,
        [path.join(out, 'main.js'), 'user', 'create', '--username', username, '--role', 'staff'],
        {
          input: `${password}\n`,
          encoding: 'utf8',
          env: {
            ...process.env,
            NODE_ENV: 'development',
            DATABASE_URL: path.join(dir, 'luoshi.db'),
            DATA_DIR: dir,
          },
        },
      );
    const common = createUser('zhangwei', 'Password2026!');
    expect(common.status, common.stdout).not.toBe(0);
    expect(common.stderr).toContain('不能是常见密码');
    const strong = createUser('lina', 'Tongzhan#Luoshi-7319');
    expect(strong.status, strong.stderr).toBe(0);
    // The plan import pool starts its worker from beside the bundle: it must be there and load.
    const worker = new Worker(path.join(out, 'import.worker.js'));
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('online', () => setTimeout(resolve, 300));
    });
    await worker.terminate();
  }, 120_000); // a build, a server start and two console runs; minutes on a loaded two-core machine
});
