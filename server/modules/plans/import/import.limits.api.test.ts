// Hostile input for the preview (issue 6 §1.1): zip bombs, a huge text, an outline of thousands of
// items, a parse that takes seconds. Each answers a stable code, and the server keeps answering others.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from '../../../../test/app.ts';
import { PREVIEW_LIMITS } from './import.limits.ts';
import { ParsePool } from './import.pool.ts';
import { makeDocx } from './testing/zip.ts';

function multipart(filename: string, content: Buffer) {
  const boundary = '----luoshi-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const MB = 1024 * 1024;
/** Numbered lines, as in the report: `（一）统战` over and over. */
const numberedLines = (chars: number) => '（一）统战\n'.repeat(Math.ceil(chars / 6)).slice(0, chars);

describe('plans: preview limits (sqlite)', () => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let base: string;
  const upload = (filename: string, content: Buffer) =>
    staff.request({ method: 'POST', url: '/api/plans/preview', ...multipart(filename, content) });

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('refuses a .docx bomb by its declared size, before unpacking it', async () => {
    const bomb = makeDocx(['2023年统战工作要点'], { documentXmlBytes: 50 * MB });
    expect(bomb.length).toBeLessThan(300 * 1024);
    const started = Date.now();
    const res = await upload('bomb.docx', bomb);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'PLAN_SOURCE_TOO_LARGE',
      details: { problem: 'DOCX_UNPACKED_TOO_LARGE' },
    });
    expect(res.json<{ message: string }>().message).toMatch(/解压后的内容超过 4 MB/);
    // Unpacking it took 135 s before the limit; 15 s leaves room for a loaded machine and still proves it.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses a .docx whose directory lies about its size, while unpacking', async () => {
    const lying = makeDocx(['x'], { documentXmlBytes: 50 * MB, claimedSize: 2000 });
    const res = await upload('lying.docx', lying);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', details: { problem: 'DOCX_SIZE_MISMATCH' } });
    // Honest about its size, under the byte limit, but a million empty paragraphs for mammoth to build.
    const dense = await upload('dense.docx', makeDocx(['x'], { documentXmlBytes: 3.9 * MB }));
    expect(dense.statusCode, dense.body).toBe(422);
    expect(dense.json()).toMatchObject({ details: { problem: 'DOCX_TOO_COMPLEX' } });
  });

  it('refuses a 9 MB text of numbered lines, pasted or uploaded', async () => {
    const text = numberedLines(3 * MB); // 9 MB in UTF-8
    const res = await upload('lines.txt', Buffer.from(text));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'PLAN_SOURCE_TOO_LARGE',
      details: { problem: 'TEXT_TOO_LONG' },
    });
    const pasted = await staff.post('/api/plans/preview', {
      text: numberedLines(PREVIEW_LIMITS.textChars + 1),
    });
    expect(pasted.statusCode, pasted.body).toBe(422);
    expect(pasted.json<{ message: string }>().message).toContain('超过导入上限 200000 字');
  });

  it('keeps answering /api/health while a long parse runs, and memory stays bounded', async () => {
    expect((await fetch(`${base}/api/health`)).status).toBe(200); // the HTTP client's own start-up
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    // Just under the text limit: seconds of parsing, then refused for its thousands of items.
    const parse = staff.post('/api/plans/preview', { text: numberedLines(PREVIEW_LIMITS.textChars) });
    let settled = false;
    void parse.finally(() => (settled = true));
    const latencies: number[] = [];
    while (!settled) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`);
      latencies.push(performance.now() - started);
      expect(res.status).toBe(200);
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await parse;
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'PLAN_OUTLINE_TOO_LARGE', details: { limit: 2000 } });
    latencies.sort((a, b) => a - b);
    const worst = latencies.at(-1)!;
    console.log(
      `health during a ${latencies.length * 20} ms parse: ${latencies.length} answers, median ${latencies[latencies.length >> 1]!.toFixed(1)} ms, worst ${worst.toFixed(1)} ms; RSS +${Math.round((peak - rssBefore) / MB)} MB`,
    );
    // In-process, the parse held the event loop for its whole length (seconds): health could not answer.
    // With the parse in a worker, health answers as usual; the bounds leave room for a busy machine.
    expect(latencies.length).toBeGreaterThan(10);
    expect(latencies[Math.floor(latencies.length * 0.9)]!).toBeLessThan(200);
    expect(worst).toBeLessThan(1000);
    expect(peak - rssBefore).toBeLessThan(600 * MB);
  });

  it('answers 400 for a body that claims to be multipart but is not', async () => {
    const res = await staff.request({
      method: 'POST',
      url: '/api/plans/preview',
      payload: 'not a multipart body',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST' });
    const noBoundary = await staff.request({
      method: 'POST',
      url: '/api/plans/preview',
      payload: '{"text":"x"}',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
  });

  it('limits searches per user', async () => {
    const reader = await world.signIn('leader');
    let last = 0;
    for (let i = 0; i < 130 && last !== 429; i++)
      last = (await reader.get('/api/plans/search?q=%E7%BB%9F%E6%88%98')).statusCode;
    expect(last).toBe(429);
    expect((await reader.get('/api/plans/search?q=x')).json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await staff.get('/api/plans/search?q=x')).statusCode).toBe(200);
  });

  it('limits previews per user', async () => {
    const other = await world.signIn('staff'); // the same user, another session: the same budget
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++)
      last = (await other.post('/api/plans/preview', { text: 'x' })).statusCode;
    expect(last).toBe(429);
    const leader = await world.signIn('leader');
    // Another user still has their own budget (leaders cannot preview: 403, not 429).
    expect((await leader.post('/api/plans/preview', { text: 'x' })).statusCode).toBe(403);
  });
});

describe('plans: parse pool', () => {
  it('stops a parse that passes its time limit, and the next one still runs', async () => {
    const pool = new ParsePool({ workers: 1, timeoutMs: 300 });
    try {
      const slow = pool.parse({ kind: 'text', text: numberedLines(150_000) }, [], PREVIEW_LIMITS);
      await expect(slow).rejects.toMatchObject({ code: 'PLAN_PARSE_TIMEOUT', status: 422 });
      const quick = await pool.parse(
        { kind: 'text', text: '2022年统战工作要点\n一、政治\n' },
        [],
        PREVIEW_LIMITS,
      );
      expect(quick.outline.title).toBe('2022年统战工作要点');
    } finally {
      await pool.close();
    }
  });

  it('refuses a parse that needs more than the worker heap, and recovers', async () => {
    const pool = new ParsePool({ workers: 1, heapMb: 24, timeoutMs: 60_000 });
    try {
      const big = pool.parse(
        { kind: 'text', text: numberedLines(PREVIEW_LIMITS.textChars) },
        [],
        PREVIEW_LIMITS,
      );
      await expect(big).rejects.toMatchObject({
        code: 'PLAN_SOURCE_TOO_LARGE',
        status: 422,
        details: { problem: 'OUT_OF_MEMORY' },
      });
      const quick = await pool.parse(
        { kind: 'text', text: '2022年统战工作要点\n一、政治\n' },
        [],
        PREVIEW_LIMITS,
      );
      expect(quick.outline.title).toBe('2022年统战工作要点');
    } finally {
      await pool.close();
    }
  });

  it('answers 503 when the queue is full', async () => {
    const pool = new ParsePool({ workers: 1, queue: 1, timeoutMs: 5000 });
    try {
      const text = { kind: 'text', text: numberedLines(30_000) } as const;
      const jobs = [1, 2, 3].map(() => pool.parse(text, [], PREVIEW_LIMITS).catch((e: unknown) => e));
      const third = await jobs[2];
      expect(third).toMatchObject({ code: 'SERVER_BUSY', status: 503 });
      await Promise.all(jobs);
    } finally {
      await pool.close();
    }
  });
});
