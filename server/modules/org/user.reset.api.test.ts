import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface UserRow {
  id: number;
  username: string;
  roles: string[];
  passwordResetOnConsoleOnly: boolean;
  disableForbidden: boolean;
  status: string;
  version: number;
}

describe.each(DIALECTS)('password reset by the system administrator (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    sysadmin = await (await seedDemo(t)).signIn('sysadmin');
    const page = (await sysadmin.get('/api/users?limit=200')).json<{ items: UserRow[] }>();
    ids = Object.fromEntries(page.items.map((u) => [u.username, u.id]));
  });
  afterAll(() => t.close());

  it('resets a business account and hands back a one-time password', async () => {
    const res = await sysadmin.post(`/api/users/${ids.handler}/password-reset`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ initialPassword: string }>().initialPassword.length).toBeGreaterThanOrEqual(10);
  });

  it.each(['auditor', 'secadmin'])('refuses to reset the %s account, and changes nothing', async (name) => {
    const before = await t.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', name)
      .executeTakeFirstOrThrow();
    const res = await sysadmin.post(`/api/users/${ids[name]}/password-reset`);
    expect(res.statusCode).toBe(403);
    const after = await t.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', name)
      .executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
  });

  it('marks exactly the accounts the server refuses to reset, so the page offers 重置密码 only where it works', async () => {
    const users = (await sysadmin.get('/api/users?limit=200')).json<{ items: UserRow[] }>().items;
    const consoleOnly = users.filter((u) => u.passwordResetOnConsoleOnly).map((u) => u.username);
    expect(consoleOnly.sort()).toEqual(['auditor', 'secadmin', 'sysadmin']);
    for (const user of users) {
      const res = await sysadmin.post(`/api/users/${user.id}/password-reset`);
      expect(res.statusCode, user.username).toBe(user.passwordResetOnConsoleOnly ? 403 : 200);
    }
  });

  it('marks exactly the accounts the server refuses to disable, so the page offers 停用 only where it works', async () => {
    const users = (await sysadmin.get('/api/users?limit=200')).json<{ items: UserRow[] }>().items;
    const forbidden = users.filter((u) => u.disableForbidden).map((u) => u.username);
    expect(forbidden.sort()).toEqual(['auditor', 'secadmin']);
    for (const user of users.filter((u) => u.username !== 'sysadmin')) {
      const res = await sysadmin.patch(`/api/users/${user.id}`, { status: 'disabled' }, user.version);
      expect(res.statusCode, user.username).toBe(user.disableForbidden ? 403 : 200);
    }
  });
});
