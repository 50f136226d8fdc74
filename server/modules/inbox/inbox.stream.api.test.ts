import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { buildApp } from '../../app.ts';
import { unitHandlers } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import { createPostgresDb } from '../../db/dialect/postgres.ts';
import { STREAM_LIMITS, STREAM_TIMING } from './inbox.stream.ts';

interface InboxEvent {
  unread: number;
  latestId: number;
}

/** A browser's EventSource, reduced: the events of one stream over a real socket, as they arrive. */
function openStream(base: string, cookie: string) {
  const events: { event: string; data: unknown }[] = [];
  const waiters: (() => void)[] = [];
  let status = 0;
  let ended = false;
  let close = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    const req = http.get(`${base}/api/inbox/stream`, { headers: { cookie } }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
        waiters.splice(0).forEach((w) => w());
      });
      res.on('end', () => {
        ended = true;
        waiters.splice(0).forEach((w) => w());
      });
      resolve();
    });
    req.on('error', reject);
    close = () => req.destroy();
  });
  async function next(event: string, after: number, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.slice(after).find((e) => e.event === event);
      if (found) return found.data;
      if (ended || Date.now() > deadline)
        throw new Error(`no ${event} event (got ${JSON.stringify(events)})`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }
  return {
    ready,
    events,
    get status() {
      return status;
    },
    get ended() {
      return ended;
    },
    next,
    close: () => close(),
  };
}

describe.each(DIALECTS)('the live inbox (%s)', (dialect) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof seedDemo>>;
  let handler: Agent;
  let base: string;
  let unitId: number;
  const timing = { ...STREAM_TIMING };

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '1000' });
    world = await seedDemo(t);
    handler = await world.signIn('handler');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    unitId = (
      await t.db.kysely
        .selectFrom('users')
        .select('unit_id')
        .where('username', '=', 'handler')
        .executeTakeFirstOrThrow()
    ).unit_id!;
    STREAM_TIMING.heartbeatMs = 300;
  });
  afterAll(async () => {
    Object.assign(STREAM_TIMING, timing);
    await t.close();
  });

  const tell = (s: Services, title: string, rollBack = false) =>
    s.db.kysely
      .transaction()
      .execute(async (trx) => {
        await s.notify(trx, { recipients: [unitHandlers(unitId)], kind: 'task.assigned', title });
        if (rollBack) throw new Error('rolled back');
      })
      .catch((error: unknown) => {
        if (!rollBack) throw error;
      });

  it('sends the unread count when it opens, and a message as soon as it is committed — never one rolled back', async () => {
    const stream = openStream(base, handler.cookie);
    await stream.ready;
    expect(stream.status).toBe(200);
    const first = (await stream.next('inbox', 0)) as InboxEvent;
    const seen = stream.events.length;
    await tell(t.s, '《开展民营经济人士理想信念教育》已交办给您单位，请签收');
    const second = (await stream.next('inbox', seen)) as InboxEvent;
    expect(second.unread).toBe(first.unread + 1);
    expect(second.latestId).toBeGreaterThan(first.latestId);

    const before = stream.events.length;
    await tell(t.s, '不会发出的消息', true);
    await new Promise((r) => setTimeout(r, 1200));
    expect(stream.events.slice(before).filter((e) => e.event === 'inbox')).toEqual([]);
    stream.close();
  });

  it('answers without a session 401, and keeps a user to a few streams', async () => {
    const anonymous = openStream(base, '');
    await anonymous.ready;
    expect(anonymous.status).toBe(401);
    const agent = await world.signIn('handler');
    const streams = Array.from({ length: STREAM_LIMITS.perUser }, () => openStream(base, agent.cookie));
    for (const s of streams) await s.next('inbox', 0);
    const extra = openStream(base, agent.cookie);
    await extra.ready;
    expect(extra.status).toBe(429);
    streams.forEach((s) => s.close());
  });

  it('ends the stream when its session ends, and its checks do not keep the session alive', async () => {
    const agent = await world.signIn('handler');
    const stream = openStream(base, agent.cookie);
    await stream.next('inbox', 0);
    const lastSeen = () =>
      t.db.kysely.selectFrom('sessions').select(['id', 'last_seen_at']).orderBy('last_seen_at').execute();
    const before = await lastSeen();
    // Two minutes pass (a request would now refresh last_seen_at); the stream checks its session at
    // every beat (300 ms here) without touching it.
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 60_000));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await lastSeen()).toEqual(before);
    expect(stream.ended).toBe(false);
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
    expect(await stream.next('end', 0)).toEqual({ reason: 'signed-out' });
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.ended).toBe(true);
  });

  it.runIf(dialect === 'postgres')('reaches a browser connected to another app process', async () => {
    // A second app process on the same database: its own pool and its own listening connection.
    const db = t.db;
    const otherDb = createPostgresDb(db.location, { schema: db.schema!, max: 2 });
    const other = await buildApp({
      config: t.config,
      db: otherDb,
      clock: t.clock,
      secretKey: t.secretKey,
      logger: false,
    });
    try {
      const agent = await world.signIn('handler');
      const stream = openStream(base, agent.cookie);
      const first = (await stream.next('inbox', 0)) as InboxEvent;
      const seen = stream.events.length;
      await tell(other.services, '另一个进程发出的消息');
      const second = (await stream.next('inbox', seen)) as InboxEvent;
      expect(second.unread).toBe(first.unread + 1);
      stream.close();
    } finally {
      await other.app.close();
      await otherDb.close();
    }
  });
});
