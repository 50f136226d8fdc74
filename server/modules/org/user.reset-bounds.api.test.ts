import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../core/clock.ts';
import { loadConfig } from '../../config.ts';
import { defaultSecuritySettings } from '../security/index.ts';
import { Agent, createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface UserRow {
  id: number;
  username: string;
  version: number;
}

describe.each(DIALECTS)('administrator resets, visible and bounded (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let sysadmin: Agent;
  let users: Record<string, UserRow>;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
    sysadmin = await world.signIn('sysadmin');
    const page = (await sysadmin.get('/api/users?limit=200')).json<{ items: UserRow[] }>();
    users = Object.fromEntries(page.items.map((u) => [u.username, u]));
  });
  afterAll(() => t.close());

  async function reset(username: string): Promise<string> {
    const res = await sysadmin.post(`/api/users/${users[username]!.id}/password-reset`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    return res.json<{ initialPassword: string }>().initialPassword;
  }

  function actionsFor(username: string) {
    return t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'detail'])
      .where('object_type', '=', 'user')
      .where('object_id', '=', String(users[username]!.id))
      .orderBy('id')
      .execute();
  }

  it('audits the reset and the first sign-in with the one-time password, and tells the user when and by whom', async () => {
    const oneTime = await reset('handler');
    const agent = new Agent(t.app);
    const login = await agent.post('/api/auth/login', { username: 'handler', password: oneTime });
    expect(login.statusCode).toBe(200);
    const notice = { by: '系统管理员（sysadmin）', pending: true, at: expect.any(String) as unknown };
    expect(login.json()).toMatchObject({ user: { passwordReset: notice } });
    expect((await agent.get('/api/auth/me')).json()).toMatchObject({ passwordReset: notice });
    const actions = (await actionsFor('handler')).map((r) => r.action);
    expect(actions).toContain('user.password_reset');
    expect(actions).toContain('auth.one_time_password_used');
    const used = (await actionsFor('handler')).find((r) => r.action === 'auth.one_time_password_used')!;
    expect(used.detail).toContain('sysadmin');
  });

  it('never removes an enrolled second factor: the reset password still needs the code', async () => {
    const staff = await world.signIn('staff');
    const enrol = await staff.post('/api/auth/totp/enrol', {
      currentPassword: world.accounts.staff!.password,
    });
    expect(enrol.statusCode).toBe(200);
    t.clock.advance(30_000);
    const { totpCode, totpStep } = await import('../../core/auth/totp.ts');
    const secret = enrol.json<{ secret: string }>().secret;
    const confirm = await staff.post('/api/auth/totp/confirm', {
      code: totpCode(secret, totpStep(t.clock.now())),
    });
    expect(confirm.statusCode).toBe(200);
    const oneTime = await reset('staff');
    const row = await t.db.kysely
      .selectFrom('users')
      .select(['totp_enabled', 'totp_secret'])
      .where('username', '=', 'staff')
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(1);
    expect(row.totp_secret).not.toBeNull();
    const login = await new Agent(t.app).post('/api/auth/login', { username: 'staff', password: oneTime });
    expect(login.json()).toMatchObject({ totpRequired: true });
  });

  it.each(['secadmin', 'auditor', 'sysadmin'])(
    'does not let sysadmin disable the %s account',
    async (name) => {
      const current = (await sysadmin.get(`/api/users/${users[name]!.id}`)).json<UserRow>();
      const res = await sysadmin.patch(`/api/users/${current.id}`, { status: 'disabled' }, current.version);
      expect(res.statusCode).toBe(403);
      const after = (await sysadmin.get(`/api/users/${current.id}`)).json<{ status: string }>();
      expect(after.status).toBe('active');
    },
  );

  it('still lets sysadmin disable a business account', async () => {
    const current = (await sysadmin.get(`/api/users/${users.submitter!.id}`)).json<UserRow>();
    const res = await sysadmin.patch(`/api/users/${current.id}`, { status: 'disabled' }, current.version);
    expect(res.statusCode).toBe(200);
  });
  it('lets a one-time password expire after 72 hours, saying so in Chinese', async () => {
    const oneTime = await reset('leader');
    t.clock.advance(71 * HOUR);
    const early = await new Agent(t.app).post('/api/auth/login', { username: 'leader', password: oneTime });
    expect(early.statusCode, early.body).toBe(200);
    sysadmin = await world.signIn('sysadmin'); // the earlier session has timed out meanwhile
    const again = await reset('leader');
    t.clock.advance(72 * HOUR + 1000);
    const late = await new Agent(t.app).post('/api/auth/login', { username: 'leader', password: again });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ code: 'ONE_TIME_PASSWORD_EXPIRED' });
    expect(late.json<{ message: string }>().message).toContain('过期');
  });
});

describe('second factor for business users by default in production', () => {
  const production = { NODE_ENV: 'production', SECRET_KEY: 'ab'.repeat(32) };
  it('is required in production unless TOTP_REQUIRED_FOR_BUSINESS says otherwise, and not elsewhere', () => {
    expect(defaultSecuritySettings(loadConfig(production)).totpRequiredForBusiness).toBe(true);
    expect(
      defaultSecuritySettings(loadConfig({ ...production, TOTP_REQUIRED_FOR_BUSINESS: 'false' }))
        .totpRequiredForBusiness,
    ).toBe(false);
    expect(defaultSecuritySettings(loadConfig({ NODE_ENV: 'development' })).totpRequiredForBusiness).toBe(
      false,
    );
  });
});
