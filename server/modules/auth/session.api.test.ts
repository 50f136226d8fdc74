import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { MINUTE, HOUR } from '../../core/clock.ts';
import { sm3Hex } from '../../core/crypto.ts';
import { Agent, createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('login, logout and server-side sessions (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  const staffPassword = () => world.accounts.staff!.password;

  it('sets an HttpOnly, SameSite session cookie at login, not Secure without the HTTPS proxy', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff', password: staffPassword() },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'luoshi_session');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(res.json()).toMatchObject({ user: { username: 'staff' } });
    expect(res.json<{ csrfToken: string }>().csrfToken.length).toBeGreaterThan(20);
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or an unknown user, without a cookie', async () => {
    for (const payload of [
      { username: 'staff', password: `${staffPassword()}x` },
      { username: 'nobody', password: staffPassword() },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(res.cookies.find((c) => c.name === 'luoshi_session')).toBeUndefined();
    }
  });

  it('rejects unknown fields in the login body with 400 VALIDATION_FAILED', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff', password: staffPassword(), remember: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('ends the session at logout', async () => {
    const agent = await world.signIn('staff');
    const stolen = agent.cookie;
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    const out = await agent.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect(agent.cookie).toBe('');
    const replay = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: stolen } });
    expect(replay.statusCode).toBe(401);
  });

  it('issues a new session id at every login, and the cookie presented at login stops working', async () => {
    const agent = await world.signIn('staff');
    const before = agent.cookie;
    const res = await agent.post('/api/auth/login', { username: 'staff', password: staffPassword() });
    expect(res.statusCode).toBe(200);
    expect(agent.cookie).not.toBe(before);
    const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: before } });
    expect(old.statusCode).toBe(401);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('stores only the SM3 hash of the cookie in the sessions table', async () => {
    const agent = await world.signIn('staff');
    const token = agent.cookie.split('=')[1]!;
    const ids = (await t.db.kysely.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    expect(ids).toContain(sm3Hex(token));
    expect(ids).not.toContain(token);
    const rows = await t.db.kysely.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('accepts the cookie in a second app instance on the same database', async () => {
    const agent = await world.signIn('staff');
    const { app: second } = await buildApp({
      config: t.config,
      db: t.db,
      clock: t.clock,
      secretKey: t.secretKey,
      logger: false,
    });
    try {
      await second.ready();
      const res = await second.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: agent.cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ username: 'staff' });
      // A logout on the second instance ends the session for the first as well.
      const out = await second.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
      });
      expect(out.statusCode).toBe(204);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('ends a session idle for more than 30 minutes, and keeps one in use', async () => {
    const busy = await world.signIn('staff');
    const idle = await world.signIn('leader');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
    }
    // 60 minutes since the idle agent's last request.
    expect((await idle.get('/api/auth/me')).statusCode).toBe(401);
    const fresh = await world.signIn('leader');
    t.clock.advance(29 * MINUTE);
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('clears sessions that timed out when someone signs in, not only when they come back', async () => {
    const forgotten = await world.signIn('handler');
    expect((await forgotten.get('/api/auth/me')).statusCode).toBe(200);
    const count = () =>
      t.db.kysely
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .where('users.username', '=', 'handler')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    expect(Number((await count()).n)).toBeGreaterThan(0);
    t.clock.advance(31 * MINUTE);
    await world.signIn('staff');
    expect(Number((await count()).n)).toBe(0);
  });

  it('ends a session 12 hours after login however busy it is', async () => {
    const agent = await world.signIn('staff');
    // 11 h 40 min of steady use.
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(20 * MINUTE + 1);
    const res = await agent.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe.each(DIALECTS)('configurable session limits (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { SESSION_IDLE_MINUTES: '5', SESSION_ABSOLUTE_HOURS: '1' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('honours SESSION_IDLE_MINUTES', async () => {
    const agent = await world.signIn('staff');
    t.clock.advance(4 * MINUTE);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(5 * MINUTE + 1);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('honours SESSION_ABSOLUTE_HOURS', async () => {
    const agent = await world.signIn('staff');
    // 56 minutes of steady use, then past the hour.
    for (let i = 0; i < 14; i++) {
      t.clock.advance(4 * MINUTE);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(HOUR - 56 * MINUTE + 1);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('behind a TLS-terminating proxy (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY_HTTPS: 'true' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('names the cookie __Host-luoshi_session and marks it Secure, and logout clears it the same way', async () => {
    const agent = new Agent(t.app);
    const res = await agent.post('/api/auth/login', {
      username: 'staff',
      password: world.accounts.staff!.password,
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === '__Host-luoshi_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.domain).toBeUndefined();
    expect(res.cookies.find((c) => c.name === 'luoshi_session')).toBeUndefined();
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    // Browsers ignore a __Host- cookie set without Secure, so the clearing cookie must carry it too.
    const out = await agent.post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === '__Host-luoshi_session');
    expect(cleared).toMatchObject({ value: '', secure: true, path: '/' });
  });
});
