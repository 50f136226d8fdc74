import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassword } from '../../core/auth/password.ts';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  signIn,
  type Agent,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { insertNewUser } from '../org/index.ts';

interface NoticeOut {
  id: number;
  version: number;
  status: string;
  statusLabel: string;
  colour: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  timeline: { kind: string; label: string; detail: Record<string, unknown> }[];
  actions: Record<string, boolean>;
}

describe.each(DIALECTS)('withdrawing a notice (撤回) (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let colleague: Agent;
  let handler: Agent;
  let leader: Agent;
  let taskId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    leader = await world.signIn('leader');
    // Another staff member of the province: manages the same notices but did not issue them.
    const password = generatePassword();
    const provinceDept = await t.db.kysely
      .selectFrom('users')
      .select('unit_id')
      .where('username', '=', 'staff')
      .executeTakeFirstOrThrow();
    await insertNewUser(
      t.s,
      { actor: null, ip: '127.0.0.1', requestId: 'test' },
      {
        username: 'staff2',
        displayName: '另一位工作人员',
        unitId: provinceDept.unit_id!,
        regionCode: '370000',
      },
      { password, roles: ['staff'], mustChange: false },
    );
    colleague = await signIn(t, 'staff2', password);
    const ndrc = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省发展和改革委员会')
      .executeTakeFirstOrThrow();
    const task = await staff.post('/api/tasks', {
      source: 'leader',
      title: '撤回督办单的任务',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: ndrc.id,
      assign: true,
    });
    expect(task.statusCode, task.body).toBe(201);
    taskId = task.json<{ id: number }>().id;
  });
  afterAll(() => t.close());

  const issue = async () => {
    const res = await staff.post(
      `/api/tasks/${taskId}/notices`,
      { level: 'general', reason: '进度滞后', requirements: '请反馈', copyToUnitIds: [] },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json<NoticeOut>();
  };
  const withdraw = (agent: Agent, n: { id: number; version: number }, body: object) =>
    agent.request({
      method: 'POST',
      url: `/api/notices/${n.id}/withdraw`,
      payload: body,
      ifMatch: n.version,
    });

  it('lets the issuer withdraw it before the unit signs: reason, If-Match, audit, timeline, the unit told', async () => {
    const n = await issue();
    expect(n.actions.withdraw).toBe(true);
    expect((await colleague.get(`/api/notices/${n.id}`)).json<NoticeOut>().actions.withdraw).toBe(false);
    // Without a reason, without If-Match, with a stale version, by someone else: refused, nothing written.
    const noReason = await withdraw(staff, n, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('撤回原因');
    const noVersion = await staff.request({
      method: 'POST',
      url: `/api/notices/${n.id}/withdraw`,
      payload: { reason: '事由有误' },
    });
    expect(noVersion.statusCode).toBe(428);
    expect(
      (await withdraw(staff, { id: n.id, version: n.version + 5 }, { reason: '事由有误' })).statusCode,
    ).toBe(412);
    const other = await withdraw(colleague, n, { reason: '事由有误' });
    expect(other.statusCode).toBe(403);
    expect(other.json<{ message: string }>().message).toContain('本人可以撤回');
    expect((await withdraw(leader, n, { reason: '事由有误' })).statusCode).toBe(403);
    expect((await withdraw(handler, n, { reason: '事由有误' })).statusCode).toBe(403);

    const res = await withdraw(staff, n, { reason: '督办事由有误，重新下发' });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json<NoticeOut>();
    expect(done).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      colour: 'none',
      withdrawReason: '督办事由有误，重新下发',
      version: n.version + 1,
    });
    expect(done.actions.withdraw).toBe(false);
    expect(done.actions.sign).toBe(false);
    const event = done.timeline.find((e) => e.kind === 'withdrawn')!;
    expect(event).toMatchObject({
      label: '撤回督办单',
      detail: { withdrawReason: '督办事由有误，重新下发' },
    });
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action'])
      .where('object_type', '=', 'notice')
      .where('object_id', '=', String(n.id))
      .where('action', '=', 'notice.withdraw')
      .execute();
    expect(audit).toHaveLength(1);
    const inbox = (await handler.get('/api/inbox')).json<{
      items: { kind: string; title: string; link: string }[];
    }>().items;
    expect(inbox.find((m) => m.kind === 'notice.withdrawn')).toMatchObject({
      title: '《撤回督办单的任务》的一般督办单已撤回，无需办理',
      link: `/notices/${n.id}`,
    });
    // Withdrawn: no longer open, and the unit can no longer sign it.
    const open = (await staff.get(`/api/notices?status=open&taskId=${taskId}`)).json<{
      items: { id: number }[];
    }>();
    expect(open.items.map((x) => x.id)).not.toContain(n.id);
    const sign = await handler.request({
      method: 'POST',
      url: `/api/notices/${n.id}/sign`,
      payload: {},
      ifMatch: done.version,
    });
    expect(sign.statusCode).toBe(409);
    const again = await withdraw(staff, done, { reason: '再撤一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ message: string }>().message).toBe('督办单已撤回，无需再次撤回');
  });

  it('refuses once the unit has signed, in words that say what to do instead', async () => {
    const n = await issue();
    const signed = await handler.request({
      method: 'POST',
      url: `/api/notices/${n.id}/sign`,
      payload: {},
      ifMatch: n.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const s = signed.json<NoticeOut>();
    expect(s.actions.withdraw).toBe(false);
    const res = await withdraw(staff, s, { reason: '不再需要' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string; message: string }>()).toMatchObject({
      code: 'NOTICE_STATE',
      message: '牵头单位已签收该督办单（当前为“待反馈”），不能撤回；如需停止督办，请在审核其反馈后办结',
    });
    expect((await staff.get(`/api/notices/${n.id}`)).json<NoticeOut>().status).toBe('signed');
  });
});
