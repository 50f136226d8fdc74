import fs from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { enqueueJob } from '../../core/jobs/job.enqueue.ts';
import { startJobRunner, type JobRunner } from '../../core/jobs/job.runner.ts';
import { tasksDaily } from '../tasks/index.ts';

interface Section {
  key: string;
  heading: string;
  text: string;
  figures: Record<string, number>;
  table: { columns: string[]; rows: string[][] } | null;
}
interface Bulletin {
  id: number;
  status: string;
  title: string;
  version: number;
  issuedOn: string | null;
  sections: Section[];
}

/** One file of a zip (the .docx), as text. */
function zipEntry(bytes: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in the zip`)));
      zip.readEntry();
    });
  });
}

describe.each(DIALECTS)('督办通报 (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let runner: JobRunner;
  const unit: Record<string, number> = {};
  const as: Record<string, Agent> = {};

  async function moveTo(at: string) {
    t.clock.set(new Date(at));
    for (const u of ['staff', 'handler', 'leader', 'jinan_staff', 'qingdao_staff'])
      as[u] = await world.signIn(u);
  }
  const ok = <T>(res: { statusCode: number; body: string; json: <U>() => U }, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  const section = (b: Bulletin, key: string) => b.sections.find((x) => x.key === key)!;

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
    world = await seedDemo(t);
    runner = startJobRunner(t.s, [tasksDaily], { pollMs: 0 });
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;

    // Assigned on 20 January; one task completed on 10 February; then 6 March, when February's reports
    // (due 5 March) are missing and a task due 10 February is overdue.
    await moveTo('2026-01-20T09:00:00+08:00');
    const make = async (body: object) =>
      ok<{ id: number; version: number }>(
        await as.staff!.post('/api/tasks', {
          source: 'leader',
          startDate: '2026-01-01',
          dueDate: '2026-12-31',
          assign: true,
          ...body,
        }),
        201,
      );
    await make({ title: '推进民营经济高质量发展', leadUnitId: unit['山东省发展和改革委员会'] });
    const late = await make({
      title: '开展统战理论政策宣讲',
      leadUnitId: unit['山东省教育厅'],
      dueDate: '2026-02-10',
    });
    const done = await make({ title: '完成年度调研报告', leadUnitId: unit['山东省发展和改革委员会'] });
    const instruct = async (taskId: number, kind: string) =>
      ok<{ id: number; version: number }>(
        await as.leader!.post(
          '/api/instructions',
          { targetType: 'task', targetId: taskId, kind, text: '请抓紧推进，按期报送进展。' },
          { 'idempotency-key': idempotencyKey() },
        ),
        201,
      );
    // A 批办 in January: before February's bulletin, so not in it.
    await instruct(late.id, 'act');

    await moveTo('2026-02-10T09:00:00+08:00');
    // February's 批示: a 批办 awaiting follow-up, a 阅知, and a 批办 the unit reports on and staff confirm.
    await instruct(late.id, 'act');
    await instruct(done.id, 'read');
    const confirmed = await instruct(done.id, 'act');
    const step = async (agent: Agent, path: string, version: number, payload: object) =>
      ok<{ version: number }>(
        await agent.request({
          method: 'POST',
          url: `/api/instructions/${confirmed.id}/${path}`,
          ifMatch: version,
          payload,
        }),
      ).version;
    const reported = await step(as.handler!, 'follow-ups', confirmed.version, { text: '已部署落实' });
    await step(as.staff!, 'confirm', reported, {});
    let v = ok<{ version: number }>(
      await as.handler!.request({ method: 'POST', url: `/api/tasks/${done.id}/sign`, ifMatch: done.version }),
    ).version;
    v = ok<{ version: number }>(
      await as.handler!.request({
        method: 'POST',
        url: `/api/tasks/${done.id}/completion`,
        ifMatch: v,
        payload: { summary: '调研报告已完成并报送' },
      }),
    ).version;
    ok(
      await as.staff!.request({
        method: 'POST',
        url: `/api/tasks/${done.id}/completion/confirm`,
        ifMatch: v,
      }),
    );
    // A 重点 督办单 on the task that is about to run late, issued in February.
    ok(
      await as.staff!.post(
        `/api/tasks/${late.id}/notices`,
        { level: 'key', reason: '进度滞后', requirements: '请说明原因并提出整改措施' },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );

    await moveTo('2026-03-06T09:00:00+08:00');
    await enqueueJob(t.db.kysely, { kind: tasksDaily, payload: {}, runAt: t.clock.now() }, t.clock);
    expect(await runner.runDue()).toBe(1);
  });
  afterAll(async () => {
    await runner.stop();
    await t.close();
  });

  it('writes the monthly bulletin from the lists, edits it (If-Match), issues, downloads and sends it', async () => {
    const key = idempotencyKey();
    const created = ok<Bulletin>(
      await as.staff!.post('/api/bulletins', { period: '2026-02' }, { 'idempotency-key': key }),
      201,
    );
    expect(created.status).toBe('draft');
    expect(created.title).toContain('2026年2月');
    // The same key answers the same bulletin, not a second one.
    const again = ok<Bulletin>(
      await as.staff!.post('/api/bulletins', { period: '2026-02' }, { 'idempotency-key': key }),
      201,
    );
    expect(again.id).toBe(created.id);

    // Every figure equals the list it summarises.
    const tasks = async (q: string) =>
      ok<{ counts: Record<string, number> }>(
        await as.staff!.get(`/api/tasks?year=2026&regionCode=370000&${q}`),
      ).counts;
    const red = await tasks('health=red');
    expect(section(created, 'red').figures.red).toBe(red.red);
    expect(red.red).toBeGreaterThan(0);
    expect(section(created, 'red').table!.rows).toHaveLength(red.red!);
    const all = await tasks('');
    expect(section(created, 'overview').figures).toMatchObject({
      total: all.total,
      red: all.red,
      yellow: all.yellow,
      green: all.green,
      completed: (await tasks('status=completed')).total,
    });
    const overdue = await tasks('status=assigned,accepted,completion_requested&dueTo=2026-03-05');
    expect(overdue.total).toBeGreaterThan(0);
    expect(section(created, 'overdue').figures.overdue).toBe(overdue.total);
    const board = ok<{ totals: { units: number; missing: number } }>(
      await as.staff!.get('/api/reports/missing?period=2026-02'),
    );
    expect(board.totals.units).toBeGreaterThan(0);
    expect(section(created, 'missing').figures.units).toBe(board.totals.units);
    expect(section(created, 'missing').figures.missing).toBe(board.totals.missing);
    expect(section(created, 'completed').figures.completed).toBe(1);
    expect(section(created, 'completed').table!.rows[0]![1]).toBe('完成年度调研报告');
    const openNotices = ok<{ items: unknown[] }>(await as.staff!.get('/api/notices?status=open&limit=200'));
    expect(section(created, 'notices').figures).toMatchObject({
      issued: 1,
      closed: 0,
      open: openNotices.items.length,
    });
    expect(section(created, 'notices').table!.rows[0]!.slice(1)).toEqual([
      '开展统战理论政策宣讲',
      '山东省教育厅',
      '重点',
      '办理中',
    ]);
    // 领导批示落实情况: the 批示办理 list for the region and the period (paged: every page read).
    const instructions = async (q: string) => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const page: { items: unknown[]; nextCursor: string | null } = ok(
          await as.staff!.get(
            `/api/instructions?regionCode=370000&from=2026-02-01&to=2026-02-28&limit=50&${q}` +
              (cursor ? `&cursor=${cursor}` : ''),
          ),
        );
        n += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return n;
    };
    expect(section(created, 'instructions').figures).toEqual({
      written: await instructions(''),
      act: await instructions('kind=act'),
      awaiting: await instructions('status=awaiting'),
      done: await instructions('status=done'),
    });
    expect(section(created, 'instructions').figures).toEqual({ written: 3, act: 2, awaiting: 1, done: 1 });
    expect(section(created, 'instructions').text).toContain('领导作出批示3件，其中批办2件');
    expect(created.sections.map((x) => x.key)).toEqual([
      'overview',
      'completed',
      'red',
      'overdue',
      'missing',
      'notices',
      'instructions',
      'practices',
    ]);

    // Edit with If-Match: a stale version is refused (412), the current one saves.
    const url = `/api/bulletins/${created.id}`;
    const edit = { sections: [{ key: 'practices', text: '济南市建立“周调度、月通报”机制。' }] };
    expect((await as.staff!.patch(url, edit, created.version + 5)).statusCode).toBe(412);
    expect((await as.staff!.request({ method: 'PATCH', url, payload: edit })).statusCode).toBe(428);
    const edited = ok<Bulletin>(await as.staff!.patch(url, edit, created.version));
    expect(section(edited, 'practices').text).toBe('济南市建立“周调度、月通报”机制。');
    expect(edited.version).toBe(created.version + 1);

    // The .docx: a valid Word file in 公文 layout.
    const res = await as.staff!.get(`${url}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const bytes = res.rawPayload;
    // To look at the pages: BULLETIN_DOCX_OUT=/tmp/x/bulletin.docx, then LibreOffice → PDF → PNG.
    if (process.env.BULLETIN_DOCX_OUT) fs.writeFileSync(process.env.BULLETIN_DOCX_OUT, bytes);
    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    expect(text).toContain(created.title);
    expect(text).toContain('济南市建立“周调度、月通报”机制。');
    expect(text).toContain('中共山东省委统战部');
    const xml = await zipEntry(bytes, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/<w:sz w:val="44"\/>/); // 二号 title
    expect(xml).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    const footer = await zipEntry(bytes, 'word/footer1.xml');
    expect(footer).toContain('— ');
    expect(footer).toContain('PAGE');

    // Issue (frozen after), then send to the units' inboxes.
    const issued = ok<Bulletin>(
      await as.staff!.request({ method: 'POST', url: `${url}/issue`, ifMatch: edited.version }),
    );
    expect(issued.status).toBe('issued');
    expect(issued.issuedOn).toBe('2026-03-06');
    expect((await as.staff!.patch(url, edit, issued.version)).statusCode).toBe(409);
    // A unit reads it only once it was sent to them, and never changes it.
    expect((await as.handler!.get(url)).statusCode).toBe(404);
    const sent = ok<{ units: number; recipients: number }>(
      await as.staff!.post(`${url}/send`, undefined, { 'idempotency-key': idempotencyKey() }),
    );
    expect(sent.units).toBeGreaterThan(0);
    const inbox = ok<{ items: { kind: string; link: string | null }[] }>(await as.handler!.get('/api/inbox'));
    expect(inbox.items.find((m) => m.kind === 'bulletin.issued')?.link).toBe(`/bulletins/${created.id}`);
    expect(ok<Bulletin>(await as.handler!.get(url)).status).toBe('issued');
    expect((await as.handler!.get(`${url}/docx`)).statusCode).toBe(200);
    expect((await as.handler!.patch(url, edit, issued.version + 1)).statusCode).toBe(403);

    const list = ok<{ items: { id: number; status: string }[] }>(await as.staff!.get('/api/bulletins'));
    expect(list.items[0]).toMatchObject({ id: created.id, status: 'issued' });
    const actions = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'bulletin')
      .where('object_id', '=', String(created.id))
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      // The unit's look before it was sent.
      'access.out_of_scope',
      'bulletin.create',
      'bulletin.issue',
      'bulletin.send',
      'bulletin.update',
    ]);
  });

  it('keeps a city bulletin from a sibling city (404) and from units (403)', async () => {
    const jinan = ok<Bulletin>(
      await as.jinan_staff!.post(
        '/api/bulletins',
        { period: '2026-Q1' },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );
    expect(jinan.title).toContain('2026年第一季度');
    // No 批示 on 济南市's tasks: the list for the city and the quarter is empty too.
    expect(section(jinan, 'instructions').figures.written).toBe(0);
    const jinanList = ok<{ items: unknown[] }>(
      await as.jinan_staff!.get('/api/instructions?regionCode=370100&from=2026-01-01&to=2026-03-31'),
    );
    expect(jinanList.items).toHaveLength(0);
    expect((await as.qingdao_staff!.get(`/api/bulletins/${jinan.id}`)).statusCode).toBe(404);
    expect((await as.qingdao_staff!.get(`/api/bulletins/${jinan.id}/docx`)).statusCode).toBe(404);
    expect(
      (await as.qingdao_staff!.post('/api/bulletins', { period: '2026-02', regionCode: '370100' }))
        .statusCode,
    ).toBe(404);
    expect((await as.staff!.get(`/api/bulletins/${jinan.id}`)).statusCode).toBe(200);
    expect((await as.handler!.get('/api/bulletins')).statusCode).toBe(403);
    expect((await as.staff!.post('/api/bulletins', { period: '2026-13' })).statusCode).toBe(400);
  });
});
