// 议政建言 end to end through the API, on both databases: a party committee drafts and co-signs, staff
// accept and forward, the department asks to return it and is refused, the units answer, a co-signer is
// not satisfied and the case reopens, the second answer satisfies, staff adopt it, record a 批示 and turn
// it into a task, whose progress the proposer sees and whose completion the proposer is told of. Also:
// scope (another party's submitter gets 404), refused actions change nothing, the return window, merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { createDraft, node, outlineOf, publish } from '../plans/testing/plan.fixtures.ts';
import {
  act,
  getCase,
  person,
  proposalContent,
  tryAction,
  unitIds,
  type CaseOut,
} from './testing/case.fixtures.ts';

describe.each(DIALECTS)('议政建言 proposals (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let submitter: Agent;
  let handler: Agent;
  let leader: Agent;
  let cosigner: { agent: Agent; userId: number };
  let outsider: { agent: Agent; userId: number };
  let commerce: { agent: Agent; userId: number };
  let unit: Record<string, number>;
  let planItemId: number;

  const inbox = async (agent: Agent) =>
    (await agent.get('/api/inbox?limit=50')).json<{ items: { kind: string; title: string }[] }>().items;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Monday 2 March 2026, a working day.
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    submitter = await world.signIn('submitter');
    handler = await world.signIn('handler');
    leader = await world.signIn('leader');
    unit = await unitIds(t);
    cosigner = await person(t, 'minjian', unit['民建山东省委会']!, 'submitter');
    outsider = await person(t, 'minjin', unit['民进山东省委会']!, 'submitter');
    commerce = await person(t, 'commerce', unit['山东省商务厅']!, 'handler');
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      node('一、促进民营经济发展', '优化营商环境。'),
    ]);
    const plan = await publish(
      staff,
      await createDraft(staff, { regionCode: '370000', year: 2026, title: outline.title, outline }),
    );
    planItemId = plan.items[0]!.id;
  });
  afterAll(() => t.close());

  async function draft(title = '关于破解民营企业融资难的建议'): Promise<CaseOut> {
    const res = await submitter.post(
      '/api/cases',
      { type: 'proposal', title, content: proposalContent },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CaseOut>();
  }

  it('goes from draft to done: co-sign, accept, forward, return refused, answer, reopen, adopt, task, done', async () => {
    const key = idempotencyKey();
    const body = { type: 'proposal', title: '关于破解民营企业融资难的建议', content: proposalContent };
    const created = await submitter.post('/api/cases', body, { 'idempotency-key': key });
    expect(created.statusCode, created.body).toBe(201);
    const again = await submitter.post('/api/cases', body, { 'idempotency-key': key });
    expect(again.json<CaseOut>().id).toBe(created.json<CaseOut>().id);
    let c = created.json<CaseOut>();
    expect(c.state).toBe('draft');
    expect(c.actions.map((a) => a.value).sort()).toEqual(['invite_cosigner', 'submit']);
    // Staff do not see a draft.
    expect((await staff.get(`/api/cases/${c.id}`)).statusCode).toBe(404);

    c = await act(submitter, c.id, 'invite_cosigner', {
      userIds: [cosigner.userId],
      confirmBy: '2026-03-06',
    });
    expect(c.signers).toMatchObject([{ userId: cosigner.userId, status: 'invited' }]);
    // Not submitted while the invitation is pending; nothing changes.
    const early = await tryAction(submitter, c.id, 'submit');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'CASE_RULE', details: { condition: 'no_pending_signers' } });
    expect((await inbox(cosigner.agent)).map((m) => m.kind)).toContain('case.cosign_invited');
    const invited = await getCase(cosigner.agent, c.id);
    expect(invited.actions.map((a) => a.value).sort()).toEqual(['confirm_cosign', 'decline_cosign']);
    await act(cosigner.agent, c.id, 'confirm_cosign');

    c = await act(submitter, c.id, 'submit');
    expect(c.state).toBe('submitted');
    expect(c.dueDate).toBe('2026-03-09');
    expect((await inbox(staff)).some((m) => m.kind === 'case.to_act' && m.title.includes('融资难'))).toBe(
      true,
    );

    // Scope: another party's submitter and a department it was not forwarded to get 404.
    expect((await outsider.agent.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await handler.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    const listed = (await outsider.agent.get('/api/cases?type=proposal')).json<{ items: unknown[] }>();
    expect(listed.items).toHaveLength(0);

    const staffView = await getCase(staff, c.id);
    expect(staffView.actions.map((a) => a.value).sort()).toEqual(
      ['accept', 'decline', 'keep_for_reference', 'mark_key', 'merge', 'record_instruction'].sort(),
    );
    c = await act(staff, c.id, 'accept');
    c = await act(staff, c.id, 'mark_key');
    expect(c.isKey).toBe(true);
    c = await act(staff, c.id, 'forward', {
      leadUnitId: unit['山东省发展和改革委员会'],
      cooperatingUnitIds: [unit['山东省商务厅']],
    });
    expect(c.state).toBe('forwarded');
    // 60 working days from Monday 2 March 2026 on the holiday calendar (清明, 劳动节 holidays).
    expect(c.handlers.map((h) => h.role).sort()).toEqual(['cooperating', 'lead']);
    expect((await inbox(handler)).some((m) => m.kind === 'case.to_act')).toBe(true);

    // The department asks to return it; staff refuse, it is back with the department on its date.
    const handlerView = await getCase(handler, c.id);
    expect(handlerView.relations).toContain('lead_unit');
    expect(handlerView.actions.map((a) => a.value).sort()).toEqual(['answer', 'return']);
    c = await act(handler, c.id, 'return', { reason: '不属于本单位职责' });
    expect(c.state).toBe('return_requested');
    c = await act(staff, c.id, 'reject_return', { reason: '融资信用平台建设由发改委牵头' });
    expect(c.state).toBe('forwarded');
    expect(c.dueDate).toBe(c.handlers.find((h) => h.role === 'lead')!.dueDate);

    // A refused action changes nothing: wrong person (403), wrong state (409), bad input (400).
    const before = await getCase(staff, c.id);
    expect((await tryAction(submitter, c.id, 'answer', { letter: 'x', category: 'solved' })).statusCode).toBe(
      403,
    );
    const wrongState = await tryAction(staff, c.id, 'accept');
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json()).toMatchObject({ code: 'CASE_STATE' });
    const bad = await tryAction(handler, c.id, 'answer', { letter: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    // The lead unit is told of both missing fields at once, each under its own field.
    const problems = bad
      .json<{ details: { problems: { path: string }[] } }>()
      .details.problems.map((p) => p.path);
    expect(problems.sort()).toEqual(['category', 'letter']);
    const stale = await handler.request({
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      payload: { action: 'answer', letter: '答复', category: 'solved' },
      ifMatch: before.version - 1,
    });
    expect(stale.statusCode).toBe(412);
    const after = await getCase(staff, c.id);
    expect(after.version).toBe(before.version);
    expect(after.timeline).toHaveLength(before.timeline.length);
    expect(after.answers).toHaveLength(0);

    // The cooperating unit adds its part, the lead unit answers.
    c = await act(commerce.agent, c.id, 'answer', { letter: '商务厅配合意见' });
    expect(c.state).toBe('forwarded');
    c = await act(handler, c.id, 'answer', { letter: '已纳入我委明年工作计划', category: 'planned' });
    expect(c.state).toBe('answered');
    expect(c.answers.map((a) => [a.role, a.round, a.onTime])).toEqual([
      ['cooperating', 1, true],
      ['lead', 1, true],
    ]);
    expect((await inbox(submitter)).some((m) => m.title.includes('请评价'))).toBe(true);

    // Both rate; the co-signer is not satisfied: a second answer.
    expect((await getCase(submitter, c.id)).actions.map((a) => a.value)).toEqual(['rate']);
    c = await act(submitter, c.id, 'rate', { rating: 'basically_satisfied' });
    expect(c.state).toBe('answered');
    c = await act(cosigner.agent, c.id, 'rate', { rating: 'unsatisfied', comment: '措施不具体' });
    expect(c.state).toBe('reopened');
    expect(c.round).toBe(2);
    expect((await inbox(handler)).some((m) => m.title.includes('不满意'))).toBe(true);
    c = await act(handler, c.id, 'answer', { letter: '明确了平台上线时间表', category: 'solved' });
    expect(c.state).toBe('answered');
    await act(submitter, c.id, 'rate', { rating: 'satisfied' });
    c = await act(cosigner.agent, c.id, 'rate', { rating: 'satisfied' });
    expect(c).toMatchObject({ state: 'closed', satisfaction: 'satisfied' });

    // Adoption, 批示, and the task.
    expect(
      (await tryAction(staff, c.id, 'turn_into_task', { planItemId, dueDate: '2026-12-31' })).statusCode,
    ).toBe(409);
    c = await act(staff, c.id, 'adopt', { note: '纳入省政府工作报告' });
    c = await act(leader, c.id, 'record_instruction', {
      leader: '省长',
      level: 'province',
      givenOn: '2026-03-02',
      text: '请发改委抓好落实',
    });
    expect(c.instructions).toMatchObject([{ leader: '省长', level: 'province' }]);
    c = await act(staff, c.id, 'turn_into_task', { planItemId, dueDate: '2026-12-31' });
    expect(c.taskId).not.toBeNull();
    const mine = await getCase(submitter, c.id);
    expect(mine.task).toMatchObject({ id: c.taskId, status: 'assigned' });

    // The department carries the task out; staff confirm it; the proposer is told and sees it done.
    const taskId = c.taskId!;
    const v = async () => (await staff.get(`/api/tasks/${taskId}`)).json<{ version: number }>().version;
    expect(
      (await handler.request({ method: 'POST', url: `/api/tasks/${taskId}/sign`, ifMatch: await v() }))
        .statusCode,
    ).toBe(200);
    const done = await handler.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/completion`,
      payload: { summary: '平台已上线' },
      ifMatch: await v(),
    });
    expect(done.statusCode, done.body).toBe(200);
    const confirmed = await staff.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/completion/confirm`,
      ifMatch: await v(),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const finished = await getCase(submitter, c.id);
    expect(finished.task).toMatchObject({ status: 'completed', progress: 100 });
    expect(finished.timeline.map((e) => e.action)).toContain('task_completed');
    expect((await inbox(submitter)).some((m) => m.kind === 'case.task_done')).toBe(true);
    expect((await inbox(cosigner.agent)).some((m) => m.kind === 'case.task_done')).toBe(true);

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'case')
      .where('object_id', '=', String(c.id))
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        // The other party's submitter and the department asking for it before it was forwarded.
        'access.out_of_scope',
        'case.create',
        'case.invite_cosigner',
        'case.confirm_cosign',
        'case.submit',
        'case.accept',
        'case.mark_key',
        'case.forward',
        'case.return',
        'case.reject_return',
        'case.answer',
        'case.rate',
        'case.adopt',
        'case.record_instruction',
        'case.turn_into_task',
      ]),
    );
  });

  it('lets staff accept a return within the window, and refuses a return after it', async () => {
    let c = await draft('关于加强职业教育的建议');
    c = await act(submitter, c.id, 'submit');
    await act(staff, c.id, 'accept');
    c = await act(staff, c.id, 'forward', {
      leadUnitId: unit['山东省发展和改革委员会'],
      dueDate: '2026-06-30',
    });
    c = await act(handler, c.id, 'return', { reason: '应由教育厅办理' });
    c = await act(staff, c.id, 'accept_return');
    expect(c).toMatchObject({ state: 'accepted', handlers: [] });
    expect((await handler.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    c = await act(staff, c.id, 'forward', { leadUnitId: unit['山东省发展和改革委员会'] });
    // Forwarded eight days ago (Friday 20 February): the five working days' window has closed.
    await t.db.kysely
      .updateTable('cases')
      .set({ forwarded_at: '2026-02-20T09:00:00+08:00' })
      .where('id', '=', c.id)
      .execute();
    const late = await tryAction(handler, c.id, 'return', { reason: '太迟了' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'CASE_RULE', details: { condition: 'return_window_open' } });
    expect((await getCase(handler, c.id)).actions.map((a) => a.value)).toEqual(['answer']);
  });

  it('merges a duplicate into a main case: the merged one follows it, its author rates the answer', async () => {
    const main = await draft('关于优化营商环境的建议');
    await act(submitter, main.id, 'submit');
    const dup = await cosigner.agent.post(
      '/api/cases',
      { type: 'proposal', title: '关于进一步优化营商环境的建议', content: proposalContent },
      { 'idempotency-key': idempotencyKey() },
    );
    const dupId = dup.json<CaseOut>().id;
    await act(cosigner.agent, dupId, 'submit');
    await act(staff, main.id, 'accept');
    const merged = await act(staff, dupId, 'merge', { mainId: main.id });
    expect(merged).toMatchObject({ state: 'merged', mergedIntoId: main.id, mainCase: { id: main.id } });
    // The merged one's party sees the main case and rates its answer.
    const followed = await getCase(cosigner.agent, main.id);
    expect(followed.relations).toContain('follower');
    expect(followed.mergedCases).toMatchObject([{ id: dupId }]);
    await act(staff, main.id, 'forward', { leadUnitId: unit['山东省发展和改革委员会'] });
    await act(handler, main.id, 'answer', { letter: '已研究落实', category: 'solved' });
    let c = await act(submitter, main.id, 'rate', { rating: 'satisfied' });
    expect(c.state).toBe('answered');
    c = await act(cosigner.agent, main.id, 'rate', { rating: 'satisfied' });
    expect(c.state).toBe('closed');
    // Refused: merging into a case that was itself merged.
    const third = await draft('关于营商环境的第三份建议');
    await act(submitter, third.id, 'submit');
    expect((await tryAction(staff, third.id, 'merge', { mainId: dupId })).statusCode).toBe(400);
  });

  it('lists with counts per state and filters, in scope', async () => {
    const res = await staff.get('/api/cases?type=proposal&year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ items: CaseOut[]; counts: { state: string; count: number }[]; total: number }>();
    expect(list.total).toBe(list.counts.reduce((a, b) => a + b.count, 0));
    expect(list.counts.find((x) => x.state === 'closed')?.count).toBeGreaterThanOrEqual(2);
    const keyOnly = (await staff.get('/api/cases?key=true')).json<{ items: CaseOut[] }>();
    expect(keyOnly.items.every((i) => i.isKey)).toBe(true);
    const text = (await staff.get(`/api/cases?q=${encodeURIComponent('职业教育')}`)).json<{
      items: CaseOut[];
    }>();
    expect(text.items).toHaveLength(1);
    const mine = (await handler.get('/api/cases')).json<{ items: CaseOut[] }>();
    expect(mine.items.length).toBeGreaterThan(0);
    const other = (await t.db.kysely.selectFrom('cases').select('id').execute()).length;
    expect(other).toBeGreaterThan(mine.items.length);
  });
});
