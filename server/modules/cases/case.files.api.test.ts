// A case's files through the attachments module, on both databases: the proposal's file and the answer
// letter's file belong to the case; the page names them with their size; the proposer, staff and the
// handling unit download them; another party's submitter gets 404 (audited), as for the case itself; a
// file that is not the actor's own upload refuses the whole change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { pdf } from '../attachments/testing/samples.ts';
import { act, getCase, person, proposalContent, unitIds, type CaseOut } from './testing/case.fixtures.ts';

const BOUNDARY = '----luoshi-case-files';
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

type WithFiles = CaseOut & {
  files: { id: number; fileName: string; size: number; mime: string }[];
  answers: (CaseOut['answers'][number] & { attachmentIds: number[] })[];
};

describe.each(DIALECTS)('case files (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let submitter: Agent;
  let handler: Agent;
  let outsider: Agent;
  let unit: Record<string, number>;
  const post = (agent: Agent, url: string, body: object) =>
    agent.post(url, body, { 'idempotency-key': idempotencyKey() });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    submitter = await world.signIn('submitter');
    handler = await world.signIn('handler');
    unit = await unitIds(t);
    outsider = (await person(t, 'jiusan_files', unit['九三学社山东省委会']!, 'submitter')).agent;
  });
  afterAll(() => t.close());

  it('links the proposal and answer files to the case: names and sizes on the page, downloads in scope', async () => {
    const draftFile = await upload(submitter, 'survey.pdf', pdf('融资调查'));
    const created = await post(submitter, '/api/cases', {
      type: 'proposal',
      title: '关于缓解民营企业融资难的建议',
      content: { ...proposalContent, attachmentIds: [draftFile] },
    });
    expect(created.statusCode, created.body).toBe(201);
    let c = created.json<WithFiles>();
    expect(c.files).toEqual([
      { id: draftFile, fileName: 'survey.pdf', size: pdf('融资调查').length, mime: 'application/pdf' },
    ]);
    // Saving the draft again with the same file keeps it.
    const saved = await submitter.request({
      method: 'PUT',
      url: `/api/cases/${c.id}`,
      payload: {
        title: '关于缓解民营企业融资难的建议（修改）',
        content: { ...proposalContent, attachmentIds: [draftFile] },
      },
      ifMatch: c.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await act(submitter, c.id, 'submit');
    await act(staff, c.id, 'accept');
    await act(staff, c.id, 'forward', { leadUnitId: unit['山东省发展和改革委员会'] });
    const letterFile = await upload(handler, 'reply.pdf', pdf('答复函'));
    await act(handler, c.id, 'answer', {
      letter: '已会同金融监管部门研究。',
      category: 'planned',
      attachmentIds: [letterFile],
    });
    c = (await getCase(submitter, c.id)) as WithFiles;
    expect(c.answers[0]!.attachmentIds).toEqual([letterFile]);
    expect(c.files.map((f) => f.fileName).sort()).toEqual(['reply.pdf', 'survey.pdf']);

    for (const reader of [submitter, staff, handler])
      for (const id of [draftFile, letterFile]) {
        const res = await reader.get(`/api/attachments/${id}`);
        expect(res.statusCode, res.body).toBe(200);
      }
    // Another party's submitter sees neither the case nor its files.
    expect((await outsider.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    for (const id of [draftFile, letterFile])
      expect((await outsider.get(`/api/attachments/${id}`)).statusCode).toBe(404);
  });

  it('refuses a file that is not the actor’s own upload and saves nothing', async () => {
    const theirs = await upload(outsider, 'theirs.pdf', pdf('他人文件'));
    const before = await t.db.kysely.selectFrom('cases').select('id').execute();
    const res = await post(submitter, '/api/cases', {
      type: 'proposal',
      title: '借用他人附件',
      content: { ...proposalContent, attachmentIds: [theirs] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('ATTACHMENT_NOT_ATTACHABLE');
    expect(await t.db.kysely.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
    // Still only its uploader's.
    expect((await submitter.get(`/api/attachments/${theirs}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/attachments/${theirs}`)).statusCode).toBe(200);
  });
});
