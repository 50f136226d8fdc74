import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { openSqlite } from '../server/db/dialect/sqlite.ts';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { runCli } from '../server/main.ts';
import { largePlan } from '../server/modules/plans/import/parser/testing/generate.ts';
import { resolveSecretKey } from '../server/runtime.ts';
import { testConfig } from './app.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-'));
const dbFile = path.join(dir, 'luoshi.db');
const env = {
  ...process.env,
  DATABASE_URL: dbFile,
  DATA_DIR: path.join(dir, 'data'),
  NODE_ENV: 'test',
  PASSWORD_ITERATIONS: '1000',
  LOG_LEVEL: 'silent',
};

/** A stream that keeps what is written to it. */
class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Runs a console command in this process (a new process per command made this file take minutes). */
async function luoshi(args: string[], input = ''): Promise<Run> {
  const stdout = new Collected();
  const stderr = new Collected();
  const code = await runCli(args, { stdin: Readable.from([Buffer.from(input)]), stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * Runs the real program (bin/luoshi.mjs) in a child process. After the first chunk of output the reader
 * stops for `pauseMs`, so the pipe fills up: a program that ended with output still queued would lose
 * it (before the fix: 64 KiB to 220 KB of an 840 KB outline, every time).
 */
async function spawnLuoshi(args: string[], pauseMs = 0): Promise<Run> {
  const child = spawn(process.execPath, ['bin/luoshi.mjs', ...args], { env });
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout.push(d);
    if (stdout.length === 1 && pauseMs > 0) {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), pauseMs);
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end();
  const [exited] = await Promise.all([once(child, 'exit'), once(child.stdout, 'end')]);
  const code = exited[0] as number | null;
  return { code, stdout: Buffer.concat(stdout).toString('utf8'), stderr };
}

// An app in the test process sharing the console's data folder, so both seal the audit chain with the
// same key (data/secret.key) and the checkpoints land in one file.
function cliConfig() {
  return testConfig({ DATA_DIR: env.DATA_DIR });
}

async function login(username: string, password: string) {
  const db = createSqliteDb(dbFile);
  const { app } = await buildApp({
    config: cliConfig(),
    db,
    secretKey: resolveSecretKey(cliConfig()),
    logger: false,
  });
  try {
    return await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  } finally {
    await app.close();
    await db.close();
  }
}

const PASSWORD = 'Vt8#kLm2!qRx5z';

describe('command line', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    const res = await luoshi(['migrate']);
    expect(res.code, res.stderr).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates: every table exists afterwards', () => {
    const conn = openSqlite(dbFile);
    const tables = conn
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all() as string[];
    conn.close();
    for (const t of ['regions', 'units', 'users', 'audit_log', 'sessions']) expect(tables).toContain(t);
  });

  it('creates a user with the password from standard input, who can then sign in', async () => {
    const res = await luoshi(
      ['user', 'create', '--username', 'ops_admin', '--role', 'sysadmin'],
      `${PASSWORD}\n`,
    );
    expect(res.code, res.stderr).toBe(0);
    const signedIn = await login('ops_admin', PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ totpEnrolmentRequired: true });
    expect((await login('ops_admin', 'Wrong#pass123')).statusCode).toBe(401);
  });

  it('refuses a password that breaks the policy, and an unknown role with usage text', async () => {
    const weak = await luoshi(['user', 'create', '--username', 'weak_user', '--role', 'staff'], 'short\n');
    expect(weak.code).not.toBe(0);
    const badRole = await luoshi(
      ['user', 'create', '--username', 'x_user', '--role', 'emperor'],
      `${PASSWORD}\n`,
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('emperor');
    expect(badRole.stderr).toMatch(/usage/i);
    const conn = openSqlite(dbFile);
    const made = conn.prepare("select username from users where username in ('weak_user', 'x_user')").all();
    conn.close();
    expect(made).toEqual([]);
  });

  it('answers bad arguments with usage text and a non-zero exit', async () => {
    for (const args of [
      ['frobnicate'],
      ['user'],
      ['user', 'create', '--username', 'u1'],
      ['user', 'create', '--bogus', 'x'],
      [],
    ]) {
      const res = await luoshi(args);
      expect(res.code, args.join(' ')).not.toBe(0);
      expect(`${res.stdout}${res.stderr}`, args.join(' ')).toMatch(/usage/i);
    }
  });

  it('unlocks a locked-out user', async () => {
    const created = await luoshi(
      ['user', 'create', '--username', 'locked_one', '--role', 'staff'],
      `${PASSWORD}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    const db = createSqliteDb(dbFile);
    const { app } = await buildApp({
      config: cliConfig(),
      db,
      secretKey: resolveSecretKey(cliConfig()),
      logger: false,
    });
    try {
      const config = testConfig();
      let last = 0;
      for (let i = 0; i < config.lockout.threshold; i++) {
        last = (
          await app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'locked_one', password: 'nope' },
          })
        ).statusCode;
      }
      // A locked account answers like a wrong password (no telling names apart), even to the right one.
      expect(last).toBe(401);
      const locked = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'locked_one', password: PASSWORD },
      });
      expect(locked.statusCode).toBe(401);
      const unlock = await luoshi(['user', 'unlock', 'locked_one']);
      expect(unlock.code, unlock.stderr).toBe(0);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'locked_one', password: PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
    } finally {
      await app.close();
      await db.close();
    }
    expect((await luoshi(['user', 'unlock', 'no_such_user'])).code).not.toBe(0);
  });

  it('gives an administrator account a new one-time password on the console', async () => {
    const created = await luoshi(
      ['user', 'create', '--username', 'console_auditor', '--role', 'auditor'],
      `${PASSWORD}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    const reset = await luoshi(['user', 'reset-password', 'console_auditor']);
    expect(reset.code, reset.stderr).toBe(0);
    const initial = /one-time password: (\S+)/.exec(reset.stdout)?.[1];
    expect(initial).toBeDefined();
    expect((await login('console_auditor', PASSWORD)).statusCode).toBe(401);
    const signedIn = await login('console_auditor', initial!);
    expect(signedIn.statusCode).toBe(200);
    expect((await luoshi(['user', 'reset-password'])).code).toBe(2);
  });

  it('re-enables a disabled account and resets a second factor on the console', async () => {
    const created = await luoshi(
      ['user', 'create', '--username', 'console_secadmin', '--role', 'secadmin'],
      `${PASSWORD}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    const conn = openSqlite(dbFile);
    conn
      .prepare(
        "update users set status = 'disabled', totp_enabled = 1, totp_secret = 'v1.x', locked_until = '2999-01-01T00:00:00.000+08:00' where username = 'console_secadmin'",
      )
      .run();
    const enable = await luoshi(['user', 'enable', 'console_secadmin']);
    expect(enable.code, enable.stderr).toBe(0);
    const reset = await luoshi(['user', 'reset-totp', 'console_secadmin']);
    expect(reset.code, reset.stderr).toBe(0);
    const row = conn
      .prepare(
        "select status, locked_until, totp_enabled, totp_secret from users where username = 'console_secadmin'",
      )
      .get();
    conn.close();
    expect(row).toEqual({ status: 'active', locked_until: null, totp_enabled: 0, totp_secret: null });
    const signedIn = await login('console_secadmin', PASSWORD);
    expect(signedIn.json()).toMatchObject({ totpEnrolmentRequired: true });
    expect((await luoshi(['user', 'enable', 'nobody_here'])).code).toBe(1);
    expect((await luoshi(['user', 'reset-totp'])).code).toBe(2);
  });

  it('verifies the audit chain, and names the first broken row after tampering', async () => {
    const intact = await luoshi(['audit', 'verify']);
    expect(intact.code, intact.stderr).toBe(0);
    const conn = openSqlite(dbFile);
    const ids = conn.prepare('select id from audit_log order by id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(2);
    const target = ids[1]!;
    conn.exec('drop trigger audit_log_no_update');
    conn.prepare("update audit_log set outcome = 'denied' where id = ?").run(target);
    conn.close();
    const broken = await luoshi(['audit', 'verify']);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain(`row ${target}`);
  });

  it('prints a large --json outline whole through a pipe (the process waits for its output)', async () => {
    const file = path.join(dir, 'large-plan.txt');
    fs.writeFileSync(file, largePlan(60_000));
    const inProcess = await luoshi(['plan', 'parse', file, '--json']);
    expect(inProcess.code, inProcess.stderr).toBe(0);
    const piped = await spawnLuoshi(['plan', 'parse', file, '--json'], 1_000);
    expect(piped.code, piped.stderr).toBe(0);
    expect(Buffer.byteLength(piped.stdout)).toBeGreaterThan(256 * 1024);
    expect(Buffer.byteLength(piped.stdout)).toBe(Buffer.byteLength(inProcess.stdout));
    const outline = JSON.parse(piped.stdout) as { nodes: unknown[] };
    expect(outline.nodes.length).toBeGreaterThan(50);
  });

  it('creates no account when serving an empty database in production', async () => {
    const prodDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-prod-'));
    const prodDb = path.join(prodDir, 'prod.db');
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/luoshi.mjs', 'serve'], {
      env: {
        ...env,
        NODE_ENV: 'production',
        SECRET_KEY: crypto.randomBytes(32).toString('hex'),
        DATABASE_URL: prodDb,
        DATA_DIR: prodDir,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 45_000);
        child.stdout.on('data', () => {
          if (out.includes('已启动')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', () => reject(new Error(`server exited:\n${out}`)));
      });
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      const conn = openSqlite(prodDb);
      const users = conn.prepare('select count(*) from users').pluck().get();
      conn.close();
      expect(users).toBe(0);
      expect(out).not.toMatch(/demo accounts|演示账户/);
      expect(fs.existsSync(path.join(prodDir, 'demo-accounts.txt'))).toBe(false);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
      fs.rmSync(prodDir, { recursive: true, force: true });
    }
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
