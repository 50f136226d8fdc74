// Input that used to answer 500 or be stored as invalid text (issue 6 §1.8): a deeply nested outline,
// lone UTF-16 surrogates in any string field. One check in front of every route's validator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { node, outlineOf } from '../../modules/plans/testing/plan.fixtures.ts';
import { z } from 'zod';
import { guardedValidatorCompiler, hasLoneSurrogate, inputProblem, MAX_INPUT_DEPTH } from './input.guard.ts';

describe("a route's query string, checked once per text", () => {
  const schema = z.strictObject({
    limit: z.coerce.number().int().max(100).default(20),
    status: z
      .string()
      .transform((v) => v.split(','))
      .optional(),
  });
  const compile = (httpPart: string) =>
    guardedValidatorCompiler({ schema, httpPart, method: 'GET', url: '/x' }) as (data: unknown) => {
      value?: { limit: number; status?: string[] };
      error?: unknown;
    };

  it('answers a repeat with the value it checked, frozen, and a different text afresh', () => {
    const validate = compile('querystring');
    const first = validate({ limit: '5', status: 'a,b' });
    expect(first.value).toEqual({ limit: 5, status: ['a', 'b'] });
    const again = validate({ limit: '5', status: 'a,b' });
    expect(again.value).toBe(first.value);
    expect(Object.isFrozen(again.value)).toBe(true);
    expect(Object.isFrozen(again.value!.status)).toBe(true);
    expect(validate({ limit: '6' }).value).toEqual({ limit: 6 });
  });

  it('checks a long query string every time: it is not kept', () => {
    const validate = compile('querystring');
    const long = { limit: '5', status: 'a,'.repeat(300) + 'b' };
    const first = validate(long);
    expect(first.value!.status).toHaveLength(301);
    expect(validate(long).value).not.toBe(first.value);
  });

  it('refuses bad input every time and keeps nothing of it', () => {
    const validate = compile('querystring');
    for (let i = 0; i < 3; i++) expect(validate({ limit: '500' }).error).toBeDefined();
    expect(validate({ limit: 'x\ud800' }).error).toMatchObject({ code: 'INPUT_INVALID_TEXT' });
  });

  it('checks a body every time: bodies are not kept', () => {
    const validate = compile('body');
    const first = validate({ limit: 5 });
    expect(validate({ limit: 5 }).value).not.toBe(first.value);
  });
});

describe('inputProblem', () => {
  it('finds lone surrogates, high or low, in values and keys, and passes paired ones', () => {
    expect(hasLoneSurrogate('ab\ud800')).toBe(true);
    expect(hasLoneSurrogate('\udc00ab')).toBe(true);
    expect(hasLoneSurrogate('\udc00\ud800')).toBe(true);
    expect(hasLoneSurrogate('统战😀𠀀')).toBe(false);
    expect(inputProblem({ a: [{ b: 'x\udfff' }] }, 'body')).toMatchObject({
      code: 'INPUT_INVALID_TEXT',
      details: { path: 'body/a/0/b' },
    });
    expect(inputProblem({ ['k\ud800']: 1 }, 'querystring')).toMatchObject({ code: 'INPUT_INVALID_TEXT' });
    expect(inputProblem({ a: ['ok', 1, null, true] }, 'body')).toBeNull();
  });

  it('stops at the depth limit without recursing (a million levels)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(inputProblem(deep, 'body')).toMatchObject({
      code: 'INPUT_TOO_DEEP',
      details: { limit: MAX_INPUT_DEPTH },
    });
  });
});

describe.each(DIALECTS)('input guard over the API (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
  });
  afterAll(() => t.close());

  const draft = (title: string, nodes = [node('加强政治引领')]) => ({
    regionCode: '370000',
    year: 2024,
    title,
    outline: outlineOf('2024年统战工作要点', 2024, nodes),
    sourceText: '',
  });

  it('answers 400 naming the limit for an outline nested 3,000 levels deep (was 500)', async () => {
    // Written as text: serialising 3,000 levels would overflow the test's own stack.
    const open = (level: number) => {
      const { children: _none, ...fields } = node(`第 ${level} 级`);
      return JSON.stringify({ ...fields, children: [] }).replace(/\[\]\}$/, '[');
    };
    let nested = '';
    for (let level = 1; level <= 3000; level++) nested += open(level);
    nested += ']}'.repeat(3000);
    const body = JSON.stringify(draft('2024年统战工作要点', [])).replace('"nodes":[]', `"nodes":[${nested}]`);
    const res = await staff.post('/api/plans', body, { 'content-type': 'application/json' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INPUT_TOO_DEEP', details: { limit: MAX_INPUT_DEPTH } });
    expect(res.json<{ message: string }>().message).toContain(`${MAX_INPUT_DEPTH} 层`);
    // Six levels is within the input limit and answered by the plan rules, in Chinese.
    let six = node('第 6 级');
    for (let level = 5; level > 0; level--) six = node(`第 ${level} 级`, '', [six]);
    const rules = await staff.post('/api/plans', draft('2024年统战工作要点', [six]));
    expect(rules.statusCode, rules.body).toBe(400);
    expect(rules.json()).toMatchObject({ code: 'PLAN_TREE_INVALID' });
  });

  it('refuses a lone surrogate in a plan title', async () => {
    const res = await staff.post('/api/plans', draft('2024年统战\ud800工作要点'));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INPUT_INVALID_TEXT', details: { path: 'body/title' } });
    expect(res.json<{ message: string }>().message).toContain('body/title');
    const plans = await t.s.db.kysely.selectFrom('plans').select('title').execute();
    expect(plans.filter((p) => hasLoneSurrogate(p.title))).toEqual([]);
  });

  it('refuses a lone surrogate in a username (sign-in and a new user’s name)', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff\udc00', password: 'whatever-1234' },
    });
    expect(login.statusCode, login.body).toBe(400);
    expect(login.json()).toMatchObject({ code: 'INPUT_INVALID_TEXT', details: { path: 'body/username' } });
    const sysadmin = await world.signIn('sysadmin');
    const created = await sysadmin.post('/api/users', {
      username: 'newcomer',
      displayName: '新\ud83d同事',
      regionCode: '370000',
      roles: ['staff'],
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json()).toMatchObject({
      code: 'INPUT_INVALID_TEXT',
      details: { path: 'body/displayName' },
    });
  });

  it('refuses a lone surrogate in a password, so two such passwords cannot collapse into one', async () => {
    const account = world.accounts.lixia_staff!;
    const agent = await world.signIn('lixia_staff');
    const res = await agent.post('/api/auth/password', {
      currentPassword: account.password,
      newPassword: 'Luoshi-2024-\ud800x',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INPUT_INVALID_TEXT', details: { path: 'body/newPassword' } });
  });
});
