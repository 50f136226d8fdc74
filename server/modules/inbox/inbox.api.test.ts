import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { toUser } from '../../core/notify/recipients.ts';
import type { MessageKind } from '../../core/notify/kinds.ts';
import { messagePageQuery, unreadCountQuery } from './inbox.repository.ts';
import type { MessageOut } from './inbox.schemas.ts';

interface InboxPage {
  items: MessageOut[];
  nextCursor: string | null;
  unreadCount: number;
}

describe.each(DIALECTS)('inbox: list, count, read, read all — one’s own messages only (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let handler: Agent;
  let staff: Agent;
  let handlerId: number;
  let staffId: number;

  async function tell(userId: number, kind: MessageKind, title: string, taskId = 1) {
    await t.s.db.kysely
      .transaction()
      .execute((trx) =>
        t.s.notify(trx, { recipients: [toUser(userId)], kind, title, object: { type: 'task', id: taskId } }),
      );
    const row = await t.s.db.kysely
      .selectFrom('messages')
      .select('id')
      .where('recipient_id', '=', userId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function allPages(agent: Agent, query: string): Promise<InboxPage[]> {
    const pages: InboxPage[] = [];
    let cursor: string | null = null;
    do {
      const res = await agent.get(`/api/inbox?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<InboxPage>();
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    return pages;
  }

  const count = async (agent: Agent) =>
    (await agent.get('/api/inbox/unread-count')).json<{ count: number }>().count;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    handler = await world.signIn('handler');
    staff = await world.signIn('staff');
    const users = await t.s.db.kysely.selectFrom('users').select(['id', 'username']).execute();
    handlerId = users.find((u) => u.username === 'handler')!.id;
    staffId = users.find((u) => u.username === 'staff')!.id;
  });
  afterAll(() => t.close());

  it('starts empty', async () => {
    expect(await count(handler)).toBe(0);
    const res = await handler.get('/api/inbox');
    expect(res.json()).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it('lists my messages newest first, in pages, with labels and links; the count agrees', async () => {
    const kinds: MessageKind[] = [
      'task.assigned',
      'report.returned',
      'report.accepted',
      'adjustment.decided',
      'report.reminder',
      'task.completed',
      'task.assigned',
    ];
    for (const [i, kind] of kinds.entries()) await tell(handlerId, kind, `消息${i + 1}`, i + 1);
    await tell(staffId, 'task.completed', '给李明的消息');

    const pages = await allPages(handler, '');
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    const items = pages.flatMap((p) => p.items);
    expect(items.map((m) => m.title)).toEqual([
      '消息7',
      '消息6',
      '消息5',
      '消息4',
      '消息3',
      '消息2',
      '消息1',
    ]);
    expect(items[1]).toMatchObject({
      kind: 'task.completed',
      kindLabel: '办结确认',
      object: { type: 'task', id: '6' },
      link: '/tasks/6',
      readAt: null,
    });
    expect(items.map((m) => m.kindLabel)).toContain('填报退回');
    for (const p of pages) expect(p.unreadCount).toBe(7);
    expect(await count(handler)).toBe(items.filter((m) => m.readAt === null).length);
    expect(await count(staff)).toBe(1);
  });

  it('marks one read (once: the first time stays), and the count and the unread list follow', async () => {
    const [newest, second] = (await handler.get('/api/inbox')).json<InboxPage>().items;
    const res = await handler.post(`/api/inbox/${second!.id}/read`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ message: MessageOut; unreadCount: number }>();
    expect(body.message.readAt).toBe('2026-03-01T09:00:00.000+08:00');
    expect(body.unreadCount).toBe(6);

    t.clock.advance(60_000);
    const again = (await handler.post(`/api/inbox/${second!.id}/read`)).json<{ message: MessageOut }>();
    expect(again.message.readAt).toBe('2026-03-01T09:00:00.000+08:00');

    const unread = (await allPages(handler, '&unread=true')).flatMap((p) => p.items);
    expect(unread.map((m) => m.id)).not.toContain(second!.id);
    expect(unread[0]!.id).toBe(newest!.id);
    expect(unread).toHaveLength(await count(handler));
    const all = (await allPages(handler, '')).flatMap((p) => p.items);
    expect(all).toHaveLength(7);
    expect(all.filter((m) => m.readAt === null)).toHaveLength(await count(handler));
  });

  it("answers 404 for another user's message exactly as for a missing one, and leaves it unread", async () => {
    const staffMessage = (await staff.get('/api/inbox')).json<InboxPage>().items[0]!;
    const res = await handler.post(`/api/inbox/${staffMessage.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'MESSAGE_NOT_FOUND', message: '消息不存在' });
    const missing = await handler.post('/api/inbox/987654/read');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(res.json());
    expect(await count(staff)).toBe(1);
    // Nor does another user's message ever appear in my list.
    const mine = (await allPages(handler, '')).flatMap((p) => p.items);
    expect(mine.map((m) => m.id)).not.toContain(staffMessage.id);
    // Trying is recorded, as for any record outside one's scope.
    const denied = await t.s.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.out_of_scope')
      .where('object_type', '=', 'message')
      .execute();
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ object_id: String(staffMessage.id), actor_name: 'handler' });
  });

  it('reads all up to the newest message seen; one that arrives after stays unread', async () => {
    const seen = (await handler.get('/api/inbox')).json<InboxPage>().items[0]!;
    const later = await tell(handlerId, 'report.reminder', '后到的催报');
    const res = await handler.post('/api/inbox/read-all', { upToId: seen.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ marked: 6, unreadCount: 1 });
    const unread = (await handler.get('/api/inbox?unread=true')).json<InboxPage>();
    expect(unread.items.map((m) => m.id)).toEqual([later]);
    expect(unread.unreadCount).toBe(1);

    expect((await handler.post('/api/inbox/read-all')).json()).toEqual({ marked: 1, unreadCount: 0 });
    expect(await count(handler)).toBe(0);
    // Only mine: 李明's message is still unread.
    expect(await count(staff)).toBe(1);
  });

  it('does not audit reading (not business data), and refuses bad input in Chinese', async () => {
    const reads = await t.s.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'message.%')
      .execute();
    expect(reads).toEqual([]);
    const bad = await handler.get('/api/inbox?unread=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    expect((await handler.post('/api/inbox/abc/read')).statusCode).toBe(400);
    expect((await handler.get('/api/inbox?cursor=notacursor')).statusCode).toBe(400);
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/inbox/unread-count' })).statusCode).toBe(401);
  });

  it('reads the pages and the unread count through indexes, never a scan of all messages', async () => {
    const queries = (db: Parameters<typeof unreadCountQuery>[0]) => [
      unreadCountQuery(db, handlerId).compile(),
      messagePageQuery(db, { recipientId: handlerId, unread: true, limit: 51 }).compile(),
      messagePageQuery(db, { recipientId: handlerId, unread: false, beforeId: 1000, limit: 51 }).compile(),
    ];
    const plans = await t.s.db.kysely.transaction().execute(async (trx) => {
      const out: string[] = [];
      // The test table is tiny; without this PostgreSQL would rightly read it whole.
      if (dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
      for (const q of queries(trx)) {
        const explain = dialect === 'sqlite' ? 'explain query plan ' : 'explain ';
        const { rows } = await trx.executeQuery<Record<string, string>>({
          ...q,
          sql: explain + q.sql,
        });
        out.push(rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n'));
      }
      return out;
    });
    for (const plan of plans) {
      expect(plan).toMatch(/messages_unread|messages_recipient/);
      expect(plan).not.toMatch(/SCAN messages\b(?! USING)|SCAN u\b(?! USING)|Seq Scan/);
    }
    // The unread count and the unread page read only the unread entries.
    expect(plans[0]).toMatch(/messages_unread/);
    expect(plans[1]).toMatch(/messages_unread/);
  });
});
