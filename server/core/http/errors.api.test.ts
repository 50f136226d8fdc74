import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, seedDemo, testConfig, type Agent, type TestApp } from '../../../test/app.ts';
import { createTestDb, DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('API conventions: errors, OpenAPI, health (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    sysadmin = await (await seedDemo(t)).signIn('sysadmin');
  });
  afterAll(() => t.close());

  it('publishes an OpenAPI document listing the routes with their paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/api/regions', 'post'],
      ['/api/units/{id}', 'patch'],
      ['/api/users/{id}/roles', 'put'],
      ['/api/audit', 'get'],
      ['/api/auth/login', 'post'],
      ['/api/health', 'get'],
    ] as const) {
      expect(doc.paths[path], path).toBeDefined();
      expect(doc.paths[path]![method], `${method} ${path}`).toBeDefined();
    }
    // The request body schema comes from the same Zod schema that validates it.
    const post = doc.paths['/api/units']!.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    expect(post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['regionCode', 'name', 'kind']),
    );
  });

  it('serves the API browser', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    const page =
      res.statusCode === 302 ? await t.app.inject({ method: 'GET', url: String(res.headers.location) }) : res;
    expect(page.statusCode).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(page.body).toContain('<html');
  });

  it('rejects unknown fields with VALIDATION_FAILED in the one error shape', async () => {
    const res = await sysadmin.post('/api/units', {
      regionCode: '370000',
      name: '多字段',
      kind: 'office',
      extra: 1,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; message: string }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(typeof body.message).toBe('string');
    const unknownQuery = await sysadmin.get('/api/units?colour=red');
    expect(unknownQuery.statusCode).toBe(400);
    expect(unknownQuery.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const rows = await t.s.db.kysely.selectFrom('units').select('id').where('name', '=', '多字段').execute();
    expect(rows).toEqual([]);
  });

  it('says in Chinese which field is wrong and by how much, with per-field details', async () => {
    const res = await sysadmin.get(`/api/plans/search?q=${'统'.repeat(101)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'VALIDATION_FAILED',
      message: '查询条件 q 不能超过 100 个字符',
      details: {
        problems: [
          { in: 'querystring', path: 'q', code: 'too_big', message: '查询条件 q 不能超过 100 个字符' },
        ],
      },
    });
    const body = await sysadmin.post('/api/units', {
      regionCode: '370000',
      name: '',
      kind: 'office',
      extra: 1,
    });
    expect(body.statusCode).toBe(400);
    const problems = body.json<{
      details: { problems: Array<{ in: string; path: string; message: string }> };
    }>().details.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'body', path: 'name', message: 'name 不能为空' }),
        expect.objectContaining({ in: 'body', path: '', message: '未知字段：extra' }),
      ]),
    );
  });

  it('rejects any field sent to an action that takes no input', async () => {
    const users = await sysadmin.get('/api/users?limit=1');
    const id = users.json<{ items: Array<{ id: number }> }>().items[0]!.id;
    const res = await sysadmin.post(`/api/users/${id}/unlock`, { force: true });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await sysadmin.post(`/api/users/${id}/unlock`, {})).statusCode).toBe(200);
  });

  it('answers every failure as {code, message}', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/units' }), // 401
      await sysadmin.get('/api/audit'), // 403
      await sysadmin.get('/api/units/999999'), // 404
      await sysadmin.get('/api/no-such-route'), // 404 route
      await sysadmin.post('/api/regions', {
        code: '370100',
        name: '济南',
        level: 'city',
        parentCode: '370000',
      }), // 409
      await sysadmin.patch('/api/regions/370100', { name: '济南市' }), // 428
      await sysadmin.patch('/api/regions/370100', { name: '济南市' }, 99), // 412
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
      }), // 400
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([401, 403, 404, 404, 409, 428, 412, 400]);
    for (const a of answers) {
      const body = a.json<Record<string, unknown>>();
      expect(typeof body.code).toBe('string');
      expect(typeof body.message).toBe('string');
      expect(Object.keys(body).filter((k) => k !== 'details')).toEqual(['code', 'message']);
    }
  });

  it('reports the database reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });
});

describe.each(DIALECTS)('an unexpected error (%s)', (dialect) => {
  it('is logged and answered with a generic 500 naming the request id', async () => {
    const db = await createTestDb(dialect);
    const logs: string[] = [];
    const { app } = await buildApp({
      config: testConfig({ LOG_LEVEL: 'error' }),
      db,
      secretKey: crypto.randomBytes(32),
      logger: false,
    });
    app.addHook('onError', async (_req, _reply, err) => {
      logs.push(err.message);
    });
    app.get('/api/test/boom', { config: { access: { permission: 'public', scope: 'none' } } }, () => {
      throw new Error('connection string postgres://secret@db failed');
    });
    await app.ready();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/test/boom' });
      expect(res.statusCode).toBe(500);
      const body = res.json<{ code: string; message: string }>();
      expect(body.code).toBe('INTERNAL');
      expect(body.message).toMatch(/请求编号 [0-9a-f-]{36}/);
      expect(res.body).not.toContain('secret');
      expect(logs).toEqual(['connection string postgres://secret@db failed']);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
