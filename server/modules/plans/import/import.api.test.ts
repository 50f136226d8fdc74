import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { exampleText } from '../testing/plan.fixtures.ts';

const FIXTURES = 'test/fixtures/plans';

function multipart(filename: string, content: Buffer) {
  const boundary = '----luoshi-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

interface Preview {
  text: string;
  outline: {
    title: string;
    year: number | null;
    nodes: Array<{ heading: string; proposedTasks: Array<{ suggestedLead: string | null }> }>;
  };
}

describe.each(DIALECTS)('plans: preview and keyword map (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  const upload = (filename: string, content: Buffer) =>
    staff.request({ method: 'POST', url: '/api/plans/preview', ...multipart(filename, content) });
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('staff');
  });
  afterAll(() => t.close());

  it('previews pasted text as { text, outline }', async () => {
    const res = await staff.post('/api/plans/preview', { text: exampleText() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Preview>();
    expect(body.text).toBe(exampleText());
    expect(body.outline).toMatchObject({ title: '2022年统战工作要点', year: 2022 });
    expect(body.outline.nodes).toHaveLength(4);
    const extra = await staff.post('/api/plans/preview', { text: 'x', extra: 1 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '未知字段：extra',
      details: { problems: [{ in: 'body', path: '' }] },
    });
    expect((await staff.post('/api/plans/preview', { file: 'x' })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('documents both forms of the preview body in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { post: { requestBody?: { content: Record<string, unknown> } } }>;
    }>();
    const content = doc.paths['/api/plans/preview']!.post.requestBody!.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'multipart/form-data']);
    const schema = JSON.stringify(content['multipart/form-data']);
    expect(schema).toContain('"text"');
    expect(schema).toContain('"file"');
    expect(schema).toContain('binary');
  });

  it('previews an uploaded .txt (UTF-8 and GB18030) and .docx', async () => {
    const txt = await upload('要点.txt', Buffer.from(exampleText()));
    expect(txt.statusCode, txt.body).toBe(200);
    expect(txt.json<Preview>().outline.nodes).toHaveLength(4);
    const gb = await upload('county.txt', fs.readFileSync(`${FIXTURES}/county-2023-gb18030.txt`));
    expect(gb.statusCode, gb.body).toBe(200);
    expect(gb.json<Preview>().text).toMatch(/[\u4e00-\u9fff]/);
    const docx = await upload('city-2023.docx', fs.readFileSync(`${FIXTURES}/city-2023.docx`));
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.json<Preview>().outline.year).toBe(2023);
  });

  it('answers 400 for unsupported types and corrupt files, 413 for a file over 10 MB', async () => {
    const pdf = await upload('plan.pdf', Buffer.from('%PDF-1.4'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json()).toMatchObject({ code: 'BAD_REQUEST', details: { problem: 'UNSUPPORTED_EXTENSION' } });
    const corrupt = await upload('corrupt.docx', fs.readFileSync(`${FIXTURES}/corrupt.docx`));
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json()).toMatchObject({ details: { problem: 'UNREADABLE_DOCX' } });
    // Only our own bilingual words reach the client; mammoth's stay in the server log.
    expect(corrupt.json<{ message: string }>().message).toBe(
      '无法读取 Word 文件“corrupt.docx”，文件可能已损坏或不是 .docx 格式 / Cannot read "corrupt.docx": not a valid .docx file',
    );
    const big = await upload('big.txt', Buffer.alloc(10 * 1024 * 1024 + 10, 0x61));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('keeps previews for staff only', async () => {
    const handler = await world.signIn('handler');
    expect((await handler.post('/api/plans/preview', { text: exampleText() })).statusCode).toBe(403);
  });

  it('edits the keyword map with If-Match, and the preview uses it', async () => {
    const first = await staff.get('/api/plans/unit-keywords');
    expect(first.headers.etag).toBe('"0"');
    expect(first.json<{ keywords: unknown[] }>().keywords.length).toBeGreaterThan(10);
    const keywords = [{ keyword: '政治引领', unit: '研究室' }];
    expect((await staff.put('/api/plans/unit-keywords', { keywords })).statusCode).toBe(428);
    const saved = await staff.put('/api/plans/unit-keywords', { keywords }, 0);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect((await staff.put('/api/plans/unit-keywords', { keywords }, 0)).statusCode).toBe(412);
    const preview = (await staff.post('/api/plans/preview', { text: exampleText() })).json<{
      outline: {
        nodes: Array<{
          children: Array<{ heading: string; proposedTasks: Array<{ suggestedLead: string | null }> }>;
        }>;
      };
    }>();
    const item = preview.outline.nodes[0]!.children.find((c) => c.heading === '强化政治引领')!;
    expect(item.proposedTasks[0]!.suggestedLead).toBe('研究室');
    const audit = await t.s.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'plan.unit_keywords.update')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
