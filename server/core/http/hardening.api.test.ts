import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('HTTP answers that carry secrets, and sign-out (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('marks answers with a CSRF token or a one-time password Cache-Control: no-store', async () => {
    const agent = new Agent(t.app);
    const login = await agent.post('/api/auth/login', {
      username: 'staff',
      password: world.accounts.staff!.password,
    });
    expect(login.headers['cache-control']).toBe('no-store');
    expect((await agent.get('/api/auth/me')).headers['cache-control']).toBe('no-store');
    const sysadmin = await world.signIn('sysadmin');
    const created = await sysadmin.post('/api/users', {
      username: 'cachetest',
      displayName: '缓存测试',
      regionCode: '370000',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
  });

  it('asks the browser to clear its cookies and storage at logout', async () => {
    const agent = await world.signIn('staff');
    const res = await agent.post('/api/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(res.headers['clear-site-data']).toBe('"cookies", "storage"');
  });

  it('keeps the session of a browser whose later login fails', async () => {
    const agent = await world.signIn('leader');
    const failed = await agent.post('/api/auth/login', { username: 'leader', password: 'not-the-password' });
    expect(failed.statusCode).toBe(401);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe.each(DIALECTS)('the API browser in production (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      NODE_ENV: 'production',
      SECRET_KEY: 'cd'.repeat(32),
      LOGIN_RATE_PER_MINUTE: '1000',
      TOTP_REQUIRED_FOR_BUSINESS: 'false',
    });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('is for signed-in users only: /api/docs and /api/openapi.json answer 401 without a session', async () => {
    for (const url of ['/api/docs', '/api/docs/static/index.html', '/api/openapi.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
    }
    const agent = await world.signIn('staff');
    expect((await agent.get('/api/openapi.json')).statusCode).toBe(200);
    expect((await agent.get('/api/docs')).statusCode).toBe(200);
    expect((await agent.get('/api/docs/static/index.html')).statusCode).toBeLessThan(400);
  });
});

describe.each(DIALECTS)('X-Forwarded-For (%s)', (dialect) => {
  async function auditedIp(t: TestApp, remoteAddress: string): Promise<string | null> {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': '203.0.113.7' },
      payload: { username: 'nobody_at_all', password: 'whatever-it-is' },
    });
    const row = await t.db.kysely
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login_failed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.ip;
  }

  it('is believed only from a configured proxy address', async () => {
    const t = await createTestApp(dialect, { TRUSTED_PROXIES: '10.0.0.0/24', TRUST_PROXY_HTTPS: 'true' });
    try {
      expect(await auditedIp(t, '10.0.0.5')).toBe('203.0.113.7');
      expect(await auditedIp(t, '192.168.1.9')).toBe('192.168.1.9');
    } finally {
      await t.close();
    }
  });

  it('is ignored from any address other than the loopback proxy when none is configured', async () => {
    const t = await createTestApp(dialect, { TRUST_PROXY_HTTPS: 'true' });
    try {
      expect(await auditedIp(t, '192.168.1.9')).toBe('192.168.1.9');
      expect(await auditedIp(t, '127.0.0.1')).toBe('203.0.113.7');
    } finally {
      await t.close();
    }
  });
});
