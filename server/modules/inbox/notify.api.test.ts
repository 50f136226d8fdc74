import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import type { Role } from '../../core/access/roles.ts';
import type { Notification } from '../../core/notify/notify.ts';
import { regionStaff, toUser, unitHandlers } from '../../core/notify/recipients.ts';
import { insertNewUser } from '../org/index.ts';

const SYSTEM = { actor: null, ip: '127.0.0.1', requestId: 'notify-test' };

describe.each(DIALECTS)('notify: one interface, written in the caller’s transaction (%s)', (dialect) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  let handlerUnit: number;

  async function user(username: string, unitId: number | null, regionCode: string, roles: Role[]) {
    const u = await insertNewUser(
      t.s,
      SYSTEM,
      { username, displayName: username, unitId, regionCode },
      { password: 'Luoshi-test-password-1!', roles, mustChange: false },
    );
    return u.id;
  }

  function messagesOf(userId: number) {
    return t.s.db.kysely
      .selectFrom('messages')
      .selectAll()
      .where('recipient_id', '=', userId)
      .orderBy('id')
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedDemo(t);
    const users = await t.s.db.kysely.selectFrom('users').select(['id', 'username', 'unit_id']).execute();
    for (const u of users) ids[u.username] = u.id;
    handlerUnit = users.find((u) => u.username === 'handler')!.unit_id!;
    // A second handler of the same unit, a disabled one, and a staff member of that unit (not a handler).
    ids.handler2 = await user('handler2', handlerUnit, '370000', ['handler']);
    ids.gone = await user('gone_handler', handlerUnit, '370000', ['handler']);
    await t.s.db.kysely.updateTable('users').set({ status: 'disabled' }).where('id', '=', ids.gone).execute();
    ids.unitStaff = await user('unit_staff', handlerUnit, '370000', ['staff']);
  });
  afterAll(() => t.close());

  const send = (n: Notification) => t.s.db.kysely.transaction().execute((trx) => t.s.notify(trx, n));

  it('writes one inbox row per recipient with its kind, text, object and link', async () => {
    const d = await send({
      recipients: [toUser(ids.staff!)],
      kind: 'task.assigned',
      title: '《推动民营经济高质量发展》已交办给您单位，请签收',
      body: '完成时限：2026-06-30',
      object: { type: 'task', id: 12 },
    });
    expect(d.recipientIds).toEqual([ids.staff]);
    const [row] = await messagesOf(ids.staff!);
    expect(row).toMatchObject({
      kind: 'task.assigned',
      title: '《推动民营经济高质量发展》已交办给您单位，请签收',
      body: '完成时限：2026-06-30',
      object_type: 'task',
      object_id: '12',
      link: '/tasks/12',
      read_at: null,
      created_at: '2026-03-01T09:00:00.000+08:00',
    });
  });

  it('writes nothing when the change it announces rolls back', async () => {
    const before = (await messagesOf(ids.leader!)).length;
    await expect(
      t.s.db.kysely.transaction().execute(async (trx) => {
        const d = await t.s.notify(trx, {
          recipients: [toUser(ids.leader!)],
          kind: 'report.accepted',
          title: '填报已通过',
          object: { type: 'report', id: 40, link: '/tasks/12?report=40' },
        });
        expect(d.recipientIds).toEqual([ids.leader]);
        // Inside the transaction the row is there …
        expect(
          await trx.selectFrom('messages').select('id').where('recipient_id', '=', ids.leader!).execute(),
        ).toHaveLength(before + 1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    // … and after the rollback it never was.
    expect(await messagesOf(ids.leader!)).toHaveLength(before);
  });

  it("resolves a unit's handlers: active handlers of that unit only, each once", async () => {
    const d = await send({
      recipients: [unitHandlers(handlerUnit), toUser(ids.handler!)],
      kind: 'report.reminder',
      title: '请于本月10日前报送3月进度',
      object: { type: 'task', id: 7 },
    });
    // The demo's 发改委 has two handlers (handler, and its head ndrc_head), plus handler2 made here.
    expect(d.recipientIds).toEqual([ids.handler, ids.ndrc_head, ids.handler2].sort((a, b) => a! - b!));
    expect(await messagesOf(ids.gone!)).toHaveLength(0);
    expect(await messagesOf(ids.unitStaff!)).toHaveLength(0);
    expect(await messagesOf(ids.handler2!)).toHaveLength(1);
  });

  it("resolves a region's staff: staff whose own region it is, not those of regions below", async () => {
    const d = await send({
      recipients: [regionStaff('370000')],
      kind: 'task.completed',
      title: '任务已办结',
      object: { type: 'task', id: 9 },
    });
    // Province staff (the demo staff account and unit_staff), not the county's lixia_staff, no leader.
    expect(d.recipientIds).toEqual([ids.staff, ids.unitStaff].sort((a, b) => a! - b!));
    const county = await send({
      recipients: [regionStaff('370102')],
      kind: 'task.completed',
      title: '任务已办结',
      object: { type: 'task', id: 9 },
    });
    expect(county.recipientIds).toEqual([ids.lixia_staff]);
  });

  it('leaves out whoever made the change, and a disabled or unknown user', async () => {
    const d = await send({
      recipients: [regionStaff('370000'), toUser(ids.gone!), toUser(999_999)],
      kind: 'adjustment.decided',
      title: '调整申请已同意',
      object: { type: 'adjustment', id: 3, link: '/tasks/9' },
      except: [ids.staff!],
    });
    expect(d.recipientIds).toEqual([ids.unitStaff]);
  });

  it('writes nothing and fails nothing when nobody is left to tell', async () => {
    const d = await send({ recipients: [], kind: 'task.completed', title: '无人', object: null });
    expect(d.recipientIds).toEqual([]);
  });

  it('keeps titles and bodies short, and links only to pages of this web app', async () => {
    const d = await send({
      recipients: [toUser(ids.submitter!)],
      kind: 'report.returned',
      title: '长'.repeat(300),
      body: '很长的退回意见'.repeat(200),
      object: { type: 'report', id: 1, link: '/tasks/1' },
    });
    expect([...d.title]).toHaveLength(200);
    expect(d.title.endsWith('…')).toBe(true);
    expect([...d.body]).toHaveLength(500);
    for (const link of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'tasks/1']) {
      await expect(
        send({
          recipients: [toUser(ids.submitter!)],
          kind: 'report.returned',
          title: 'x',
          object: { type: 'report', id: 1, link },
        }),
      ).rejects.toThrow(/not a path of this web app/);
    }
  });
});
