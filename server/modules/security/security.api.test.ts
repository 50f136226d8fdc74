import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, toTimestamp } from '../../core/clock.ts';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

type Settings = Record<string, unknown> & {
  version: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
};

function withoutVersion(settings: Settings): Record<string, unknown> {
  const { version: _version, ...rest } = settings;
  return rest;
}

describe.each(DIALECTS)('security settings (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let secadmin: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
    secadmin = await world.signIn('secadmin');
  });
  afterAll(() => t.close());

  async function current(): Promise<Settings> {
    const res = await secadmin.get('/api/security/settings');
    expect(res.statusCode).toBe(200);
    const body = res.json<Settings>();
    expect(res.headers.etag).toBe(`"${body.version}"`);
    return body;
  }

  it('shows the configured defaults to a secadmin', async () => {
    expect(await current()).toMatchObject({
      passwordMinLength: 10,
      passwordMinClasses: 3,
      passwordExpiryDays: 90,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      totpRequiredForBusiness: false,
    });
  });

  it('refuses other roles with 403, for reading and for writing', async () => {
    const before = await current();
    for (const username of ['sysadmin', 'auditor', 'staff', 'leader']) {
      const agent = await world.signIn(username);
      expect((await agent.get('/api/security/settings')).statusCode, username).toBe(403);
      const put = await agent.put(
        '/api/security/settings',
        { ...withoutVersion(before), lockoutThreshold: 50 },
        before.version,
      );
      expect(put.statusCode, username).toBe(403);
      expect(put.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await current()).lockoutThreshold).toBe(5);
  });

  it('requires If-Match (428) and refuses a stale version (412)', async () => {
    const before = await current();
    const missing = await secadmin.put('/api/security/settings', {
      ...withoutVersion(before),
      lockoutMinutes: 20,
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ code: 'VERSION_REQUIRED' });

    const first = await secadmin.put(
      '/api/security/settings',
      { ...withoutVersion(before), lockoutMinutes: 20 },
      before.version,
    );
    expect(first.statusCode).toBe(200);
    const saved = first.json<Settings>();
    expect(saved).toMatchObject({ lockoutMinutes: 20 });
    expect(saved.version).toBeGreaterThan(before.version);
    expect(first.headers.etag).toBe(`"${saved.version}"`);

    const stale = await secadmin.put(
      '/api/security/settings',
      { ...withoutVersion(before), lockoutMinutes: 25 },
      before.version,
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await current()).lockoutMinutes).toBe(20);

    const again = await secadmin.put(
      '/api/security/settings',
      { ...withoutVersion(saved), lockoutMinutes: 15 },
      saved.version,
    );
    expect(again.statusCode).toBe(200);
  });

  it('rejects unknown fields and out-of-range values with 400 VALIDATION_FAILED', async () => {
    const before = await current();
    for (const body of [
      { ...withoutVersion(before), lockoutThreshold: 0 },
      { ...withoutVersion(before), passwordMinLength: 4 },
      { ...withoutVersion(before), allowEveryone: true },
    ]) {
      const res = await secadmin.put('/api/security/settings', body, before.version);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect((await current()).version).toBe(before.version);
  });

  it('applies a changed lockout threshold and duration to the next logins, and audits the change', async () => {
    const before = await current();
    const put = await secadmin.put(
      '/api/security/settings',
      { ...withoutVersion(before), lockoutThreshold: 3, lockoutMinutes: 5 },
      before.version,
    );
    expect(put.statusCode).toBe(200);

    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler', password } });
    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    const until = toTimestamp(new Date(t.clock.now().getTime() + 5 * MINUTE));
    const third = await attempt('wrong-3');
    expect(third.statusCode).toBe(401);
    const locked = await t.db.kysely
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    expect(locked.locked_until).toBe(until);
    expect((await attempt(world.accounts.handler!.password)).statusCode).toBe(401);
    t.clock.advance(5 * MINUTE + 1000);
    expect((await attempt(world.accounts.handler!.password)).statusCode).toBe(200);

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_name', 'outcome', 'detail'])
      .where('action', '=', 'security.settings_update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: 'secadmin', outcome: 'success' });
    expect(audit.detail).toContain('"lockoutThreshold":3');
  });
});

describe.each(DIALECTS)('disabling an account (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('ends all of the user’s sessions at once and refuses later logins', async () => {
    const sysadmin = await world.signIn('sysadmin');
    const desk = await world.signIn('staff');
    const phone = await world.signIn('staff');
    const other = await world.signIn('leader');
    const list = await sysadmin.get('/api/users?q=staff');
    const staff = list
      .json<{ items: Array<{ id: number; username: string }> }>()
      .items.find((u) => u.username === 'staff')!;
    const detail = await sysadmin.get(`/api/users/${staff.id}`);
    const version = detail.json<{ version: number }>().version;

    const noVersion = await sysadmin.patch(`/api/users/${staff.id}`, { status: 'disabled' });
    expect(noVersion.statusCode).toBe(428);
    expect((await desk.get('/api/auth/me')).statusCode).toBe(200);

    const res = await sysadmin.patch(`/api/users/${staff.id}`, { status: 'disabled' }, version);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled' });
    for (const agent of [desk, phone]) {
      const me = await agent.get('/api/auth/me');
      expect(me.statusCode).toBe(401);
      expect(me.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
    const remaining = await t.db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', staff.id)
      .execute();
    expect(remaining).toHaveLength(0);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff', password: world.accounts.staff!.password },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });
});
