import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { enqueueJob } from '../../core/jobs/job.enqueue.ts';
import { startJobRunner, type JobRunner } from '../../core/jobs/job.runner.ts';
import { unitHandlers } from '../../core/notify/recipients.ts';
import { channelsDigest, channelsSend } from './index.ts';

interface Mail {
  to: string;
  raw: string;
}
interface Hit {
  url: string;
  body: Record<string, unknown>;
}

/** A local SMTP server that keeps what it receives (no TLS, no login: a test relay). */
async function startSmtp() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A local HTTP receiver: answers with `status` and the body given, keeping each request. */
async function startReceiver() {
  const hits: Hit[] = [];
  const answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { hits, answer, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

// Quoted-printable and base64 bodies hide Chinese: the test reads the decoded text parts.
function decoded(raw: string): string {
  const [, ...parts] = raw.split(/\r?\n\r?\n/);
  const body = parts.join('\n');
  if (/Content-Transfer-Encoding: base64/i.test(raw))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body
    .replace(/=\r?\n/g, '')
    .replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
}

describe.each(DIALECTS)('notification channels (%s)', (dialect) => {
  let t: TestApp;
  let secadmin: Agent;
  let handler: Agent;
  let runner: JobRunner;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let unitId: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    secadmin = await world.signIn('secadmin');
    handler = await world.signIn('handler');
    smtp = await startSmtp();
    receiver = await startReceiver();
    runner = startJobRunner(t.s, [channelsSend, channelsDigest], {
      pollMs: 0,
      backoffBaseMs: 1000,
      backoffCapMs: 1000,
    });
    unitId = (
      await t.db.kysely
        .selectFrom('users')
        .select('unit_id')
        .where('username', '=', 'handler')
        .executeTakeFirstOrThrow()
    ).unit_id!;
  });
  afterAll(async () => {
    await runner.stop();
    await smtp.close();
    await receiver.close();
    await t.close();
  });

  const tell = (title: string, rollBack = false) =>
    t.s.db.kysely
      .transaction()
      .execute(async (trx) => {
        await t.s.notify(trx, {
          recipients: [unitHandlers(unitId)],
          kind: 'task.assigned',
          title,
          object: { type: 'task', id: 12 },
        });
        if (rollBack) throw new Error('rolled back');
      })
      .catch((error: unknown) => {
        if (!rollBack) throw error;
      });
  // Runs the due jobs, moving the clock past each retry's backoff.
  const drain = async (rounds = 1) => {
    for (let i = 0; i < rounds; i++) {
      await runner.runDue();
      t.clock.set(new Date(t.clock.now().getTime() + 2000));
    }
  };
  const deliveries = () => t.db.kysely.selectFrom('deliveries').selectAll().orderBy('id').execute();

  it('keeps the settings with the security administrator, the password write-only', async () => {
    expect((await handler.get('/api/channels/settings')).statusCode).toBe(403);
    const body = {
      emailEnabled: true,
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpSecure: false,
      smtpUser: '',
      smtpPassword: 'not-used-by-the-relay',
      mailFrom: 'luoshi@example.gov.cn',
      publicUrl: 'https://luoshi.example.gov.cn',
    };
    expect((await secadmin.put('/api/channels/settings', { ...body, smtpHost: '' }, 0)).statusCode).toBe(400);
    const saved = await secadmin.put('/api/channels/settings', body, 0);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ passwordSet: true, smtpPort: smtp.port, version: 1 });
    expect(saved.body).not.toContain('not-used-by-the-relay');
    const stored = await t.db.kysely
      .selectFrom('channel_settings')
      .select('smtp_password')
      .executeTakeFirstOrThrow();
    expect(stored.smtp_password).not.toContain('not-used');
    expect((await secadmin.put('/api/channels/settings', body, 0)).statusCode).toBe(412);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'channel.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain('not-used-by-the-relay');
  });

  it('e-mails a user who asked for it once the change commits, and never for one rolled back', async () => {
    const mine = await handler.put(
      '/api/me/notification-settings',
      { email: 'zhanghua@example.com', modes: {}, digestTime: '08:30' },
      0,
    );
    expect(mine.statusCode, mine.body).toBe(200);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'notification_settings.update')
      .executeTakeFirstOrThrow();
    expect(audit.detail).not.toContain('zhanghua@example.com');

    await tell('不会发出的消息', true);
    expect(await deliveries()).toEqual([]);
    await tell('《开展民营经济人士理想信念教育》已交办给您单位，请签收');
    await drain();
    expect(smtp.mails.map((m) => m.to)).toEqual(['zhanghua@example.com']);
    const text = decoded(smtp.mails[0]!.raw);
    expect(text).toContain('开展民营经济人士理想信念教育');
    expect(text).toContain('https://luoshi.example.gov.cn/tasks/12');
    expect((await deliveries()).map((d) => d.status)).toEqual(['sent']);
  });

  it('posts to a 钉钉 robot with a valid signature, and to a unit’s robot only what its people receive', async () => {
    const secret = 'SEC0123456789abcdef';
    const created = await secadmin.post(
      '/api/channels/webhooks',
      {
        name: '发改委工作群',
        format: 'dingtalk',
        url: `${receiver.base}/robot/send?access_token=abc`,
        secret,
        kinds: ['task.assigned'],
        unitId,
        enabled: true,
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(secret);
    // The list names the unit the robot is limited to, so the administrator reads a name, not a number.
    const listed = (await secadmin.get('/api/channels/webhooks')).json<{ unitName: string | null }[]>();
    expect(listed.map((w) => w.unitName)).toEqual(['山东省发展和改革委员会']);
    const before = receiver.hits.length;
    await tell('《推动民营企业参与乡村振兴》已交办给您单位，请签收');
    await drain();
    const hit = receiver.hits.at(before)!;
    const url = new URL(hit.url, receiver.base);
    const timestamp = url.searchParams.get('timestamp')!;
    const expected = crypto.createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(hit.body).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.stringify(hit.body)).toContain('推动民营企业参与乡村振兴');

    // A message to another unit's people does not reach this unit's robot.
    const count = receiver.hits.length;
    const other = (
      await t.db.kysely
        .selectFrom('units')
        .select('id')
        .where('name', '=', '中共济南市委统战部')
        .executeTakeFirstOrThrow()
    ).id;
    await t.s.db.kysely.transaction().execute((trx) =>
      t.s.notify(trx, {
        recipients: [{ unitId: other, roles: ['staff'] }],
        kind: 'task.assigned',
        title: '别的单位',
      }),
    );
    await drain();
    expect(receiver.hits.length).toBe(count);
  });

  it('retries a failing webhook with backoff, then lists it for the security administrator, who can send it again', async () => {
    receiver.answer.status = 500;
    receiver.answer.body = 'down';
    const hook = (await secadmin.get('/api/channels/webhooks')).json<{ id: number; version: number }[]>()[0]!;
    await tell('《开展新的社会阶层人士调研》已交办给您单位，请签收');
    await drain(8);
    const failed = (await deliveries()).filter((d) => d.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ channel: 'webhook', webhook_id: hook.id, attempts: 6 });
    const list = await secadmin.get('/api/channels/failures');
    const rows = list.json<{ id: number; target: string; lastError: string }[]>();
    expect(rows.map((r) => [r.id, r.target])).toEqual([[failed[0]!.id, '发改委工作群']]);
    expect(rows[0]!.lastError).toContain('HTTP 500');
    expect((await handler.get('/api/channels/failures')).statusCode).toBe(403);

    receiver.answer.status = 200;
    receiver.answer.body = '{"errcode":0,"errmsg":"ok"}';
    const retried = await secadmin.post(`/api/channels/deliveries/${failed[0]!.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    await drain();
    expect((await secadmin.get('/api/channels/failures')).json()).toEqual([]);
    expect(
      (
        await t.db.kysely
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'delivery.retry')
          .execute()
      ).length,
    ).toBe(1);
  });

  it('gathers the messages of a user who chose the digest into one e-mail a day, at their time', async () => {
    const current = (await handler.get('/api/me/notification-settings')).json<{ version: number }>();
    const saved = await handler.put(
      '/api/me/notification-settings',
      { email: 'zhanghua@example.com', modes: { 'task.assigned': 'digest' }, digestTime: '08:30' },
      current.version,
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const hooks = (await secadmin.get('/api/channels/webhooks')).json<{ id: number; version: number }[]>();
    for (const h of hooks)
      await secadmin.request({ method: 'DELETE', url: `/api/channels/webhooks/${h.id}`, ifMatch: h.version });
    const mailsBefore = smtp.mails.length;
    t.clock.set(new Date('2026-03-02T07:00:00+08:00'));
    await tell('《甲》已交办给您单位，请签收');
    await tell('《乙》已交办给您单位，请签收');
    await drain();
    expect(smtp.mails.length).toBe(mailsBefore);
    t.clock.set(new Date('2026-03-02T08:35:00+08:00'));
    await enqueueJob(t.db.kysely, { kind: channelsDigest, payload: {}, runAt: t.clock.now() }, t.clock);
    await drain();
    expect(smtp.mails.length).toBe(mailsBefore + 1);
    const text = decoded(smtp.mails.at(-1)!.raw);
    expect(text).toContain('《甲》');
    expect(text).toContain('《乙》');
    // Once a day: a later run the same day sends nothing more.
    await tell('《丙》已交办给您单位，请签收');
    await enqueueJob(t.db.kysely, { kind: channelsDigest, payload: {}, runAt: t.clock.now() }, t.clock);
    await drain();
    expect(smtp.mails.length).toBe(mailsBefore + 1);
  });
});
