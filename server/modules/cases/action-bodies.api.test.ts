// Action bodies through the API, on both databases: every action with a bad body is refused by the route
// with 400 VALIDATION_FAILED, a Chinese message and the field named, and nothing is saved (version,
// timeline, audit unchanged); an action that does not exist, or no body, likewise. What depends on the
// case's type (forwarding a proposal needs a lead unit) is refused with the same code by the transition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { CASE_ACTIONS } from './engine/vocabulary.ts';
import { BAD_ACTION_BODIES } from './testing/action.samples.ts';
import { act, getCase, proposalContent, tryAction, type CaseOut } from './testing/case.fixtures.ts';

interface Refusal {
  code: string;
  message: string;
  details?: { problems: { in: string; path: string; message: string }[] };
}

const CHINESE = /[\u4e00-\u9fff]/;

describe.each(DIALECTS)('case action bodies (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let submitter: Agent;
  let c: CaseOut;

  const auditCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('object_type', '=', 'case')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    submitter = await world.signIn('submitter');
    const created = await submitter.post(
      '/api/cases',
      { type: 'proposal', title: '关于优化涉企审批流程的建议', content: proposalContent },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(created.statusCode, created.body).toBe(201);
    c = await act(submitter, created.json<CaseOut>().id, 'submit');
  });
  afterAll(() => t.close());

  it.each(CASE_ACTIONS)(
    'refuses %s with a bad body: 400 VALIDATION_FAILED, nothing saved',
    async (action) => {
      const before = await getCase(staff, c.id);
      const audits = await auditCount();
      const { body, field } = BAD_ACTION_BODIES[action];
      for (const agent of [staff, submitter]) {
        const res = await tryAction(agent, c.id, action, body);
        expect(res.statusCode, `${action}: ${res.body}`).toBe(400);
        const refusal = res.json<Refusal>();
        expect(refusal.code).toBe('VALIDATION_FAILED');
        expect(refusal.message).toMatch(CHINESE);
        const problem = refusal.details!.problems.find((p) => p.path === field);
        expect(problem, res.body).toBeDefined();
        expect(problem!.in).toBe('body');
        expect(problem!.message).toMatch(CHINESE);
      }
      const after = await getCase(staff, c.id);
      expect(after.version).toBe(before.version);
      expect(after.state).toBe('submitted');
      expect(after.timeline).toHaveLength(before.timeline.length);
      expect(await auditCount()).toBe(audits);
    },
  );

  it('refuses an action that does not exist, and a request without a body', async () => {
    const version = (await getCase(staff, c.id)).version;
    for (const payload of [{ action: 'approve' }, { comment: '没有写操作' }]) {
      const res = await staff.request({
        method: 'POST',
        url: `/api/cases/${c.id}/actions`,
        payload,
        ifMatch: version,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<Refusal>()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.json<Refusal>().message).toContain('没有这一操作');
    }
    const empty = await staff.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      ifMatch: version,
    });
    expect(empty.statusCode, empty.body).toBe(400);
    expect(empty.json<Refusal>().code).toBe('VALIDATION_FAILED');
    expect(empty.json<Refusal>().message).toMatch(CHINESE);
    expect((await getCase(staff, c.id)).version).toBe(version);
  });

  it('refuses what the case’s type requires with the same code: a proposal is forwarded to a lead unit', async () => {
    const accepted = await act(staff, c.id, 'accept');
    const res = await tryAction(staff, c.id, 'forward', { dueDate: '2026-04-30' });
    expect(res.statusCode, res.body).toBe(400);
    const refusal = res.json<Refusal>();
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.message).toContain('主办单位');
    expect(refusal.details!.problems[0]!.path).toBe('leadUnitId');
    const after = await getCase(staff, c.id);
    expect(after.version).toBe(accepted.version);
    expect(after.state).toBe('accepted');
  });
});
