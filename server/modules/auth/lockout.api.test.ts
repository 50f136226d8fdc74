import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, toTimestamp } from '../../core/clock.ts';
import { createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

function login(t: TestApp, username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

describe.each(DIALECTS)('account lockout (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  async function lockedUntilOf(username: string) {
    const row = await t.db.kysely
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row.locked_until;
  }
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('locks the account for 15 minutes after 5 failures, even for the right password, answering as for a wrong one', async () => {
    const password = world.accounts.handler!.password;
    const expectedUntil = toTimestamp(new Date(t.clock.now().getTime() + 15 * MINUTE));
    for (let i = 1; i <= 5; i++) {
      const res = await login(t, 'handler', `wrong-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(res.json<{ message: string }>().message).toContain('锁定');
    }
    expect(await lockedUntilOf('handler')).toBe(expectedUntil);

    t.clock.advance(14 * MINUTE);
    const right = await login(t, 'handler', password);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(right.cookies.find((c) => c.name === 'luoshi_session')).toBeUndefined();

    t.clock.advance(MINUTE + 1000);
    const after = await login(t, 'handler', password);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ user: { username: 'handler' } });
  });

  it('records auth.login_failed and auth.lockout in the audit log', async () => {
    const user = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_name'])
      .where('object_type', '=', 'user')
      .where('object_id', '=', String(user.id))
      .where('action', 'in', ['auth.login_failed', 'auth.lockout'])
      .orderBy('id')
      .execute();
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.login_failed').length).toBeGreaterThanOrEqual(6);
    // Administrators see the lock (the guesser does not).
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(actions.filter((a) => a === 'auth.lockout')).toHaveLength(1);
    expect(rows.every((r) => r.outcome === 'failure' && r.actor_name === 'handler')).toBe(true);
  });

  it('counts parallel wrong guesses one by one, so they cannot outrun the lockout', async () => {
    const guesses = Array.from({ length: 5 }, (_, i) => login(t, 'leader', `parallel-${i}`));
    const answers = (await Promise.all(guesses)).map((r) => r.statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    expect(await lockedUntilOf('leader')).not.toBeNull();
    const right = await login(t, 'leader', world.accounts.leader!.password);
    expect(right.statusCode).toBe(401);
  });

  it('resets the failure count after a successful login', async () => {
    const password = world.accounts.submitter!.password;
    for (let i = 0; i < 4; i++) expect((await login(t, 'submitter', 'wrong')).statusCode).toBe(401);
    expect((await login(t, 'submitter', password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(t, 'submitter', 'wrong')).statusCode).toBe(401);
    expect((await login(t, 'submitter', password)).statusCode).toBe(200);
  });
});

describe.each(DIALECTS)('login rate limit per IP (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '3' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After once the per-minute budget is spent', async () => {
    for (let i = 0; i < 3; i++) expect((await login(t, 'staff', 'wrong-password')).statusCode).toBe(401);
    const limited = await login(t, 'staff', world.accounts.staff!.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address has its own budget.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.9',
      payload: { username: 'staff', password: world.accounts.staff!.password },
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});
