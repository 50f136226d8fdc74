import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../core/clock.ts';
import { Agent, createTestApp, seedDemo, signIn, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface MeBody {
  mustChangePassword: boolean;
  pendingSetup: string | null;
}

async function passwordHashOf(t: TestApp, username: string): Promise<string> {
  const row = await t.db.kysely
    .selectFrom('users')
    .select('password_hash')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.password_hash;
}

// sysadmin creates the account, secadmin grants it a business role; returns the one-time password.
async function createAccount(admins: { sys: Agent; sec: Agent }, username: string): Promise<string> {
  const created = await admins.sys.post('/api/users', {
    username,
    displayName: `测试${username}`,
    regionCode: '370000',
  });
  expect(created.statusCode).toBe(201);
  const { user, initialPassword } = created.json<{
    user: { id: number; version: number };
    initialPassword: string;
  }>();
  const roles = await admins.sec.put(`/api/users/${user.id}/roles`, { roles: ['staff'] }, user.version);
  expect(roles.statusCode).toBe(200);
  return initialPassword;
}

describe.each(DIALECTS)('passwords (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let admins: { sys: Agent; sec: Agent };
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
    admins = { sys: await world.signIn('sysadmin'), sec: await world.signIn('secadmin') };
  });
  afterAll(() => t.close());

  it('makes an administrator-created account change its password at first login, then lets it work', async () => {
    const initial = await createAccount(admins, 'newcomer');
    const agent = new Agent(t.app);
    const login = await agent.post('/api/auth/login', { username: 'newcomer', password: initial });
    expect(login.statusCode).toBe(200);
    expect(login.json<{ user: MeBody }>().user).toMatchObject({
      mustChangePassword: true,
      pendingSetup: 'password',
    });
    expect((await agent.get('/api/auth/me')).json<MeBody>().pendingSetup).toBe('password');
    const blocked = await agent.get('/api/regions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });

    const changed = await agent.post('/api/auth/password', {
      currentPassword: initial,
      newPassword: 'Fresh-Start-Pass-26',
    });
    expect(changed.statusCode).toBe(204);
    expect((await agent.get('/api/auth/me')).json<MeBody>()).toMatchObject({
      mustChangePassword: false,
      pendingSetup: null,
    });
    expect((await agent.get('/api/regions')).statusCode).toBe(200);
    // The old one-time password no longer signs in; the new one does.
    const old = await new Agent(t.app).post('/api/auth/login', { username: 'newcomer', password: initial });
    expect(old.statusCode).toBe(401);
    await signIn(t, 'newcomer', 'Fresh-Start-Pass-26');
  });

  it('answers 400 PASSWORD_POLICY with the problems for a weak new password', async () => {
    const agent = await world.signIn('staff');
    const current = world.accounts.staff!.password;
    const cases: Array<[string, number]> = [
      ['Sh0rt!', 1], // too short
      ['alllowercase12', 1], // two classes
      ['My-staff-2026', 1], // contains the username
      ['staff', 3],
    ];
    for (const [newPassword, count] of cases) {
      const res = await agent.post('/api/auth/password', { currentPassword: current, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      const body = res.json<{ code: string; details: { problems: string[] } }>();
      expect(body.code).toBe('PASSWORD_POLICY');
      expect(body.details.problems).toHaveLength(count);
    }
    expect(await passwordHashOf(t, 'staff')).toContain('pbkdf2-sm3$');
    // Unchanged: the current password still signs in.
    await world.signIn('staff');
  });

  it('refuses a password change with the wrong current password', async () => {
    const agent = await world.signIn('staff');
    const res = await agent.post('/api/auth/password', {
      currentPassword: 'Not-The-Password-1',
      newPassword: 'Another-Good-Pass-1',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('counts wrong current passwords towards the lockout, like wrong logins', async () => {
    const agent = await world.signIn('submitter');
    const change = (currentPassword: string) =>
      agent.post('/api/auth/password', { currentPassword, newPassword: 'Another-Good-Pass-1' });
    for (let i = 1; i <= 4; i++) expect((await change(`Guess-Number-${i}`)).statusCode).toBe(401);
    const fifth = await change('Guess-Number-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    // Locked: the right password is not checked now, neither here nor at sign-in.
    expect((await change(world.accounts.submitter!.password)).statusCode).toBe(423);
    const login = await new Agent(t.app).post('/api/auth/login', {
      username: 'submitter',
      password: world.accounts.submitter!.password,
    });
    expect(login.statusCode).toBe(401);
    const lockouts = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.lockout')
      .where('actor_name', '=', 'submitter')
      .execute();
    expect(lockouts).toHaveLength(1);
  });

  it('salts each user: the same password gives different hashes naming pbkdf2-sm3 and the iteration count', async () => {
    const same = 'Shared-Secret-2026';
    for (const username of ['twin_a', 'twin_b']) {
      const initial = await createAccount(admins, username);
      const agent = await signIn(t, username, initial);
      expect(
        (await agent.post('/api/auth/password', { currentPassword: initial, newPassword: same })).statusCode,
      ).toBe(204);
    }
    const a = await passwordHashOf(t, 'twin_a');
    const b = await passwordHashOf(t, 'twin_b');
    expect(a).not.toBe(b);
    for (const stored of [a, b]) {
      expect(stored.startsWith(`pbkdf2-sm3$${t.config.password.iterations}$`)).toBe(true);
      expect(stored).not.toContain(same);
    }
  });

  it('ends the other sessions of a user who changes the password, not the one that changed it', async () => {
    const initial = await createAccount(admins, 'roamer');
    const laptop = await signIn(t, 'roamer', initial);
    await laptop.post('/api/auth/password', { currentPassword: initial, newPassword: 'First-Choice-2026' });
    const phone = await signIn(t, 'roamer', 'First-Choice-2026');
    expect((await phone.get('/api/auth/me')).statusCode).toBe(200);
    const res = await laptop.post('/api/auth/password', {
      currentPassword: 'First-Choice-2026',
      newPassword: 'Second-Choice-2026',
    });
    expect(res.statusCode).toBe(204);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('forces a change 90 days after the last one, blocking business routes until it is made', async () => {
    const password = world.accounts.leader!.password;
    t.clock.advance(89 * DAY);
    const early = await world.signIn('leader');
    expect((await early.get('/api/auth/me')).json<MeBody>().pendingSetup).toBeNull();
    t.clock.advance(2 * DAY);
    const agent = await world.signIn('leader');
    expect((await agent.get('/api/auth/me')).json<MeBody>()).toMatchObject({
      mustChangePassword: true,
      pendingSetup: 'password',
    });
    const blocked = await agent.get('/api/regions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(
      (
        await agent.post('/api/auth/password', {
          currentPassword: password,
          newPassword: 'Renewed-Pass-2026',
        })
      ).statusCode,
    ).toBe(204);
    expect((await agent.get('/api/auth/me')).json<MeBody>().pendingSetup).toBeNull();
    expect((await agent.get('/api/regions')).statusCode).toBe(200);
  });
});

describe.each(DIALECTS)('password expiry disabled (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { PASSWORD_EXPIRY_DAYS: '0' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('never forces a change when PASSWORD_EXPIRY_DAYS is 0', async () => {
    t.clock.advance(400 * DAY);
    const agent = await world.signIn('staff');
    expect((await agent.get('/api/auth/me')).json<MeBody>()).toMatchObject({
      mustChangePassword: false,
      pendingSetup: null,
    });
    expect((await agent.get('/api/regions')).statusCode).toBe(200);
  });
});
