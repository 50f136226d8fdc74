import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/dialect/sqlite.ts';
import { runCli } from '../../main.ts';

// The console's `jobs list`, and the runner inside `serve`: started with the server, stopped with it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-jobs-cli-'));
const dbFile = path.join(dir, 'luoshi.db');
const env = {
  ...process.env,
  DATABASE_URL: dbFile,
  DATA_DIR: path.join(dir, 'data'),
  NODE_ENV: 'test',
  PASSWORD_ITERATIONS: '1000',
  LOG_LEVEL: 'silent',
};

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

async function luoshi(args: string[]) {
  const stdout = new Collected();
  const stderr = new Collected();
  const code = await runCli(args, { stdin: Readable.from([]), stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function insertJob(row: Record<string, string | number | null>) {
  const conn = openSqlite(dbFile);
  const columns = Object.keys(row);
  conn
    .prepare(`insert into jobs (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`)
    .run(...Object.values(row));
  conn.close();
}

function jobRows(): { kind: string; key: string | null; status: string }[] {
  const conn = openSqlite(dbFile);
  const rows = conn.prepare('select kind, key, status from jobs order by id').all();
  conn.close();
  return rows as { kind: string; key: string | null; status: string }[];
}

describe('jobs on the command line', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    const res = await luoshi(['migrate']);
    expect(res.code, res.stderr).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists jobs with kind, status, attempts and the last error', async () => {
    expect((await luoshi(['jobs', 'list'])).stdout).toContain('no jobs');
    insertJob({
      kind: 'health.daily',
      key: 'health.daily:2026-12-01',
      payload: '{}',
      run_at: '2026-12-01T01:00:00.000+08:00',
      status: 'dead',
      attempts: 5,
      max_attempts: 5,
      last_error: '数据库连接中断\nat line 2',
      last_error_at: '2026-12-01T02:15:00.000+08:00',
      created_at: '2026-11-30T01:00:00.000+08:00',
    });
    insertJob({
      kind: 'inbox.remind',
      payload: '{}',
      run_at: '2026-12-02T09:00:00.000+08:00',
      max_attempts: 5,
      created_at: '2026-12-01T09:00:00.000+08:00',
    });
    const all = await luoshi(['jobs', 'list']);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+kind\s+status\s+attempts\s+run at\s+last error$/);
    expect(lines[1]).toMatch(/^2\s+inbox\.remind\s+pending\s+0\/5\s+2026-12-02T09:00:00\.000\+08:00$/);
    expect(lines[2]).toMatch(
      /^1\s+health\.daily \(health\.daily:2026-12-01\)\s+dead\s+5\/5\s+.*2026-12-01T02:15:00\.000\+08:00 数据库连接中断 at line 2$/,
    );
    const dead = await luoshi(['jobs', 'list', '--status', 'dead']);
    expect(dead.stdout.trim().split('\n')).toHaveLength(2);
    const bad = await luoshi(['jobs', 'list', '--status', 'broken']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status takes one of pending, running, done, failed, dead');
  });

  it('serve runs due jobs and the schedules, and stops its runner on SIGTERM', async () => {
    insertJob({
      kind: 'jobs.prune',
      key: 'jobs.prune:manual',
      payload: '{}',
      run_at: '2026-01-01T00:00:00.000+08:00',
      max_attempts: 5,
      created_at: '2026-01-01T00:00:00.000+08:00',
    });
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/luoshi.mjs', 'serve'], {
      env: {
        ...env,
        NODE_ENV: 'production',
        SECRET_KEY: crypto.randomBytes(32).toString('hex'),
        PORT: String(port),
        HOST: '127.0.0.1',
        JOB_POLL_SECONDS: '1',
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let rows = jobRows();
      for (let i = 0; i < 300 && rows.find((r) => r.key === 'jobs.prune:manual')?.status !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        rows = jobRows();
      }
      expect(rows.find((r) => r.key === 'jobs.prune:manual')?.status, out).toBe('done');
      // The daily schedule put its latest and next occurrence in the queue.
      expect(rows.filter((r) => r.kind === 'jobs.prune' && r.key !== 'jobs.prune:manual')).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, out).toBe(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
