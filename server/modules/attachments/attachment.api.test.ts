// Evidence files over the API (issue 7 §3): content addressing, the size limit while streaming, the
// type by content, safe names and headers, and the download scope of unattached and attached files.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { HOUR } from '../../core/clock.ts';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { importExample, type PlanOut } from '../plans/testing/plan.fixtures.ts';
import { attachTo, listFor, type AttachmentOut } from './attachment.service.ts';
import * as sample from './testing/samples.ts';

const MB = 1024 * 1024;
const BOUNDARY = '----luoshi-attachment-boundary';
const multipartHeaders = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

function partHead(filename: string, encoded = false): Buffer {
  const name = encoded ? `filename*=UTF-8''${encodeURIComponent(filename)}` : `filename="${filename}"`;
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; ${name}\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
}
const partTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

function upload(agent: Agent, filename: string, content: Buffer, encoded = false) {
  return agent.request({
    method: 'POST',
    url: '/api/attachments',
    headers: multipartHeaders,
    payload: Buffer.concat([partHead(filename, encoded), content, partTail]),
  });
}

function storedFiles(t: TestApp): string[] {
  const dir = path.join(t.config.dataDir, 'files');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function auditRows(t: TestApp, action: string) {
  return t.s.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
}

async function contextOf(t: TestApp, username: string): Promise<RequestContext> {
  const user = await t.s.db.kysely
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  // attachTo reads who is acting; the rest of an actor plays no part in it.
  const actor = { userId: user.id, username: user.username } as Actor;
  return { actor, ip: '127.0.0.1', requestId: 'test' };
}

describe.each(DIALECTS)('attachments (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
  });
  afterAll(() => t.close());

  it('accepts each allowed type, told by its content, and audits the upload', async () => {
    const cases: Array<[string, Buffer, string]> = [
      ['报告.pdf', sample.pdf(), 'application/pdf'],
      ['方案.docx', sample.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['台账.xlsx', await sample.xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['旧文档.doc', sample.doc(), 'application/msword'],
      ['金山文字.wps', sample.doc(), 'application/msword'],
      ['旧表格.xls', sample.xls(), 'application/vnd.ms-excel'],
      ['金山表格.et', sample.xls(), 'application/vnd.ms-excel'],
      ['电子公文.ofd', sample.ofd(), 'application/ofd'],
      ['现场照片.jpg', sample.jpeg(), 'image/jpeg'],
      ['截图.png', sample.png(), 'image/png'],
    ];
    const before = (await auditRows(t, 'attachment.upload')).length;
    for (const [name, bytes, mime] of cases) {
      const res = await upload(staff, name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json<AttachmentOut>()).toMatchObject({
        fileName: name,
        size: bytes.length,
        mime,
        owner: null,
      });
    }
    expect((await auditRows(t, 'attachment.upload')).length - before).toBe(cases.length);
  });

  it('stores content uploaded twice once, as two attachments with the same SM3', async () => {
    const bytes = sample.pdf('uploaded twice');
    const countBefore = storedFiles(t).length;
    const first = (await upload(staff, 'a.pdf', bytes)).json<AttachmentOut>();
    const handler = await world.signIn('handler');
    const second = (await upload(handler, 'b.pdf', bytes)).json<AttachmentOut>();
    expect(second.id).not.toBe(first.id);
    expect(second.sm3).toBe(first.sm3);
    expect(first.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(storedFiles(t).length - countBefore).toBe(1);
    expect(storedFiles(t)).toContain(path.join(first.sm3.slice(0, 2), first.sm3.slice(2, 4), first.sm3));
  });

  it('refuses files whose content is not allowed, whatever their name, and stores nothing', async () => {
    const before = storedFiles(t);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['setup.pdf', sample.exe(), /检测为EXE 文件/],
      ['page.pdf', sample.html(), /无法识别的内容/],
      ['installer.doc', sample.msi(), /OLE 复合文档，但不是 Word、Excel 或 WPS 文档/],
      ['archive.ofd', sample.plainZip(), /ZIP 压缩包/],
    ];
    for (const [name, bytes, detected] of cases) {
      const res = await upload(staff, name, bytes);
      expect(res.statusCode, name).toBe(415);
      const body = res.json<{ code: string; message: string }>();
      expect(body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
      expect(body.message).toMatch(detected);
      expect(body.message).toContain(
        '允许上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）、WPS（.wps/.et）、OFD、JPEG、PNG',
      );
    }
    expect(storedFiles(t)).toEqual(before);
    const empty = await upload(staff, 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'ATTACHMENT_MISSING' });
    const none = await staff.post('/api/attachments', { file: 'x' });
    expect(none.statusCode).toBe(400);
    // A body cut off inside the file part: the client's fault (400), nothing left in staging.
    const cut = await staff.request({
      method: 'POST',
      url: '/api/attachments',
      headers: multipartHeaders,
      payload: Buffer.concat([partHead('cut.pdf'), sample.pdf()]),
    });
    expect(cut.statusCode, cut.body).toBe(400);
    expect(cut.json()).toMatchObject({ code: 'BAD_REQUEST', details: { problem: 'MALFORMED_MULTIPART' } });
    expect(fs.readdirSync(path.join(t.config.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('accepts exactly 20 MB and refuses 20 MB + 1 while streaming, holding neither in memory', async () => {
    const limit = 20 * MB;
    expect(t.config.attachments.maxBytes).toBe(limit);
    // A PDF padded to the byte (readers ignore what follows %%EOF), streamed in 64 KB chunks.
    function paddedPdf(total: number) {
      const head = sample.pdf('big');
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      let produced = 0;
      async function* body() {
        yield partHead('big.pdf');
        yield head;
        sent = head.length;
        while (sent < total) {
          const n = Math.min(64 * 1024, total - sent);
          sent += n;
          produced = sent;
          yield n === chunk.length ? chunk : chunk.subarray(0, n);
        }
        yield partTail;
      }
      return { stream: Readable.from(body()), produced: () => produced };
    }
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 5);
    try {
      const tooBig = paddedPdf(limit + 1);
      const refused = await staff.request({
        method: 'POST',
        url: '/api/attachments',
        headers: multipartHeaders,
        payload: tooBig.stream,
      });
      expect(refused.statusCode, refused.body).toBe(413);
      expect(refused.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', details: { limitBytes: limit } });
      expect(refused.json<{ message: string }>().message).toContain('文件超过 20 MB 的大小上限');
      expect(fs.readdirSync(path.join(t.config.dataDir, 'files', 'tmp'))).toEqual([]);

      const exact = paddedPdf(limit);
      const accepted = await staff.request({
        method: 'POST',
        url: '/api/attachments',
        headers: multipartHeaders,
        payload: exact.stream,
      });
      expect(accepted.statusCode, accepted.body).toBe(201);
      expect(accepted.json<AttachmentOut>().size).toBe(limit);
    } finally {
      clearInterval(sampler);
    }
    // Streams in chunks: a whole 20 MB file in memory would show as ≥ 20 MB of buffers.
    expect(peak - baseline).toBeLessThan(8 * MB);
  });

  it('stops reading a larger upload at the limit and closes the connection (real HTTP)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const total = 100 * MB;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const answer = await new Promise<{ status: number; connection?: string; body: string }>((resolve) => {
      const req = http.request(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/api/attachments',
          headers: { ...multipartHeaders, cookie: staff.cookie, 'x-csrf-token': staff.csrf },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
        },
      );
      // The server closes the connection after its answer: the rest cannot be written.
      req.on('error', () => undefined);
      req.write(partHead('huge.pdf'));
      req.write(sample.pdf());
      const pump = () => {
        while (sent < total && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!req.destroyed) req.end(partTail);
      };
      pump();
    });
    expect(answer.status, answer.body).toBe(413);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
    // Loopback socket buffers take several megabytes more; most of the 100 MB was never sent.
    expect(sent).toBeLessThan(t.config.attachments.maxBytes + 20 * MB);
  });

  it('keeps a safe, bounded file name and downloads it with safe headers', async () => {
    // The multipart reader drops a part whose name has a line break (no file: 400); other controls,
    // bidirectional overrides and path parts are taken out of the name.
    const crlf = await upload(staff, '../../etc/pass\r\nX-Evil: 1.pdf', sample.pdf(), true);
    expect(crlf.statusCode, crlf.body).toBe(400);
    expect(crlf.json()).toMatchObject({ code: 'ATTACHMENT_MISSING' });
    const res = await upload(staff, '../../etc/pass\u0000\u001b\u202eX-Evil: 1.pdf', sample.pdf(), true);
    expect(res.statusCode, res.body).toBe(201);
    const stored = res.json<AttachmentOut>();
    expect(stored.fileName).toBe('passX-Evil 1.pdf');
    const windows = (
      await upload(staff, 'C:\\Users\\张三\\工作报告.pdf', sample.pdf(), true)
    ).json<AttachmentOut>();
    expect(windows.fileName).toBe('工作报告.pdf');
    const long = (await upload(staff, `${'长'.repeat(300)}.pdf`, sample.pdf(), true)).json<AttachmentOut>();
    expect([...long.fileName].length).toBeLessThanOrEqual(120);
    expect(long.fileName.endsWith('.pdf')).toBe(true);
    // A PDF named as a Word file is kept under the extension of what it is.
    const renamed = (await upload(staff, '总结.doc', sample.pdf(), true)).json<AttachmentOut>();
    expect(renamed.fileName).toBe('总结.pdf');

    const download = await staff.get(`/api/attachments/${windows.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('工作报告.pdf')}`,
    );
    expect(download.rawPayload).toEqual(sample.pdf());
    const evil = await staff.get(`/api/attachments/${stored.id}`);
    expect(evil.headers['content-disposition']).not.toMatch(/[\r\n]/);
    expect(evil.headers['x-evil']).toBeUndefined();
  });

  describe('download scope', () => {
    let plan: PlanOut;
    let file: AttachmentOut;
    beforeAll(async () => {
      // A draft plan of the province: its staff and leader see it, county staff and handlers do not.
      plan = await importExample(staff);
      file = (await upload(staff, '佐证.pdf', sample.pdf('scope'))).json<AttachmentOut>();
    });

    it('lets only the uploader read a file not yet attached to anything', async () => {
      expect((await staff.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
      const leader = await world.signIn('leader');
      const res = await leader.get(`/api/attachments/${file.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
      const denied = await auditRows(t, 'access.out_of_scope');
      expect(denied.some((d) => d.object_type === 'attachment' && d.object_id === String(file.id))).toBe(
        true,
      );
      expect((await leader.get('/api/attachments/999999')).statusCode).toBe(404);
    });

    it('attached to a plan, is read by whoever may read the plan, and 404 with an audit to others', async () => {
      const ctx = await contextOf(t, 'staff');
      const attached = await t.s.db.kysely
        .transaction()
        .execute((trx) => attachTo(t.s, trx, ctx, [file.id], { type: 'plan', id: plan.id }));
      expect(attached).toMatchObject([{ id: file.id, owner: { type: 'plan', id: plan.id } }]);
      expect((await listFor(t.s, { type: 'plan', id: plan.id })).map((a) => a.id)).toEqual([file.id]);
      expect((await auditRows(t, 'attachment.attach')).length).toBe(1);

      const leader = await world.signIn('leader');
      expect((await leader.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
      expect((await staff.get(`/api/attachments/${file.id}`)).statusCode).toBe(200);
      for (const outsider of ['lixia_staff', 'handler']) {
        const agent = await world.signIn(outsider);
        const before = (await auditRows(t, 'access.out_of_scope')).length;
        const res = await agent.get(`/api/attachments/${file.id}`);
        expect(res.statusCode, outsider).toBe(404);
        expect(res.json()).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
        const denied = await auditRows(t, 'access.out_of_scope');
        expect(denied.length, outsider).toBe(before + 1);
        expect(denied.at(-1)).toMatchObject({ object_type: 'attachment', object_id: String(file.id) });
      }
    });

    it("attaches only the actor's own unattached recent uploads, all or none", async () => {
      const ctx = await contextOf(t, 'staff');
      const owner = { type: 'plan', id: plan.id };
      const attach = (ids: number[]) =>
        t.s.db.kysely.transaction().execute((trx) => attachTo(t.s, trx, ctx, ids, owner));
      const mine = (await upload(staff, '新的.pdf', sample.pdf('mine'))).json<AttachmentOut>();
      const handler = await world.signIn('handler');
      const theirs = (await upload(handler, '别人的.pdf', sample.pdf('theirs'))).json<AttachmentOut>();
      // Someone else's file, an attached one, one that does not exist: the whole change is refused.
      for (const ids of [
        [mine.id, theirs.id],
        [mine.id, file.id],
        [mine.id, 999_999],
      ]) {
        await expect(attach(ids)).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_ATTACHABLE' });
      }
      expect((await listFor(t.s, owner)).map((a) => a.id)).toEqual([file.id]);
      // Past the configured hours, an upload must be made again.
      t.clock.advance((t.config.attachments.attachWithinHours + 1) * HOUR);
      await expect(attach([mine.id])).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_ATTACHABLE' });
      expect(await attach([])).toEqual([]);
    });
  });
});
