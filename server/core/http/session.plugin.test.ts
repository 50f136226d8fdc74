import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('CSRF defences (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  const login = (origin?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: 'luoshi.example.cn', ...(origin ? { origin } : {}) },
      payload: { username: 'staff', password: world.accounts.staff!.password },
    });

  it('rejects a state-changing request from a foreign Origin with 403 CSRF_REJECTED', async () => {
    for (const origin of ['https://evil.example.com', 'https://luoshi.example.cn.evil.com', 'null']) {
      const res = await login(origin);
      expect(res.statusCode, origin).toBe(403);
      expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
      expect(res.cookies).toHaveLength(0);
    }
  });

  it('accepts the same Origin, and a request without one', async () => {
    expect((await login('https://luoshi.example.cn')).statusCode).toBe(200);
    expect((await login()).statusCode).toBe(200);
  });

  it('rejects a foreign Origin even with a valid session and token', async () => {
    const agent = await world.signIn('staff');
    const res = await agent.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example.com' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('rejects an authenticated state-changing request without, or with a wrong, X-CSRF-Token', async () => {
    const agent = await world.signIn('staff');
    const other = await world.signIn('leader');
    for (const token of [undefined, '', 'not-the-token', other.csrf]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: agent.cookie, ...(token === undefined ? {} : { 'x-csrf-token': token }) },
      });
      expect(res.statusCode, String(token)).toBe(403);
      expect(res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    }
    // The session survived every attempt; with its own token the request goes through.
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
  });

  it('checks the token on PATCH and PUT as well, and the change does not happen', async () => {
    const sysadmin = await world.signIn('sysadmin');
    const secadmin = await world.signIn('secadmin');
    const users = (await sysadmin.get('/api/users?q=staff')).json<{
      items: Array<{ id: number; username: string }>;
    }>();
    const staff = users.items.find((u) => u.username === 'staff')!;
    const before = await sysadmin.get(`/api/users/${staff.id}`);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${staff.id}`,
      headers: { cookie: sysadmin.cookie, 'if-match': String(before.headers.etag) },
      payload: { displayName: '改过的名字' },
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json()).toMatchObject({ code: 'CSRF_REJECTED' });
    expect((await sysadmin.get(`/api/users/${staff.id}`)).json()).toMatchObject({ displayName: '李明' });

    const settings = await secadmin.get('/api/security/settings');
    const { version, ...body } = settings.json<Record<string, unknown> & { version: number }>();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/security/settings',
      headers: { cookie: secadmin.cookie, 'if-match': `"${version}"`, 'x-csrf-token': sysadmin.csrf },
      payload: { ...body, lockoutThreshold: 99 },
    });
    expect(put.statusCode).toBe(403);
    expect((await secadmin.get('/api/security/settings')).json()).toMatchObject({ lockoutThreshold: 5 });
  });

  it('does not require the token for GET', async () => {
    const agent = await world.signIn('staff');
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: agent.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

// One app per block: the PostgreSQL test harness migrates one schema at a time (see test/db.ts).
describe.each(DIALECTS)('security headers (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('sends a CSP without inline scripts and forbidding framing, nosniff and a Referrer-Policy', async () => {
    for (const url of ['/api/health', '/api/auth/me', '/api/nowhere']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = directives(String(res.headers['content-security-policy'] ?? ''));
      const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
      expect(scriptSrc, url).toBeDefined();
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBeTruthy();
      expect(res.headers['referrer-policy']).not.toContain('unsafe-url');
    }
  });

  it('sends no HSTS without the HTTPS proxy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe.each(DIALECTS)('security headers behind the HTTPS proxy (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY_HTTPS: 'true' });
  });
  afterAll(() => t.close());

  it('sends HSTS for at least a year', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const hsts = String(res.headers['strict-transport-security'] ?? '');
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
  });
});
