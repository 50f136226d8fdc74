import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

function login(t: TestApp, username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

async function timed(t: TestApp, username: string, password: string): Promise<number> {
  const start = process.hrtime.bigint();
  await login(t, username, password);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe.each(DIALECTS)('usernames cannot be told apart at sign-in (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    // Enough PBKDF2 work (≈ 30 ms) that a path skipping the hash would stand out.
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000', PASSWORD_ITERATIONS: '50000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('answers a locked real account exactly like an unknown name, even with the right password', async () => {
    for (let i = 0; i < 5; i++) await login(t, 'handler', `wrong-${i}`);
    const locked = await login(t, 'handler', world.accounts.handler!.password);
    const unknown = await login(t, 'no_such_person', 'whatever-it-is');
    expect(locked.statusCode).toBe(401);
    expect({ status: unknown.statusCode, body: unknown.json<unknown>() }).toEqual({
      status: locked.statusCode,
      body: locked.json<unknown>(),
    });
    expect(locked.body).not.toContain('lockedUntil');
  });

  it('takes about as long for a locked account as for an unknown name', async () => {
    const lockedTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      lockedTimes.push(await timed(t, 'handler', `again-${i}`));
      unknownTimes.push(await timed(t, 'no_such_person', `again-${i}`));
    }
    const ratio = median(lockedTimes) / median(unknownTimes);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe.each(DIALECTS)('usernames are unique without regard to case (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('signs in with the name typed in any case, as the one account', async () => {
    const res = await login(t, 'STAFF', world.accounts.staff!.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { username: 'staff' } });
  });

  it('refuses to create "Staff" when "staff" exists, saying why in Chinese', async () => {
    const sysadmin = await world.signIn('sysadmin');
    const res = await sysadmin.post('/api/users', {
      username: 'Staff',
      displayName: '另一个',
      regionCode: '370000',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(res.json<{ message: string }>().message).toContain('大小写');
  });

  it('has the database refuse a second spelling of a name too', async () => {
    const row = await t.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    const { id: _id, version: _version, ...copy } = row;
    await expect(
      t.db.kysely
        .insertInto('users')
        .values({ ...copy, username: 'LEADER' })
        .execute(),
    ).rejects.toThrow();
  });
});
