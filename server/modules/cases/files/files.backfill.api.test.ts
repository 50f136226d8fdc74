// The backfill of old case files, on both databases: a proposal and its answer saved the way the code
// did before case files were attached (the ids written into the case's content and the answer row, the
// uploads left unattached) are linked by `linkOldCaseFiles`; then the proposer, staff and the handling
// unit download both files and another party's submitter still gets 404; a file the author did not upload
// and an id with no file are reported and left alone; a second run attaches nothing and duplicates
// nothing. On SQLite also through `luoshi cases link-files`, audited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { runCli } from '../../../main.ts';
import { pdf } from '../../attachments/testing/samples.ts';
import { act, getCase, person, proposalContent, unitIds, type CaseOut } from '../testing/case.fixtures.ts';
import { linkOldCaseFiles } from './files.backfill.ts';

const SYSTEM = { actor: null, ip: 'cli', requestId: 'test' };
const BOUNDARY = '----luoshi-old-case-files';

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function upload(agent: Agent, filename: string, content: Buffer): Promise<number> {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const res = await agent.request({
    method: 'POST',
    url: '/api/attachments',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

type WithFiles = CaseOut & { files: { id: number; fileName: string }[] };

describe.each(DIALECTS)('backfill of old case files (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let submitter: Agent;
  let handler: Agent;
  let outsider: Agent;
  let caseId: number;
  let survey: number;
  let reply: number;
  let theirs: number;

  const n = (row: { n: number | string }) => Number(row.n);
  const fileCount = async () =>
    n(
      await t.db.kysely
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow(),
    );
  const auditCount = async (action: string) =>
    n(
      await t.db.kysely
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow(),
    );
  const status = async (agent: Agent, id: number) => (await agent.get(`/api/attachments/${id}`)).statusCode;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    submitter = await world.signIn('submitter');
    handler = await world.signIn('handler');
    const unit = await unitIds(t);
    outsider = (await person(t, 'jiusan_backfill', unit['九三学社山东省委会']!, 'submitter')).agent;

    // The files, uploaded and (as before) never attached.
    survey = await upload(submitter, 'survey.pdf', pdf('融资调查'));
    theirs = await upload(outsider, 'theirs.pdf', pdf('他人文件'));
    reply = await upload(handler, 'reply.pdf', pdf('答复函'));
    const created = await submitter.post(
      '/api/cases',
      { type: 'proposal', title: '关于缓解民营企业融资难的建议', content: proposalContent },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json<CaseOut>().id;
    // The content as the old code saved it: the ids the form sent, the author's, another's and a stale one.
    await t.db.kysely
      .updateTable('cases')
      .set({ body: JSON.stringify({ ...proposalContent, attachmentIds: [survey, theirs, 999_999] }) })
      .where('id', '=', caseId)
      .execute();
    await act(submitter, caseId, 'submit');
    await act(staff, caseId, 'accept');
    await act(staff, caseId, 'forward', { leadUnitId: unit['山东省发展和改革委员会'] });
    await act(handler, caseId, 'answer', { letter: '已会同金融监管部门研究。', category: 'planned' });
    // The answer row as the old code wrote it: the letter's file id, not attached.
    await t.db.kysely
      .updateTable('case_answers')
      .set({ attachment_ids: JSON.stringify([reply]) })
      .where('case_id', '=', caseId)
      .execute();
  });
  afterAll(() => t.close());

  it('links the old files to their case: downloads in the case’s scope; a second run changes nothing', async () => {
    // Before: each file is its uploader's alone, and the page names none.
    expect(await status(staff, survey)).toBe(404);
    expect(await status(submitter, reply)).toBe(404);
    expect((await getCase(submitter, caseId)) as WithFiles).toMatchObject({ files: [] });
    const files = await fileCount();

    const first = await linkOldCaseFiles(t.s, SYSTEM, { batch: 1 });
    expect(first).toMatchObject({
      linked: 2,
      already: 0,
      left: { missing: 1, attached_elsewhere: 0, uploaded_by_another: 1 },
    });
    expect(first.leftListed).toEqual(
      expect.arrayContaining([
        { caseId, fileId: 999_999, reason: 'missing' },
        { caseId, fileId: theirs, reason: 'uploaded_by_another' },
      ]),
    );
    for (const reader of [submitter, staff, handler])
      for (const id of [survey, reply]) expect(await status(reader, id)).toBe(200);
    for (const id of [survey, reply]) expect(await status(outsider, id)).toBe(404);
    // Another's upload stays theirs: the proposal cannot lend it to its readers.
    expect(await status(submitter, theirs)).toBe(404);
    expect(await status(outsider, theirs)).toBe(200);
    const page = (await getCase(submitter, caseId)) as WithFiles;
    expect(page.files.map((f) => f.fileName).sort()).toEqual(['reply.pdf', 'survey.pdf']);
    const attachEvents = await auditCount('attachment.attach');

    const second = await linkOldCaseFiles(t.s, SYSTEM);
    expect(second).toMatchObject({ linked: 0, already: 2 });
    expect(await fileCount()).toBe(files);
    expect(await auditCount('attachment.attach')).toBe(attachEvents);
    expect(((await getCase(submitter, caseId)) as WithFiles).files).toHaveLength(2);
  });

  it.runIf(dialect === 'sqlite')('runs as `luoshi cases link-files` and is audited', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-link-files-'));
    const stdout = new Collected();
    const stderr = new Collected();
    const env = {
      ...process.env,
      DATABASE_URL: t.db.location,
      DATA_DIR: dir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    };
    const io = { stdin: Readable.from([]), stdout, stderr, env };
    const code = await runCli(['cases', 'link-files', '--batch', '50'], io);
    expect(code, stderr.text).toBe(0);
    expect(stdout.text).toContain('0 linked, 2 already linked, 2 left as they were');
    expect(stdout.text).toContain(`case ${caseId} file ${theirs}`);
    expect(await auditCount('case.link_files')).toBe(1);
    expect(await runCli(['cases', 'link-files', '--batch', '0'], io)).toBe(2);
  });
});
