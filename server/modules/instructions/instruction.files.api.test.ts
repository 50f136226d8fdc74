// The files of the units' reports back, as the 批示办理 list shows them: read for the whole page at once
// (docs/decisions/instruction-read-batching.md), each follow-up still with its own files, oldest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { pdf } from '../attachments/testing/samples.ts';

const BOUNDARY = '----luoshi-follow-up-files';
async function upload(agent: Agent, filename: string): Promise<number> {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const res = await agent.request({
    method: 'POST',
    url: '/api/attachments',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([Buffer.from(head), pdf(filename), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

interface Listed {
  id: number;
  version: number;
  followUps: { kind: string; text: string; attachments: { id: number; fileName: string; size: number }[] }[];
}

describe.each(DIALECTS)('批示办理 follow-up files (%s)', (dialect) => {
  let t: TestApp;
  let leader: Agent;
  let staff: Agent;
  let handler: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    leader = await world.signIn('leader');
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
  });
  afterAll(() => t.close());

  async function instruction(title: string): Promise<Listed> {
    const unit = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省发展和改革委员会')
      .executeTakeFirstOrThrow();
    const task = await staff.post('/api/tasks', {
      source: 'leader',
      title,
      leadUnitId: unit.id,
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      assign: true,
    });
    expect(task.statusCode, task.body).toBe(201);
    const res = await leader.post(
      '/api/instructions',
      { targetType: 'task', targetId: task.json<{ id: number }>().id, kind: 'act', text: `请落实：${title}` },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Listed>();
  }

  async function report(i: Listed, text: string, attachmentIds: number[]): Promise<Listed> {
    const res = await handler.request({
      method: 'POST',
      url: `/api/instructions/${i.id}/follow-ups`,
      payload: { text, attachmentIds },
      ifMatch: i.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Listed>();
  }

  it('shows each report back with its own files on the list page', async () => {
    const a = await instruction('任务甲');
    const b = await instruction('任务乙');
    const c = await instruction('任务丙');
    const a1 = [await upload(handler, '甲一.pdf'), await upload(handler, '甲二.pdf')];
    const a2 = [await upload(handler, '甲三.pdf')];
    const c1 = [await upload(handler, '丙一.pdf')];
    let ra = await report(a, '甲：第一次反馈', a1);
    const more = await staff.request({
      method: 'POST',
      url: `/api/instructions/${a.id}/more`,
      payload: { comment: '请补充' },
      ifMatch: ra.version,
    });
    expect(more.statusCode, more.body).toBe(200);
    ra = await report(more.json<Listed>(), '甲：补充', a2);
    await report(b, '乙：无附件', []);
    await report(c, '丙：反馈', c1);

    const res = await leader.get('/api/instructions?limit=20');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Listed[] }>().items;
    const thread = (id: number) =>
      items.find((i) => i.id === id)!.followUps.map((f) => [f.kind, f.text, f.attachments.map((x) => x.id)]);
    expect(thread(a.id)).toEqual([
      ['report', '甲：第一次反馈', a1],
      ['more', '请补充', []],
      ['report', '甲：补充', a2],
    ]);
    expect(thread(b.id)).toEqual([['report', '乙：无附件', []]]);
    expect(thread(c.id)).toEqual([['report', '丙：反馈', c1]]);
    const file = items.find((i) => i.id === c.id)!.followUps[0]!.attachments[0]!;
    expect(file).toMatchObject({ fileName: '丙一.pdf' });
    expect(file.size).toBeGreaterThan(0);
    // The one instruction's page answers the same thread as the list.
    const one = (await leader.get(`/api/instructions/${a.id}`)).json<Listed>();
    expect(one.followUps).toEqual(items.find((i) => i.id === a.id)!.followUps);
    expect(ra.followUps).toEqual(one.followUps);
  });
});
