import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../core/auth/totp.ts';
import { Agent, createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface LoginBody {
  totpRequired?: boolean;
  totpEnrolmentRequired?: boolean;
  user?: { username: string; totpEnabled: boolean };
}

describe.each(DIALECTS)('TOTP second factor (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let sysSecret = '';
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  async function passwordStep(username: string): Promise<{ agent: Agent; body: LoginBody }> {
    const agent = new Agent(t.app);
    const res = await agent.post('/api/auth/login', {
      username,
      password: world.accounts[username]!.password,
    });
    expect(res.statusCode).toBe(200);
    return { agent, body: res.json<LoginBody>() };
  }

  // A code for a 30-second step no earlier code has used.
  function freshCode(secret: string): string {
    t.clock.advance(30_000);
    return totpCode(secret, totpStep(t.clock.now()));
  }

  async function totpColumnOf(username: string) {
    return t.db.kysely
      .selectFrom('users')
      .select(['id', 'totp_secret', 'totp_pending_secret', 'totp_enabled'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  }

  it('makes a sysadmin enrol at first login, storing the seed sealed', async () => {
    const { agent, body } = await passwordStep('sysadmin');
    expect(body).toMatchObject({ totpEnrolmentRequired: true });
    expect(body.user).toBeUndefined();
    expect((await agent.get('/api/auth/me')).json()).toMatchObject({ pendingSetup: 'totp-enrolment' });
    const blocked = await agent.get('/api/users');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json()).toMatchObject({ code: 'TOTP_REQUIRED' });

    const enrol = await agent.post('/api/auth/totp/enrol');
    expect(enrol.statusCode).toBe(200);
    sysSecret = enrol.json<{ secret: string; uri: string }>().secret;
    expect(sysSecret).toMatch(/^[A-Z2-7]{32}$/);

    // Until a code confirms it, the new seed waits (sealed) beside the factor in force.
    const pending = await totpColumnOf('sysadmin');
    expect(pending.totp_secret).toBeNull();
    expect(pending.totp_pending_secret).not.toContain(sysSecret);
    expect(t.s.secrets.open(pending.totp_pending_secret!)).toBe(sysSecret);
    expect(pending.totp_enabled).toBe(0);

    const right = freshCode(sysSecret);
    const wrongCode = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await agent.post('/api/auth/totp/confirm', { code: wrongCode });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'TOTP_INVALID' });
    const confirmed = await agent.post('/api/auth/totp/confirm', { code: freshCode(sysSecret) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      user: { username: 'sysadmin', totpEnabled: true, pendingSetup: null },
    });
    expect((await agent.get('/api/users')).statusCode).toBe(200);
    const row = await totpColumnOf('sysadmin');
    expect(row.totp_enabled).toBe(1);
    expect(row.totp_pending_secret).toBeNull();
    expect(row.totp_secret).not.toContain(sysSecret);
    expect(t.s.secrets.open(row.totp_secret!)).toBe(sysSecret);
  });

  it('asks an enrolled sysadmin for a code after the password, and refuses re-enrolment before it', async () => {
    const { agent, body } = await passwordStep('sysadmin');
    expect(body).toMatchObject({ totpRequired: true });
    expect((await agent.get('/api/users')).json()).toMatchObject({ code: 'TOTP_REQUIRED' });
    // Knowing the password alone must not allow replacing the second factor.
    const enrol = await agent.post('/api/auth/totp/enrol');
    expect(enrol.statusCode).toBe(401);
    expect(t.s.secrets.open((await totpColumnOf('sysadmin')).totp_secret!)).toBe(sysSecret);

    const wrongCode = await agent.post('/api/auth/totp', { code: '12345' });
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongCode.json()).toMatchObject({ code: 'TOTP_INVALID' });
    const ok = await agent.post('/api/auth/totp', { code: freshCode(sysSecret) });
    expect(ok.statusCode).toBe(200);
    expect((await agent.get('/api/users')).statusCode).toBe(200);
  });

  it('accepts each code once: the same code at a second login is refused', async () => {
    const code = freshCode(sysSecret);
    const first = await passwordStep('sysadmin');
    expect((await first.agent.post('/api/auth/totp', { code })).statusCode).toBe(200);
    const second = await passwordStep('sysadmin');
    const replay = await second.agent.post('/api/auth/totp', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'TOTP_INVALID' });
    expect((await second.agent.get('/api/users')).statusCode).toBe(401);
    expect((await second.agent.post('/api/auth/totp', { code: freshCode(sysSecret) })).statusCode).toBe(200);
  });

  it('counts wrong codes towards the lockout, and a fresh password step does not clear them', async () => {
    const wrong = () => {
      const right = totpCode(sysSecret, totpStep(t.clock.now()));
      return String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    };
    const first = await passwordStep('sysadmin');
    for (let i = 0; i < 3; i++) {
      expect((await first.agent.post('/api/auth/totp', { code: wrong() })).statusCode).toBe(401);
    }
    const second = await passwordStep('sysadmin');
    expect((await second.agent.post('/api/auth/totp', { code: wrong() })).statusCode).toBe(401);
    const fifth = await second.agent.post('/api/auth/totp', { code: wrong() });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    // Neither the right code on the pending session nor a new password step gets through.
    const right = await second.agent.post('/api/auth/totp', { code: freshCode(sysSecret) });
    expect(right.statusCode).toBe(423);
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sysadmin', password: world.accounts.sysadmin!.password },
    });
    expect(relogin.statusCode).toBe(401);
    t.clock.advance(15 * 60_000);
    const later = await passwordStep('sysadmin');
    expect((await later.agent.post('/api/auth/totp', { code: freshCode(sysSecret) })).statusCode).toBe(200);
  });

  it.each(['secadmin', 'auditor'])('requires %s to enrol at first login', async (username) => {
    const { body } = await passwordStep(username);
    expect(body).toMatchObject({ totpEnrolmentRequired: true });
  });

  it('signs a business user in with the password alone by default', async () => {
    const { body } = await passwordStep('staff');
    expect(body.totpRequired).toBeUndefined();
    expect(body.totpEnrolmentRequired).toBeUndefined();
    expect(body.user).toMatchObject({ username: 'staff', totpEnabled: false });
  });

  it('asks a business user who chose to enrol for a code at every later login', async () => {
    const { agent } = await passwordStep('handler');
    const currentPassword = world.accounts.handler!.password;
    const secret = (await agent.post('/api/auth/totp/enrol', { currentPassword })).json<{ secret: string }>()
      .secret;
    expect((await agent.post('/api/auth/totp/confirm', { code: freshCode(secret) })).statusCode).toBe(200);
    const again = await passwordStep('handler');
    expect(again.body).toMatchObject({ totpRequired: true });
    expect((await again.agent.get('/api/regions')).json()).toMatchObject({ code: 'TOTP_REQUIRED' });
    expect((await again.agent.post('/api/auth/totp', { code: freshCode(secret) })).statusCode).toBe(200);
    expect((await again.agent.get('/api/regions')).statusCode).toBe(200);
  });

  it('adds or replaces a factor from a session only with the current password, keeping the one in use until confirmed', async () => {
    const { agent } = await passwordStep('submitter');
    const currentPassword = world.accounts.submitter!.password;
    const missing = await agent.post('/api/auth/totp/enrol');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'REAUTHENTICATION_REQUIRED' });
    const wrong = await agent.post('/api/auth/totp/enrol', { currentPassword: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '当前密码不正确' });
    expect((await totpColumnOf('submitter')).totp_pending_secret).toBeNull();

    const first = (await agent.post('/api/auth/totp/enrol', { currentPassword })).json<{ secret: string }>()
      .secret;
    expect((await agent.post('/api/auth/totp/confirm', { code: freshCode(first) })).statusCode).toBe(200);
    const again = await agent.post('/api/auth/totp/enrol', { currentPassword });
    expect(again.statusCode).toBe(200);
    const second = again.json<{ secret: string }>().secret;
    expect(t.s.secrets.open((await totpColumnOf('submitter')).totp_secret!)).toBe(first);
    expect((await agent.post('/api/auth/totp/confirm', { code: freshCode(second) })).statusCode).toBe(200);
    expect(t.s.secrets.open((await totpColumnOf('submitter')).totp_secret!)).toBe(second);
  });

  it('gives the session a new token once the second factor is passed; the earlier one stops working', async () => {
    const { agent } = await passwordStep('submitter');
    const before = agent.cookie;
    const secret = t.s.secrets.open((await totpColumnOf('submitter')).totp_secret!);
    const passed = await agent.post('/api/auth/totp', { code: freshCode(secret) });
    expect(passed.statusCode).toBe(200);
    expect(agent.cookie).not.toBe(before);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    const stale = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: before } });
    expect(stale.statusCode).toBe(401);
  });

  it('does not let a security administrator reset their own second factor', async () => {
    const secadmin = await world.signIn('secadmin');
    const { id } = await totpColumnOf('secadmin');
    const res = await secadmin.post(`/api/users/${id}/totp-reset`);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ message: string }>().message).toContain('reset-totp');
    expect((await totpColumnOf('secadmin')).totp_enabled).toBe(1);
  });

  it('accepts one of two parallel requests carrying the same code', async () => {
    const a = await passwordStep('submitter');
    const b = await passwordStep('submitter');
    const secret = t.s.secrets.open((await totpColumnOf('submitter')).totp_secret!);
    const code = freshCode(secret);
    const answers = await Promise.all([
      a.agent.post('/api/auth/totp', { code }),
      b.agent.post('/api/auth/totp', { code }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('lets a secadmin reset a user’s TOTP: the seed is cleared, sessions end, enrolment starts again', async () => {
    const sysadminAgent = (await passwordStep('sysadmin')).agent;
    await sysadminAgent.post('/api/auth/totp', { code: freshCode(sysSecret) });
    const secadmin = await world.signIn('secadmin');
    const { id } = await totpColumnOf('sysadmin');

    const notAllowed = await sysadminAgent.post(`/api/users/${id}/totp-reset`);
    expect(notAllowed.statusCode).toBe(403);

    const res = await secadmin.post(`/api/users/${id}/totp-reset`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'sysadmin', totpEnabled: false });
    const row = await totpColumnOf('sysadmin');
    expect(row.totp_secret).toBeNull();
    expect(row.totp_enabled).toBe(0);
    expect((await sysadminAgent.get('/api/auth/me')).statusCode).toBe(401);
    expect((await passwordStep('sysadmin')).body).toMatchObject({ totpEnrolmentRequired: true });
  });

  it('requires TOTP of business users when the security setting says so', async () => {
    const secadmin = await world.signIn('secadmin');
    const current = await secadmin.get('/api/security/settings');
    const settings = current.json<Record<string, unknown> & { version: number }>();
    const { version, ...rest } = settings;
    const put = await secadmin.put(
      '/api/security/settings',
      { ...rest, totpRequiredForBusiness: true },
      version,
    );
    expect(put.statusCode).toBe(200);
    const { agent, body } = await passwordStep('staff');
    expect(body).toMatchObject({ totpEnrolmentRequired: true });
    expect((await agent.get('/api/regions')).json()).toMatchObject({ code: 'TOTP_REQUIRED' });
  });
});
