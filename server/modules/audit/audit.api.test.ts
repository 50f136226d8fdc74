import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedDemo,
  signIn,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS, type Dialect } from '../../../test/db.ts';
import { chainMac, GENESIS_HASH } from '../../core/audit/audit.chain.ts';
import { toTimestamp } from '../../core/clock.ts';

interface Entry {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

const NEW_PASSWORD = 'Qz7!mWp3#Lk9vX';

async function dropAppendOnlyTrigger(t: TestApp, dialect: Dialect) {
  if (dialect === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(t.s.db.kysely);
  else await sql`drop trigger audit_log_no_update on audit_log`.execute(t.s.db.kysely);
}

describe.each(DIALECTS)('audit log (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let sysadmin: Agent;
  let auditor: Agent;
  let initialPassword: string;
  let newUserId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    sysadmin = await world.signIn('sysadmin');
    auditor = await world.signIn('auditor');

    // A little history: a user created, signing in, changing the password, failing and locking out.
    const created = await sysadmin.post('/api/users', { username: 'audit_subject', displayName: '审计对象' });
    ({ initialPassword } = created.json<{ initialPassword: string }>());
    newUserId = created.json<{ user: { id: number } }>().user.id;
    const subject = await signIn(t, 'audit_subject', initialPassword);
    const changed = await subject.post('/api/auth/password', {
      currentPassword: initialPassword,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(204);
    expect((await subject.post('/api/auth/logout')).statusCode).toBe(204);
    for (let i = 0; i < t.config.lockout.threshold; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'audit_subject', password: `wrong-${i}` },
      });
    }
    const staff = await world.signIn('staff');
    expect((await staff.get('/api/users')).statusCode).toBe(403);
    const lixia = await world.signIn('lixia_staff');
    const province = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '中共山东省委统战部')
      .executeTakeFirstOrThrow();
    expect((await lixia.get(`/api/units/${province.id}`)).statusCode).toBe(404);
    const secadmin = await world.signIn('secadmin');
    const user = (await sysadmin.get(`/api/users/${newUserId}`)).json<{ version: number }>();
    expect(
      (await secadmin.put(`/api/users/${newUserId}/roles`, { roles: ['handler'] }, user.version)).statusCode,
    ).toBe(200);
    expect((await secadmin.post(`/api/users/${newUserId}/totp-reset`)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  async function allRows() {
    return t.s.db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
  }

  it('chains every row to the previous one with HMAC-SM3 under the audit key over its canonical form', async () => {
    const rows = await allRows();
    expect(rows.length).toBeGreaterThan(20);
    const { id: keyId, key } = t.s.auditKeys.current;
    let prev = GENESIS_HASH;
    rows.forEach((row, i) => {
      expect(row.id).toBe(i + 1);
      expect(row.prev_hash).toBe(prev);
      expect(row.key_id).toBe(keyId);
      expect(row.hash).toBe(chainMac(key, keyId, prev, row));
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      prev = row.hash;
    });
  });

  it('stores time with the +08:00 offset, <resource>.<verb> actions, outcome and IP', async () => {
    for (const row of await allRows()) {
      expect(row.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
      expect(row.action).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(['success', 'failure', 'denied']).toContain(row.outcome);
      expect(row.ip).toBeTruthy();
    }
    const create = (await allRows()).find(
      (r) => r.action === 'user.create' && r.object_id === String(newUserId),
    );
    expect(create).toMatchObject({ actor_name: 'sysadmin', object_type: 'user', outcome: 'success' });
    expect(JSON.parse(create!.detail!)).toMatchObject({ after: { username: 'audit_subject' } });
  });

  it('records sign-in, failures, lockout, logout, password and TOTP changes, denials and org changes', async () => {
    const actions = new Set((await allRows()).map((r) => r.action));
    for (const action of [
      'auth.login',
      'auth.login_failed',
      'auth.lockout',
      'auth.logout',
      'auth.password_change',
      'auth.totp_enrol',
      'user.totp_reset',
      'access.denied',
      'access.out_of_scope',
      'user.create',
      'user.roles_set',
    ]) {
      expect(actions, action).toContain(action);
    }
    const denied = (await allRows()).find((r) => r.action === 'access.denied');
    expect(denied).toMatchObject({ actor_name: 'staff', outcome: 'denied' });
  });

  it('never holds a password, password hash or TOTP seed', async () => {
    const user = await t.s.db.kysely
      .selectFrom('users')
      .select(['password_hash', 'totp_secret'])
      .where('username', '=', 'sysadmin')
      .executeTakeFirstOrThrow();
    const subject = await t.s.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', newUserId)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(await allRows());
    const secrets = [
      initialPassword,
      NEW_PASSWORD,
      user.password_hash,
      subject.password_hash,
      user.totp_secret,
    ];
    for (const password of Object.values(world.accounts).map((a) => a.password)) secrets.push(password);
    for (const secret of secrets) {
      expect(secret).toBeTruthy();
      expect(text).not.toContain(secret!);
    }
  });

  it('answers the audit page with filters by actor, action, object and time', async () => {
    const byActor = (await auditor.get('/api/audit?actor=lixia_staff&limit=200')).json<Page>();
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((e) => e.actorName === 'lixia_staff')).toBe(true);

    const outOfScope = (await auditor.get('/api/audit?action=access.out_of_scope')).json<Page>();
    expect(outOfScope.items.length).toBeGreaterThan(0);
    expect(outOfScope.items.every((e) => e.action === 'access.out_of_scope')).toBe(true);

    const prefix = (await auditor.get('/api/audit?action=auth.&limit=200')).json<Page>();
    expect(new Set(prefix.items.map((e) => e.action.split('.')[0]))).toEqual(new Set(['auth']));

    const byObject = (
      await auditor.get(`/api/audit?objectType=user&objectId=${newUserId}&limit=200`)
    ).json<Page>();
    expect(byObject.items.map((e) => e.action)).toContain('user.create');
    expect(byObject.items.every((e) => e.objectType === 'user' && e.objectId === String(newUserId))).toBe(
      true,
    );
  });

  it('filters by time whatever offset the bounds are written in', async () => {
    // Rows written ten minutes on; the filter bounds are given in UTC.
    t.clock.advance(600_000);
    const mark = t.clock.now();
    await sysadmin.post('/api/units', { regionCode: '370000', name: '计时单位', kind: 'office' });
    t.clock.advance(60_000);
    const from = new Date(mark.getTime() - 1000).toISOString();
    const res = await auditor.get(`/api/audit?from=${encodeURIComponent(from)}&limit=200`);
    expect(res.statusCode).toBe(200);
    const items = res.json<Page>().items;
    expect(items.map((e) => e.action)).toContain('unit.create');
    expect(items.every((e) => e.at >= toTimestamp(new Date(mark.getTime() - 1000)))).toBe(true);
    const before = (await auditor.get(`/api/audit?to=${encodeURIComponent(from)}&limit=200`)).json<Page>();
    expect(before.items.map((e) => e.action)).not.toContain('unit.create');
    expect(before.items.length).toBeGreaterThan(0);
    expect((await auditor.get('/api/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('pages by cursor, newest first, with no duplicates or gaps', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await auditor.get(`/api/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<Page>();
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const ids = (await allRows()).map((r) => r.id).reverse();
    // Reading the log appends nothing, so the walk sees exactly the rows there are.
    expect(seen).toEqual(ids);
    expect(pages).toBe(Math.ceil(ids.length / 7));
  });

  it('verifies the chain and names a row edited in the database', async () => {
    const intact = await auditor.post('/api/audit/verify');
    expect(intact.json()).toMatchObject({ ok: true, brokenAt: null });
    const rows = await allRows();
    const target = rows[Math.floor(rows.length / 2)]!;
    await dropAppendOnlyTrigger(t, dialect);
    await t.s.db.kysely
      .updateTable('audit_log')
      .set({ actor_name: 'someone_else' })
      .where('id', '=', target.id)
      .execute();
    const res = await auditor.post('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, brokenAt: { id: target.id } });
    expect(res.json<{ checked: number }>().checked).toBe(target.id - 1);
  });
});

describe.each(DIALECTS)('audit written in the same transaction as the change (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    sysadmin = await world.signIn('sysadmin');
  });
  afterAll(() => t.close());

  it('fails the change when its audit row cannot be written', async () => {
    const before = await sysadmin.post('/api/units', {
      regionCode: '370000',
      name: '审计可写',
      kind: 'office',
    });
    expect(before.statusCode).toBe(201);
    // The audit table disappears from under the application: every audit write now fails.
    await sql`alter table audit_log rename to audit_log_hidden`.execute(t.s.db.kysely);
    try {
      const unit = await sysadmin.post('/api/units', {
        regionCode: '370000',
        name: '不应存在的单位',
        kind: 'office',
      });
      expect(unit.statusCode).toBe(500);
      expect(unit.json<{ code: string; message: string }>()).toEqual({
        code: 'INTERNAL',
        message: expect.stringMatching(/请求编号 [0-9a-f-]{36}/) as string,
      });
      expect(unit.body).not.toMatch(/audit_log|no such table|does not exist/i);
      const user = await sysadmin.post('/api/users', { username: 'never_created', displayName: '不应存在' });
      expect(user.statusCode).toBe(500);
    } finally {
      await sql`alter table audit_log_hidden rename to audit_log`.execute(t.s.db.kysely);
    }
    const units = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '不应存在的单位')
      .execute();
    expect(units).toEqual([]);
    const users = await t.s.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'never_created')
      .execute();
    expect(users).toEqual([]);
    const after = await sysadmin.post('/api/units', {
      regionCode: '370000',
      name: '审计恢复后',
      kind: 'office',
    });
    expect(after.statusCode).toBe(201);
  });
});
