import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/auth/password.ts';
import { createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

// The production iteration count: verification takes long enough (≈ 0.2 s each here) for parallel
// guesses to overlap, which is what an attacker does.
const REAL_ITERATIONS = 300_000;

describe.each(DIALECTS)('lockout against parallel guesses at real PBKDF2 cost (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('checks at most the threshold (5) of 24 wrong and 1 right password sent at once', async () => {
    const right = world.accounts.handler!.password;
    const hash = await hashPassword(right, REAL_ITERATIONS);
    await t.db.kysely
      .updateTable('users')
      .set({ password_hash: hash })
      .where('username', '=', 'handler')
      .execute();
    const passwords = [...Array.from({ length: 24 }, (_, i) => `wrong-guess-${i}`), right];
    const answers = await Promise.all(
      passwords.map((password) =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'handler', password } }),
      ),
    );
    const signedIn = answers.filter((r) => r.statusCode === 200).length;
    const { id } = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    const failures = await t.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'auth.login_failed')
      .where('object_id', '=', String(id))
      .execute();
    // A guess refused unchecked is audited with reason "locked"; every other failure was a checked guess.
    const checkedWrong = failures.filter((f) => !String(f.detail).includes('"locked"')).length;
    expect(checkedWrong + signedIn).toBeLessThanOrEqual(5);
    expect(failures.length + signedIn).toBe(25);
    // Every refusal looks the same, whether the guess was checked or not.
    const refused = answers.filter((r) => r.statusCode !== 200);
    expect(new Set(refused.map((r) => `${r.statusCode} ${r.body}`)).size).toBe(1);
    // The account is locked now: the right password alone no longer signs in.
    if (signedIn === 0) {
      const after = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'handler', password: right },
      });
      expect(after.statusCode).toBe(401);
    }
  }, 60_000);
});
