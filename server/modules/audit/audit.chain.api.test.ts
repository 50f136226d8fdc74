import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { runCli } from '../../main.ts';
import { startAuditCheckpoints } from '../../core/audit/audit.checkpointer.ts';
import { chainHash, GENESIS_HASH } from '../../core/audit/audit.chain.ts';
import { checkpointFile, type Checkpoint } from '../../core/audit/audit.checkpoints.ts';
import { Agent, createTestApp, seedDemo, testConfig, type TestApp } from '../../../test/app.ts';
import { DIALECTS, type Dialect } from '../../../test/db.ts';
import type { AuditRow } from '../../db/schema.ts';

interface Verdict {
  ok: boolean;
  checked: number;
  brokenAt: { id: number; reason: string } | null;
  checkpoint: { id: number; at: string } | null;
}

// Someone with write access to the database file (but not the secret key) edits the audit table.
async function allowTampering(t: TestApp, dialect: Dialect) {
  if (dialect === 'sqlite') {
    await sql`drop trigger audit_log_no_update`.execute(t.db.kysely);
    await sql`drop trigger audit_log_no_delete`.execute(t.db.kysely);
  } else {
    await sql`drop trigger audit_log_no_update on audit_log`.execute(t.db.kysely);
  }
}

function rows(t: TestApp): Promise<AuditRow[]> {
  return t.db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

// Rewrites rows from `fromId` on the only way possible without the key: plain SM3, as the chain used to be.
async function rechainWithPlainSm3(t: TestApp, fromId: number, keepKeyId: boolean) {
  const all = await rows(t);
  let prev = all.find((r) => r.id === fromId - 1)?.hash ?? GENESIS_HASH;
  for (const row of all.filter((r) => r.id >= fromId)) {
    const edited = { ...row, prev_hash: prev, key_id: keepKeyId ? row.key_id : null };
    if (row.id === fromId) edited.actor_name = 'someone_else';
    edited.hash = chainHash(prev, edited);
    await t.db.kysely
      .updateTable('audit_log')
      .set({
        actor_name: edited.actor_name,
        prev_hash: edited.prev_hash,
        key_id: edited.key_id,
        hash: edited.hash,
      })
      .where('id', '=', row.id)
      .execute();
    prev = edited.hash;
  }
}

function readCheckpointLines(t: TestApp): Checkpoint[] {
  const file = checkpointFile(t.config.dataDir);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Checkpoint);
}

describe.each(DIALECTS)('keyed audit chain and checkpoints (%s)', (dialect) => {
  let t: TestApp;
  let auditor: Agent;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    auditor = await world.signIn('auditor');
    await (await world.signIn('staff')).get('/api/users'); // a denial, one more event
  });
  afterEach(() => t.close());

  async function verify(agent = auditor): Promise<Verdict> {
    const res = await agent.post('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    return res.json<Verdict>();
  }

  // The app closes (taking its shutdown checkpoint) and a new one starts on the same database, data
  // folder and key; the auditor's session carries over.
  async function restart(tamper: () => Promise<void>): Promise<Agent> {
    await t.app.close();
    await tamper();
    const { app } = await buildApp({
      config: t.config,
      db: t.db,
      clock: t.clock,
      secretKey: t.secretKey,
      logger: false,
    });
    await app.ready();
    t.app = app;
    const again = new Agent(app);
    again.cookie = auditor.cookie;
    again.csrf = auditor.csrf;
    return again;
  }

  it('verifies an untouched chain against the latest checkpoint', async () => {
    const agent = await restart(async () => {});
    const verdict = await verify(agent);
    const head = (await rows(t)).at(-2)!; // the last row is the audit.verify just recorded
    expect(verdict).toMatchObject({ ok: true, brokenAt: null, checkpoint: { id: head.id } });
  });

  it('detects a row changed and the rest of the chain recomputed with plain SM3', async () => {
    await allowTampering(t, dialect);
    const target = (await rows(t))[5]!;
    await rechainWithPlainSm3(t, target.id, false);
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.brokenAt).toEqual({
      id: target.id,
      reason: expect.stringContaining('疑似改写') as string,
    });
    expect(verdict.checked).toBe(target.id - 1);
  });

  it('detects the whole chain rewritten with plain SM3 (the checkpoint says no plain rows exist)', async () => {
    await allowTampering(t, dialect);
    await rechainWithPlainSm3(t, 1, false);
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.brokenAt).toEqual({
      id: 1,
      reason: expect.stringContaining('旧格式只到第 0 行') as string,
    });
  });

  it('detects plain SM3 hashes under the original key ids', async () => {
    await allowTampering(t, dialect);
    const target = (await rows(t))[3]!;
    await rechainWithPlainSm3(t, target.id, true);
    const verdict = await verify();
    expect(verdict.brokenAt).toEqual({ id: target.id, reason: '记录内容与哈希不符（已被篡改）' });
  });

  it('names the rows missing when the tail is deleted after a checkpoint', async () => {
    const agent = await restart(async () => {
      const head = readCheckpointLines(t).at(-1)!;
      await allowTampering(t, dialect);
      await t.db.kysely
        .deleteFrom('audit_log')
        .where('id', '>', head.id - 3)
        .execute();
    });
    const head = readCheckpointLines(t).at(-1)!;
    const verdict = await verify(agent);
    expect(verdict).toMatchObject({
      ok: false,
      brokenAt: {
        id: head.id - 2,
        reason: `检查点记录到第 ${head.id} 行，数据库只到第 ${head.id - 3} 行：末尾 3 行缺失`,
      },
      checkpoint: { id: head.id },
    });
    if (dialect === 'sqlite') {
      // The console says the same: `npx luoshi audit verify` with the server's data folder and key.
      fs.writeFileSync(path.join(t.config.dataDir, 'secret.key'), t.secretKey.toString('hex'));
      const stderr = new PassThrough();
      let text = '';
      stderr.on('data', (d: Buffer) => (text += d.toString()));
      const code = await runCli(['audit', 'verify'], {
        stdin: Readable.from([]),
        stdout: new PassThrough().resume(),
        stderr,
        env: {
          NODE_ENV: 'test',
          DATABASE_URL: t.db.location,
          DATA_DIR: t.config.dataDir,
          LOG_LEVEL: 'silent',
        },
      });
      expect(code).toBe(1);
      // The API's verification was recorded meanwhile (one row more).
      expect(text).toContain(`检查点记录到第 ${head.id} 行，数据库只到第 ${head.id - 2} 行：末尾 2 行缺失`);
    }
  });

  it('detects every row deleted, and never records a checkpoint of the cut-off chain', async () => {
    const agent = await restart(async () => {
      await allowTampering(t, dialect);
      await t.db.kysely.deleteFrom('audit_log').execute();
    });
    const lines = readCheckpointLines(t);
    const head = lines.at(-1)!;
    expect(head.id).toBeGreaterThan(10);
    const verdict = await verify(agent);
    expect(verdict.brokenAt).toEqual({
      id: 1,
      reason: `检查点记录到第 ${head.id} 行，数据库只到第 0 行：末尾 ${head.id} 行缺失`,
    });
    // Closing again (another checkpoint attempt) still leaves the last good checkpoint last.
    await t.app.close();
    expect(readCheckpointLines(t).at(-1)).toEqual(head);
    const { app } = await buildApp({
      config: t.config,
      db: t.db,
      clock: t.clock,
      secretKey: t.secretKey,
      logger: false,
    });
    t.app = app;
  });

  it('refuses a forged checkpoint line appended to the file', async () => {
    const file = checkpointFile(t.config.dataDir);
    const last = readCheckpointLines(t).at(-1)!;
    fs.appendFileSync(file, `${JSON.stringify({ ...last, id: 1, sig: '0'.repeat(64) })}\n`);
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.brokenAt?.reason).toContain('签名无效');
  });
});

describe.each(DIALECTS)('audit keys rotate; rows from before keyed chaining (%s)', (dialect) => {
  let t: TestApp;
  afterEach(() => t.close());

  it('verifies rows sealed by a retired key only while that key is kept', async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    await world.signIn('auditor');
    const oldKey = t.secretKey;
    const oldKeyId = t.s.auditKeys.current.id;
    await t.app.close();
    const rotated = async (retired: string | null) => {
      const config = testConfig({
        DATA_DIR: t.config.dataDir,
        ...(retired ? { SECRET_KEYS_RETIRED: retired } : {}),
      });
      const { app, services } = await buildApp({
        config,
        db: t.db,
        clock: t.clock,
        secretKey: Buffer.alloc(32, 7),
        logger: false,
      });
      await app.ready();
      t.app = app;
      return services;
    };
    let s = await rotated(oldKey.toString('hex'));
    await s.audit.recordAlone({ actor: null, ip: 'test', requestId: 'test' }, { action: 'demo.seed' });
    const { verifyAuditChain } = await import('../../core/audit/audit.verify.ts');
    const file = checkpointFile(t.config.dataDir);
    const ok = await verifyAuditChain(t.db.kysely, s.auditKeys, file);
    expect(ok).toMatchObject({ ok: true, brokenAt: null });
    const keyIds = new Set((await rows(t)).map((r) => r.key_id));
    expect(keyIds).toEqual(new Set([oldKeyId, s.auditKeys.current.id]));

    await t.app.close();
    s = await rotated(null);
    const without = await verifyAuditChain(t.db.kysely, s.auditKeys, file);
    expect(without.ok).toBe(false);
    expect(without.brokenAt).toEqual({ id: 1, reason: expect.stringContaining(oldKeyId) as string });
  });

  it('verifies plain SM3 rows written before keyed chaining, up to the cut-over the first checkpoint records', async () => {
    t = await createTestApp(dialect);
    await t.app.close();
    fs.rmSync(checkpointFile(t.config.dataDir), { force: true });
    // Three rows as the earlier version wrote them: plain SM3, no key id.
    let prev = GENESIS_HASH;
    for (let id = 1; id <= 3; id++) {
      const row = {
        id,
        at: '2026-11-30T10:00:00.000+08:00',
        actor_id: null,
        actor_name: 'sysadmin',
        action: 'unit.create',
        object_type: 'unit',
        object_id: String(id),
        outcome: 'success' as const,
        ip: '127.0.0.1',
        request_id: `r${id}`,
        detail: null,
        prev_hash: prev,
        key_id: null,
      };
      const hash = chainHash(prev, row);
      await t.db.kysely
        .insertInto('audit_log')
        .values({ ...row, hash })
        .execute();
      prev = hash;
    }
    const { app, services } = await buildApp({
      config: t.config,
      db: t.db,
      clock: t.clock,
      secretKey: t.secretKey,
      logger: false,
    });
    await app.ready();
    t.app = app;
    const world = await seedDemo(t);
    const auditor = await world.signIn('auditor');
    expect(readCheckpointLines(t)[0]).toMatchObject({ id: 3, legacyUntil: 3 });
    const verdict = (await auditor.post('/api/audit/verify')).json<Verdict>();
    expect(verdict).toMatchObject({ ok: true, brokenAt: null });
    expect(verdict.checked).toBeGreaterThan(3);
    expect(services.auditKeys.current.id).toMatch(/^k[0-9a-f]{16}$/);
  });
});

describe.each(DIALECTS)('checkpoint timer (%s)', (dialect) => {
  let t: TestApp;
  afterEach(() => t.close());

  it('records the head every interval, to the file and the log, and once more when stopped', async () => {
    // The app's own checkpointer keeps the default interval; this one ticks every second.
    t = await createTestApp(dialect);
    const logged: object[] = [];
    const log = { info: (obj: object) => logged.push(obj), error: (obj: object) => logged.push(obj) };
    const timer = startAuditCheckpoints({ ...t.s, config: { ...t.config, auditCheckpointSeconds: 1 } }, log);
    await seedDemo(t);
    await new Promise((r) => setTimeout(r, 1300));
    const head = (await rows(t)).at(-1)!;
    expect(readCheckpointLines(t).at(-1)).toMatchObject({ id: head.id, hash: head.hash });
    expect(logged).toContainEqual(
      expect.objectContaining({
        auditCheckpoint: expect.objectContaining({ id: head.id }) as unknown,
      }),
    );
    await t.s.audit.recordAlone({ actor: null, ip: 'test', requestId: 'test' }, { action: 'demo.seed' });
    await timer.stop();
    const count = readCheckpointLines(t).length;
    expect(readCheckpointLines(t).at(-1)).toMatchObject({ id: head.id + 1 });
    await new Promise((r) => setTimeout(r, 1300));
    expect(readCheckpointLines(t)).toHaveLength(count); // stopped: no more ticks
  });

  // SQLite commits without waiting for the disk (synchronous=NORMAL): a line naming rows a power cut then
  // took would read as a deleted tail, so the head is made durable first.
  it('makes the head durable before a checkpoint line names it', async () => {
    t = await createTestApp(dialect);
    await seedDemo(t);
    const head = (await rows(t)).at(-1)!;
    const seen: Array<Checkpoint | undefined> = [];
    const db = { ...t.s.db, durable: () => Promise.resolve(void seen.push(readCheckpointLines(t).at(-1))) };
    const log = { info: () => {}, error: () => {} };
    const timer = startAuditCheckpoints({ ...t.s, db }, log);
    await timer.checkpoint();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.id ?? 0).toBeLessThan(head.id);
    expect(readCheckpointLines(t).at(-1)).toMatchObject({ id: head.id, hash: head.hash });
    await timer.stop();
  });
});
