// The password form reads the policy in force from the server, also while a user must change a one-time
// password first; the rules it lists are worded as the reasons a refused password gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface Policy {
  minLength: number;
  minClasses: number;
  forbidUsername: boolean;
  rules: Array<{ id: string; text: string }>;
}

describe.each(DIALECTS)('password policy for the password form (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let secadmin: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
    secadmin = await world.signIn('secadmin');
  });
  afterAll(() => t.close());

  it('answers the policy the security administrator set, to a user who must change a one-time password', async () => {
    const current = (await secadmin.get('/api/security/settings')).json<Record<string, unknown>>();
    const { version, ...settings } = current;
    const saved = await secadmin.put(
      '/api/security/settings',
      { ...settings, passwordMinLength: 14, passwordMinClasses: 4 },
      version as number,
    );
    expect(saved.statusCode).toBe(200);

    const sysadmin = await world.signIn('sysadmin');
    const created = await sysadmin.post('/api/users', { username: 'policy_reader', displayName: '读策略' });
    const { initialPassword } = created.json<{ initialPassword: string }>();
    const agent = new Agent(t.app);
    const login = await agent.post('/api/auth/login', {
      username: 'policy_reader',
      password: initialPassword,
    });
    expect(login.json()).toMatchObject({ user: { pendingSetup: 'password' } });

    const res = await agent.get('/api/auth/password-policy');
    expect(res.statusCode).toBe(200);
    const policy = res.json<Policy>();
    expect(policy).toMatchObject({ minLength: 14, minClasses: 4, forbidUsername: true });
    expect(policy.rules).toEqual([
      { id: 'minLength', text: '长度至少 14 个字符' },
      { id: 'minClasses', text: '须包含小写字母、大写字母、数字、符号中的至少 4 类' },
      { id: 'forbidUsername', text: '不能包含用户名' },
      { id: 'notCommon', text: '不能是常见密码（如 Password123!）' },
      { id: 'notBlank', text: '不能主要由空格组成' },
    ]);

    // A password the form would let through under the old, hard-coded rules (10 characters, 3 classes)
    // is refused for reasons the form listed.
    const refused = await agent.post('/api/auth/password', {
      currentPassword: initialPassword,
      newPassword: 'Abcdefgh12',
    });
    expect(refused.json()).toMatchObject({ code: 'PASSWORD_POLICY' });
    const problems = refused.json<{ details: { problems: string[] } }>().details.problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(policy.rules.map((r) => r.text)).toContain(problem);
  });

  it('is for signed-in users only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/password-policy' });
    expect(res.statusCode).toBe(401);
  });
});
