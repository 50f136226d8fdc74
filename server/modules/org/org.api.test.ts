import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedDemo,
  signIn,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

interface Unit {
  id: number;
  regionCode: string;
  name: string;
  version: number;
  status: string;
}
interface User {
  id: number;
  username: string;
  roles: string[];
  status: string;
  version: number;
}

describe.each(DIALECTS)('organisation, users and roles (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let sysadmin: Agent;
  let secadmin: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    sysadmin = await world.signIn('sysadmin');
    secadmin = await world.signIn('secadmin');
  });
  afterAll(() => t.close());

  async function unitIdByName(name: string): Promise<number> {
    const row = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function auditActions(objectType: string, objectId: string | number): Promise<string[]> {
    const rows = await t.s.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', objectType)
      .where('object_id', '=', String(objectId))
      .orderBy('id')
      .execute();
    return rows.map((r) => r.action);
  }

  describe('regions', () => {
    it('creates a county under a city, edits and disables it, each change audited', async () => {
      const created = await sysadmin.post('/api/regions', {
        code: '370198',
        name: '测试县',
        level: 'county',
        parentCode: '370100',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        code: '370198',
        level: 'county',
        parentCode: '370100',
        version: 1,
      });

      const renamed = await sysadmin.patch('/api/regions/370198', { name: '新测试县' }, 1);
      expect(renamed.statusCode).toBe(200);
      const disabled = await sysadmin.patch('/api/regions/370198', { status: 'disabled' }, 2);
      expect(disabled.json()).toMatchObject({ name: '新测试县', status: 'disabled', version: 3 });

      const got = await sysadmin.get('/api/regions/370198');
      expect(got.json()).toMatchObject({ name: '新测试县', status: 'disabled' });
      expect(await auditActions('region', '370198')).toEqual([
        'region.create',
        'region.update',
        'region.update',
      ]);
    });

    it('refuses a level that does not match the parent', async () => {
      for (const body of [
        { code: '370197', name: '错层', level: 'county', parentCode: '370000' }, // county directly under province
        { code: '370196', name: '错层', level: 'city', parentCode: '370100' }, // city under a city
        { code: '370195', name: '错层', level: 'city', parentCode: null }, // only provinces are roots
        { code: '370194', name: '错层', level: 'county', parentCode: '370102' }, // nothing under a county
      ]) {
        const res = await sysadmin.post('/api/regions', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
      const rows = await t.s.db.kysely
        .selectFrom('regions')
        .select('code')
        .where('code', 'in', ['370197', '370196', '370195', '370194'])
        .execute();
      expect(rows).toEqual([]);
    });

    it('refuses a duplicate code', async () => {
      const res = await sysadmin.post('/api/regions', {
        code: '370100',
        name: '济南',
        level: 'city',
        parentCode: '370000',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'REGION_EXISTS' });
    });
  });

  describe('units', () => {
    it('lists, creates, edits and disables a unit', async () => {
      const parent = await unitIdByName('中共山东省委统战部');
      const created = await sysadmin.post('/api/units', {
        regionCode: '370000',
        name: '测试处',
        kind: 'office',
        parentId: parent,
      });
      expect(created.statusCode).toBe(201);
      const unit = created.json<Unit & { parentId: number }>();
      expect(unit).toMatchObject({
        regionCode: '370000',
        regionName: '山东省',
        parentId: parent,
        version: 1,
      });

      const listed = await sysadmin.get('/api/units?q=测试处');
      expect(listed.json<{ items: Unit[] }>().items.map((u) => u.id)).toEqual([unit.id]);

      const edited = await sysadmin.patch(`/api/units/${unit.id}`, { name: '测试二处', kind: 'other' }, 1);
      expect(edited.statusCode).toBe(200);
      const disabled = await sysadmin.patch(`/api/units/${unit.id}`, { status: 'disabled' }, 2);
      expect(disabled.json()).toMatchObject({
        name: '测试二处',
        kind: 'other',
        status: 'disabled',
        version: 3,
      });
      const active = await sysadmin.get('/api/units?status=active&q=测试二处');
      expect(active.json<{ items: Unit[] }>().items).toEqual([]);
      expect(await auditActions('unit', unit.id)).toEqual(['unit.create', 'unit.update', 'unit.update']);
    });

    it('keeps a unit’s short names (简称): given on create, edited, refused when blank, audited', async () => {
      const created = await sysadmin.post('/api/units', {
        regionCode: '370000',
        name: '山东省测试事务局',
        kind: 'department',
        aliases: ['省测试局', ' 省测试局 ', '测试局'],
      });
      expect(created.statusCode, created.body).toBe(201);
      const unit = created.json<Unit & { aliases: string[] }>();
      expect(unit.aliases).toEqual(['省测试局', '测试局']);
      const blank = await sysadmin.patch(`/api/units/${unit.id}`, { aliases: ['  '] }, unit.version);
      expect(blank.statusCode).toBe(400);
      expect(blank.body).toContain('简称不能为空');
      const edited = await sysadmin.patch(`/api/units/${unit.id}`, { aliases: ['省测试局'] }, unit.version);
      expect(edited.statusCode, edited.body).toBe(200);
      expect(
        (await sysadmin.get(`/api/units?q=山东省测试事务局`)).json<{ items: unknown[] }>().items,
      ).toEqual([expect.objectContaining({ id: unit.id, aliases: ['省测试局'] })]);
      const rows = await t.s.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('object_type', '=', 'unit')
        .where('object_id', '=', String(unit.id))
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.action)).toEqual(['unit.create', 'unit.update']);
      // The update's record holds the short names before and after.
      expect(rows[1]!.detail).toContain('"aliases":["省测试局","测试局"]');
      expect(rows[1]!.detail).toContain('"aliases":["省测试局"]');
    });

    it('refuses to make a unit its own ancestor', async () => {
      const top = (
        await sysadmin.post('/api/units', { regionCode: '370000', name: '环上', kind: 'office' })
      ).json<Unit>();
      const child = (
        await sysadmin.post('/api/units', {
          regionCode: '370000',
          name: '环下',
          kind: 'office',
          parentId: top.id,
        })
      ).json<Unit>();
      const res = await sysadmin.patch(`/api/units/${top.id}`, { parentId: child.id }, top.version);
      expect(res.statusCode).toBe(400);
      const self = await sysadmin.patch(`/api/units/${top.id}`, { parentId: top.id }, top.version);
      expect(self.statusCode).toBe(400);
    });
  });

  describe('users', () => {
    it('creates a user with a one-time password that must be changed, then edits it', async () => {
      const unitId = await unitIdByName('研究室');
      const res = await sysadmin.post('/api/users', { username: 'new_user', displayName: '新用户', unitId });
      expect(res.statusCode).toBe(201);
      const { user, initialPassword } = res.json<{ user: User; initialPassword: string }>();
      expect(user).toMatchObject({
        username: 'new_user',
        roles: [],
        status: 'active',
        mustChangePassword: true,
        unit: { id: unitId, name: '研究室' },
        region: { code: '370000' },
      });
      expect(initialPassword.length).toBeGreaterThanOrEqual(10);

      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'new_user', password: initialPassword },
      });
      expect(login.statusCode).toBe(200);

      const edited = await sysadmin.patch(`/api/users/${user.id}`, { displayName: '改名' }, user.version);
      expect(edited.json()).toMatchObject({ displayName: '改名', version: user.version + 1 });
      const list = await sysadmin.get('/api/users?q=new_user');
      expect(list.json<{ items: User[] }>().items.map((u) => u.username)).toEqual(['new_user']);
      // The first sign-in with the initial password is recorded as such.
      expect(await auditActions('user', user.id)).toEqual([
        'user.create',
        'auth.login',
        'auth.one_time_password_used',
        'user.update',
      ]);
    });

    it('refuses a taken username', async () => {
      const res = await sysadmin.post('/api/users', { username: 'staff', displayName: '重名' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'USERNAME_TAKEN' });
    });

    it('ends every session of a user at once when the user is disabled', async () => {
      const first = await world.signIn('leader');
      const second = await world.signIn('leader');
      expect((await first.get('/api/auth/me')).statusCode).toBe(200);
      const leader = await t.s.db.kysely
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'leader')
        .executeTakeFirstOrThrow();
      const before = await t.s.db.kysely
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', leader.id)
        .execute();
      expect(before.length).toBeGreaterThanOrEqual(2);

      const res = await sysadmin.patch(`/api/users/${leader.id}`, { status: 'disabled' }, leader.version);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'disabled' });

      const after = await t.s.db.kysely
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', leader.id)
        .execute();
      expect(after).toEqual([]);
      expect((await first.get('/api/auth/me')).statusCode).toBe(401);
      expect((await second.get('/api/auth/me')).statusCode).toBe(401);
      const relogin = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'leader', password: world.accounts.leader!.password },
      });
      expect(relogin.statusCode).toBe(403);
      expect(await auditActions('user', leader.id)).toContain('user.disable');

      const enabled = await sysadmin.patch(
        `/api/users/${leader.id}`,
        { status: 'active' },
        leader.version + 1,
      );
      expect(enabled.statusCode).toBe(200);
    });
  });

  describe('roles', () => {
    async function freshUser(username: string): Promise<User> {
      const res = await sysadmin.post('/api/users', { username, displayName: username });
      return res.json<{ user: User }>().user;
    }

    it('lets the security administrator assign roles, and not the system administrator', async () => {
      const user = await freshUser('role_target');
      const denied = await sysadmin.put(`/api/users/${user.id}/roles`, { roles: ['staff'] }, user.version);
      expect(denied.statusCode).toBe(403);
      const granted = await secadmin.put(
        `/api/users/${user.id}/roles`,
        { roles: ['staff', 'leader'] },
        user.version,
      );
      expect(granted.statusCode).toBe(200);
      expect([...granted.json<User>().roles].sort()).toEqual(['leader', 'staff']);
      const stored = await t.s.db.kysely
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', user.id)
        .execute();
      expect(stored.map((r) => r.role).sort()).toEqual(['leader', 'staff']);
      expect(await auditActions('user', user.id)).toEqual(['user.create', 'user.roles_set']);
    });

    it('keeps sysadmin, secadmin and auditor exclusive of each other and of business roles', async () => {
      const user = await freshUser('role_conflict');
      const combos = [
        ['sysadmin', 'secadmin'],
        ['sysadmin', 'auditor'],
        ['secadmin', 'auditor'],
        ['auditor', 'staff'],
        ['sysadmin', 'leader'],
        ['secadmin', 'handler'],
      ];
      for (const roles of combos) {
        const res = await secadmin.put(`/api/users/${user.id}/roles`, { roles }, user.version);
        expect(res.statusCode, roles.join('+')).toBe(409);
        expect(res.json()).toMatchObject({ code: 'ROLE_CONFLICT' });
      }
      const stored = await t.s.db.kysely
        .selectFrom('user_roles')
        .select('role')
        .where('user_id', '=', user.id)
        .execute();
      expect(stored).toEqual([]);
      const alone = await secadmin.put(`/api/users/${user.id}/roles`, { roles: ['auditor'] }, user.version);
      expect(alone.json()).toMatchObject({ roles: ['auditor'] });
    });

    it('refuses an empty role set (a user with nothing to do) and keeps the roles the user had', async () => {
      const user = await freshUser('role_empty');
      const none = await secadmin.put(`/api/users/${user.id}/roles`, { roles: [] }, user.version);
      expect(none.statusCode).toBe(400);
      expect(none.json()).toMatchObject({ code: 'ROLES_REQUIRED' });
      expect(none.json<{ message: string }>().message).toContain('至少选择一个角色');
      const granted = await secadmin.put(`/api/users/${user.id}/roles`, { roles: ['staff'] }, user.version);
      const cleared = await secadmin.put(
        `/api/users/${user.id}/roles`,
        { roles: [] },
        granted.json<User>().version,
      );
      expect(cleared.json()).toMatchObject({ code: 'ROLES_REQUIRED' });
      expect((await sysadmin.get(`/api/users/${user.id}`)).json()).toMatchObject({ roles: ['staff'] });
      expect(await auditActions('user', user.id)).toEqual(['user.create', 'user.roles_set']);
    });

    it('keeps the system administrator out of the audit log, and the auditor out of every write', async () => {
      expect((await sysadmin.get('/api/audit')).statusCode).toBe(403);
      const auditor = await world.signIn('auditor');
      expect((await auditor.get('/api/audit')).statusCode).toBe(200);
      expect((await auditor.post('/api/audit/verify')).json()).toMatchObject({ ok: true });
      const target = await freshUser('auditor_target');
      const writes = [
        () => auditor.post('/api/units', { regionCode: '370000', name: '审计员建', kind: 'office' }),
        () => auditor.post('/api/users', { username: 'by_auditor', displayName: 'x' }),
        () => auditor.patch(`/api/users/${target.id}`, { displayName: 'x' }, target.version),
        () => auditor.put(`/api/users/${target.id}/roles`, { roles: ['staff'] }, target.version),
        () => auditor.post(`/api/users/${target.id}/password-reset`),
        () => auditor.patch('/api/regions/370000', { name: 'x' }, 1),
      ];
      for (const write of writes) expect((await write()).statusCode).toBe(403);
      const made = await t.s.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'by_auditor')
        .execute();
      expect(made).toEqual([]);
    });
  });

  it('does not let a disabled account act through an old agent (second sign-in of a fresh user)', async () => {
    const res = await sysadmin.post('/api/users', { username: 'short_lived', displayName: '临时' });
    const { user, initialPassword } = res.json<{ user: User; initialPassword: string }>();
    const agent = await signIn(t, 'short_lived', initialPassword);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    await sysadmin.patch(`/api/users/${user.id}`, { status: 'disabled' }, user.version);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });
});
