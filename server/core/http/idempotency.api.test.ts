import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('Idempotency-Key on creates (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  let reSignIn: () => Promise<Agent>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    reSignIn = () => world.signIn('sysadmin');
    sysadmin = await reSignIn();
  });
  afterAll(() => t.close());

  async function count(table: 'units' | 'users' | 'audit_log') {
    const row = await t.s.db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('replays the first response for the same key and creates nothing new', async () => {
    const key = idempotencyKey();
    const body = { regionCode: '370000', name: '幂等单位', kind: 'office' };
    const first = await sysadmin.post('/api/units', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const units = await count('units');
    const audit = await count('audit_log');
    const replay = await sysadmin.post('/api/units', body, { 'idempotency-key': key });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json<{ id: number }>().id).toBe(first.json<{ id: number }>().id);
    expect(replay.json()).toEqual(first.json());
    expect(await count('units')).toBe(units);
    expect(await count('audit_log')).toBe(audit);

    const other = await sysadmin.post('/api/units', body, { 'idempotency-key': idempotencyKey() });
    expect(other.json<{ id: number }>().id).not.toBe(first.json<{ id: number }>().id);
  });

  it('refuses the same key on another URL with 409', async () => {
    const key = idempotencyKey();
    const first = await sysadmin.post(
      '/api/units',
      { regionCode: '370000', name: '键一', kind: 'office' },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(201);
    const users = await count('users');
    const reused = await sysadmin.post(
      '/api/users',
      { username: 'keyed_user', displayName: 'k' },
      { 'idempotency-key': key },
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count('users')).toBe(users);
  });

  it('refuses the same key with a different body on the same URL with 409', async () => {
    const key = idempotencyKey();
    const body = { regionCode: '370000', name: '键二', kind: 'office' };
    expect((await sysadmin.post('/api/units', body, { 'idempotency-key': key })).statusCode).toBe(201);
    const units = await count('units');
    const changed = await sysadmin.post('/api/units', { ...body, name: '键三' }, { 'idempotency-key': key });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await count('units')).toBe(units);
  });

  it('creates once when two requests race with the same key', async () => {
    const key = idempotencyKey();
    const body = { regionCode: '370000', name: '并发单位', kind: 'office' };
    const answers = await Promise.all([
      sysadmin.post('/api/units', body, { 'idempotency-key': key }),
      sysadmin.post('/api/units', body, { 'idempotency-key': key }),
    ]);
    const created = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '并发单位')
      .execute();
    expect(created).toHaveLength(1);
    for (const a of answers) {
      expect([201, 409]).toContain(a.statusCode);
      if (a.statusCode === 201) expect(a.json<{ id: number }>().id).toBe(created[0]!.id);
      else expect(a.json()).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
    }
  });

  it('forgets a key after a day, so it may name a new create', async () => {
    const key = idempotencyKey();
    const first = await sysadmin.post(
      '/api/units',
      { regionCode: '370000', name: '旧键单位', kind: 'office' },
      { 'idempotency-key': key },
    );
    t.clock.advance(25 * 60 * 60 * 1000);
    sysadmin = await reSignIn();
    const later = await sysadmin.post(
      '/api/units',
      { regionCode: '370000', name: '新键单位', kind: 'office' },
      { 'idempotency-key': key },
    );
    expect(later.statusCode).toBe(201);
    expect(later.json<{ id: number }>().id).not.toBe(first.json<{ id: number }>().id);
  });

  it('does not keep a one-time password readable in the replay store', async () => {
    const key = idempotencyKey();
    const first = await sysadmin.post(
      '/api/users',
      { username: 'keyed_once', displayName: 'k' },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(201);
    const { initialPassword } = first.json<{ initialPassword: string }>();
    const stored = await t.s.db.kysely.selectFrom('idempotency_keys').select('body').execute();
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) expect(row.body).not.toContain(initialPassword);
    const replay = await sysadmin.post(
      '/api/users',
      { username: 'keyed_once', displayName: 'k' },
      { 'idempotency-key': key },
    );
    expect(replay.json()).toEqual(first.json());
  });

  it('does not store a failed create, so the key can be retried', async () => {
    const key = idempotencyKey();
    const bad = await sysadmin.post(
      '/api/units',
      { regionCode: '999999', name: '无区划', kind: 'office' },
      { 'idempotency-key': key },
    );
    expect(bad.statusCode).toBe(404);
    const good = await sysadmin.post(
      '/api/units',
      { regionCode: '370000', name: '重试成功', kind: 'office' },
      { 'idempotency-key': key },
    );
    expect(good.statusCode).toBe(201);
  });
});
