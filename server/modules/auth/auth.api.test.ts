import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('login and session (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
  });
  afterAll(() => t.close());

  it('signs in with the right password and answers /me with unit and region', async () => {
    const agent = await world.signIn('staff');
    const me = await agent.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: 'staff',
      roles: ['staff'],
      unit: { name: '办公室' },
      region: { code: '370000', name: '山东省' },
    });
  });

  it('answers 401 on /me without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
