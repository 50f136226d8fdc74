// The request path keeps prepared statements, a parsed copy of the security settings, and on SQLite a
// session's principal and the plans list's pages while the database is unchanged (db/read-cache.ts).
// These tests prove that nothing kept serves a stale decision or answer: a change written through a SECOND
// connection to the same database (as another app process or the console would write it), or through
// this app's own routes, holds from the very next request.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionIdOf } from '../../core/auth/sessions.ts';
import { MINUTE } from '../../core/clock.ts';
import type { Db } from '../../db/connect.ts';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS, secondConnection } from '../../../test/db.ts';

describe.each(DIALECTS)('authentication is never stale across connections (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let other: Db;
  let agent: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
    // Another process's view of the same database: its own connection (SQLite) or pool (PostgreSQL).
    other = secondConnection(t.db, dialect);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  beforeEach(async () => {
    agent = await world.signIn('staff');
    // Warm every cache on the request path first.
    for (let i = 0; i < 3; i++) expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(200);
  });

  const staffId = async () =>
    (
      await other.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'staff')
        .executeTakeFirstOrThrow()
    ).id;

  it('a user disabled through another connection is refused on the very next request', async () => {
    const id = await staffId();
    await other.kysely.updateTable('users').set({ status: 'disabled' }).where('id', '=', id).execute();
    try {
      expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(401);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await other.kysely.updateTable('users').set({ status: 'active' }).where('id', '=', id).execute();
    }
  });

  it('a session ended through another connection is refused on the very next request', async () => {
    const token = /luoshi_session=([^;]+)/.exec(agent.cookie)![1]!;
    await other.kysely.deleteFrom('sessions').where('id', '=', sessionIdOf(token)).execute();
    expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(401);
  });

  it('roles changed through another connection apply to the very next request', async () => {
    const id = await staffId();
    await other.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await trx.insertInto('user_roles').values({ user_id: id, role: 'auditor' }).execute();
    });
    try {
      expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(403);
      expect((await agent.get('/api/auth/me')).json()).toMatchObject({ roles: ['auditor'] });
    } finally {
      await other.kysely.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
        await trx.insertInto('user_roles').values({ user_id: id, role: 'staff' }).execute();
      });
    }
    expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(200);
  });

  it('security settings saved through another connection apply to the very next request', async () => {
    // The parsed settings are kept per version: a shorter idle limit saved elsewhere must end a session
    // that the cached (default, 30 minute) limit would still accept.
    const saved = await other.kysely
      .selectFrom('settings')
      .select(['value', 'version'])
      .where('key', '=', 'security')
      .executeTakeFirst();
    const now = new Date().toISOString();
    if (saved) {
      await other.kysely
        .updateTable('settings')
        .set({
          value: JSON.stringify({ ...JSON.parse(saved.value), sessionIdleMinutes: 5 }),
          version: saved.version + 1,
        })
        .where('key', '=', 'security')
        .execute();
    } else {
      await other.kysely
        .insertInto('settings')
        .values({
          key: 'security',
          value: JSON.stringify({ sessionIdleMinutes: 5 }),
          version: 1,
          updated_at: now,
        })
        .execute();
    }
    try {
      t.clock.advance(6 * MINUTE);
      expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(401);
    } finally {
      await other.kysely.deleteFrom('settings').where('key', '=', 'security').execute();
    }
  });

  it('a plan changed through another connection is listed as it now is on the very next request', async () => {
    const list = async () =>
      (await agent.get('/api/plans?limit=20')).json<{ items: { id: number; title: string }[] }>().items;
    const title = '2018年统战工作要点';
    const item = { number: '一', heading: '要点', body: '内容', children: [], lead: [], cooperating: [] };
    const nodes = [{ ...item, brandActivities: [], proposedTasks: [] }];
    const outline = {
      title,
      year: 2018,
      preamble: '',
      closing: '',
      brandActivities: [],
      removed: [],
      warnings: [],
      nodes,
    };
    const body = { regionCode: '370000', year: 2018, title, outline, sourceText: title };
    expect((await agent.post('/api/plans', body)).statusCode).toBe(201);
    const [first] = await list();
    await other.kysely
      .updateTable('plans')
      .set({ title: '另一进程改过的标题' })
      .where('id', '=', first!.id)
      .execute();
    expect((await list()).find((p) => p.id === first!.id)?.title).toBe('另一进程改过的标题');
  });

  // The same through this app's own routes: each is a write of this process.
  it('a session ended by signing out is refused on the very next request', async () => {
    const cookie = agent.cookie;
    expect((await agent.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    const res = await t.app.inject({ method: 'GET', url: '/api/plans?limit=20', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });

  it('a user disabled by the system administrator is refused on the very next request', async () => {
    const sysadmin = await world.signIn('sysadmin');
    const id = await staffId();
    const user = (await sysadmin.get(`/api/users/${id}`)).json<{ version: number }>();
    const disabled = await sysadmin.patch(`/api/users/${id}`, { status: 'disabled' }, user.version);
    expect(disabled.statusCode).toBe(200);
    try {
      expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(401);
    } finally {
      await other.kysely.updateTable('users').set({ status: 'active' }).where('id', '=', id).execute();
    }
  });

  it('roles changed by the security administrator apply to the very next request', async () => {
    const secadmin = await world.signIn('secadmin');
    const id = await staffId();
    const user = (await secadmin.get(`/api/users/${id}`)).json<{ version: number }>();
    const changed = await secadmin.put(`/api/users/${id}/roles`, { roles: ['auditor'] }, user.version);
    expect(changed.statusCode).toBe(200);
    try {
      // Changing roles also ends the user's sessions (user.service.ts): signed out at once.
      expect((await agent.get('/api/plans?limit=20')).statusCode).toBe(401);
    } finally {
      await other.kysely.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
        await trx.insertInto('user_roles').values({ user_id: id, role: 'staff' }).execute();
      });
    }
  });

  it('a plan saved through the API is listed on the very next request', async () => {
    const before = (await agent.get('/api/plans?limit=200')).json<{ items: unknown[] }>().items.length;
    const title = '2019年统战工作要点';
    const item = { number: '一', heading: '要点', body: '内容', children: [], lead: [], cooperating: [] };
    const nodes = [{ ...item, brandActivities: [], proposedTasks: [] }];
    const outline = {
      title,
      year: 2019,
      preamble: '',
      closing: '',
      brandActivities: [],
      removed: [],
      warnings: [],
      nodes,
    };
    const created = await agent.post('/api/plans', {
      regionCode: '370000',
      year: 2019,
      title,
      outline,
      sourceText: title,
    });
    expect(created.statusCode).toBe(201);
    expect((await agent.get('/api/plans?limit=200')).json<{ items: unknown[] }>().items).toHaveLength(
      before + 1,
    );
  });
});
