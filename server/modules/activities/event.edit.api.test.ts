// Editing an event (fields, co-organisers, participants; If-Match), its evidence files (attached in the
// event's change, read in the event's scope), and its outcomes (the task indicator an outcome counts
// toward, a project's status and follow-up done dates), on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { pdf, png } from '../attachments/testing/samples.ts';

interface Event {
  id: number;
  version: number;
  state: string;
  placeRegionName: string;
  coOrganisers: { id: number; name: string }[];
  participants: { kind: string; name: string; count: number }[];
  participantTotal: number;
  taskIndicators: { id: number; name: string; measureUnit: string }[];
  timeline: { action: string; note: string }[];
  attachments: { id: number; fileName: string; mime: string }[];
}
interface Outcome {
  id: number;
  version: number;
  status: string | null;
  taskIndicatorId: number | null;
  followUps: { kind: string; dueDate: string; doneOn: string | null }[];
  history: { status: string; note: string }[];
}
type Res = { statusCode: number; body: string; json: <U>() => U };
const BOUNDARY = '----luoshi-activity-boundary';

describe.each(DIALECTS)('品牌活动: editing events, evidence and outcomes (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let jinan: Agent;
  let qingdao: Agent;
  let event: Event;
  let taskId: number;
  const unit: Record<string, number> = {};

  const ok = <T>(res: Res, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  const patchEvent = (body: object, version = event.version) =>
    jinan.request({
      method: 'PATCH',
      url: `/api/activity-events/${event.id}`,
      payload: body,
      ifMatch: version,
    });
  const upload = async (agent: Agent, filename: string, content: Buffer) =>
    agent.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ]),
    });
  const actual = async (id: number) =>
    (
      await t.db.kysely
        .selectFrom('task_indicators')
        .select('actual')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).actual;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-05-01T09:00:00+08:00'));
    world = await seedDemo(t);
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    taskId = ok<{ id: number }>(
      await jinan.post('/api/tasks', {
        source: 'leader',
        title: '开展港澳山东千人行济南站',
        leadUnitId: unit['中共济南市委统战部'],
        startDate: '2026-01-01',
        dueDate: '2026-12-31',
        indicators: [
          { name: '签约金额', measureUnit: '万元', target: 10000 },
          { name: '引进人才', measureUnit: '人', target: 50 },
        ],
        assign: true,
      }),
      201,
    ).id;
    event = ok<Event>(
      await jinan.post(
        '/api/activity-events',
        {
          name: '千人行济南站',
          startDate: '2026-05-10',
          endDate: '2026-05-10',
          placeRegionCode: '370100',
          organiserUnitId: unit['中共济南市委统战部'],
        },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );
  });
  afterAll(() => t.close());

  it('edits the fields, co-organisers and participants with If-Match; a stale edit gets 412', async () => {
    const stale = event.version;
    event = ok<Event>(
      await patchEvent({
        placeRegionCode: '370102',
        address: '历下区泉城路',
        taskId,
        coOrganiserIds: [unit['中共济南市历下区委统战部']],
        participants: [
          { kind: 'enterprise', name: '港资企业代表团', count: 40 },
          { kind: 'association', name: '香港山东同乡会', count: 12 },
        ],
      }),
    );
    expect(event.placeRegionName).toBe('历下区');
    expect(event.coOrganisers.map((u) => u.name)).toEqual(['中共济南市历下区委统战部']);
    expect(event.participantTotal).toBe(52);
    expect(event.taskIndicators.map((i) => i.name)).toEqual(['签约金额', '引进人才']);
    for (const label of ['地点地区', '地点', '任务', '协办单位', '参加单位'])
      expect(event.timeline.at(-1)!.note).toContain(label);
    // The page's old version: refused, nothing saved.
    const late = await patchEvent({ name: '改名' }, stale);
    expect(late.statusCode).toBe(412);
    expect(late.json<{ message: string }>().message).toContain('已被他人修改');
    // The organiser is not also a co-organiser.
    const self = await patchEvent({ coOrganiserIds: [unit['中共济南市委统战部']] });
    expect(self.statusCode).toBe(400);
    // A sibling city can neither read nor change it.
    const foreign = await qingdao.request({
      method: 'PATCH',
      url: `/api/activity-events/${event.id}`,
      payload: { name: 'x' },
      ifMatch: event.version,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('attaches photos and documents, checked by content, read only in the event’s scope', async () => {
    const photo = ok<{ id: number }>(await upload(jinan, '合影.png', png()), 201);
    const doc = ok<{ id: number }>(await upload(jinan, '活动通知.pdf', pdf('通知')), 201);
    const script = await upload(jinan, 'run.pdf', Buffer.from('#!/bin/sh\necho hi\n'));
    expect(script.statusCode).toBe(415);
    event = ok<Event>(await patchEvent({ attachmentIds: [photo.id, doc.id] }));
    expect(event.attachments.map((a) => a.mime)).toEqual(['image/png', 'application/pdf']);
    expect(event.timeline.at(-1)).toMatchObject({ action: 'evidence_add' });
    expect(event.timeline.at(-1)!.note).toContain('合影.png');
    expect((await jinan.get(`/api/attachments/${photo.id}`)).statusCode).toBe(200);
    expect((await qingdao.get(`/api/attachments/${photo.id}`)).statusCode).toBe(404);
    // A file someone else uploaded cannot be attached; the change is refused whole.
    const theirs = ok<{ id: number }>(await upload(qingdao, 'x.pdf', pdf('他人')), 201);
    const refused = await patchEvent({ attachmentIds: [theirs.id], summary: '不应保存' });
    expect(refused.statusCode).toBe(409);
    expect(ok<Event & { summary: string }>(await jinan.get(`/api/activity-events/${event.id}`)).summary).toBe(
      '',
    );
  });

  it('removes a file with the event’s version: audited with its SM3, on the timeline, no longer readable', async () => {
    const [photo, doc] = event.attachments as [Event['attachments'][number], Event['attachments'][number]];
    const remove = (agent: Agent, id: number, version = event.version) =>
      agent.request({
        method: 'DELETE',
        url: `/api/activity-events/${event.id}/attachments/${id}`,
        ifMatch: version,
      });
    // A sibling city: as for a missing event; a stale version: refused, nothing removed.
    expect((await remove(qingdao, photo.id)).statusCode).toBe(404);
    const stale = await remove(jinan, photo.id, event.version - 1);
    expect(stale.statusCode).toBe(412);
    // Without If-Match: 428.
    const bare = await jinan.request({
      method: 'DELETE',
      url: `/api/activity-events/${event.id}/attachments/${photo.id}`,
    });
    expect(bare.statusCode).toBe(428);
    const before = event.version;
    event = ok<Event>(await remove(jinan, photo.id));
    expect(event.version).toBe(before + 1);
    expect(event.attachments.map((a) => a.id)).toEqual([doc.id]);
    expect(event.timeline.at(-1)).toMatchObject({
      action: 'evidence_remove',
      note: `附件 ${photo.fileName}`,
    });
    expect((await jinan.get(`/api/attachments/${photo.id}`)).statusCode).toBe(404);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_type', '=', 'activity_event')
      .where('object_id', '=', String(event.id))
      .where('action', '=', 'activity_event.evidence_remove')
      .execute();
    expect(audit.length).toBe(1);
    expect(String(audit[0]!.detail)).toContain(photo.fileName);
    expect(String(audit[0]!.detail)).toMatch(/"sm3":"[0-9a-f]{64}"/);
    // Gone already, or never this event's: 404 with a message to act on; the version does not move.
    const again = await remove(jinan, photo.id);
    expect(again.statusCode).toBe(404);
    expect(again.json<{ message: string }>().message).toContain('不是本活动的附件');
    expect(ok<Event>(await jinan.get(`/api/activity-events/${event.id}`)).version).toBe(event.version);
  });

  it('counts an outcome toward a chosen indicator, moves it on edit, and keeps a project’s history', async () => {
    for (const to of ['preparing', 'held'])
      event = ok<Event>(
        await jinan.request({
          method: 'POST',
          url: `/api/activity-events/${event.id}/transitions`,
          payload: { to },
          ifMatch: event.version,
        }),
      );
    const [money, people] = event.taskIndicators.map((i) => i.id) as [number, number];
    let project = ok<Outcome>(
      await jinan.post(
        `/api/activity-events/${event.id}/outcomes`,
        {
          kind: 'project',
          name: '跨境物流中心',
          enterprise: '澳门某公司',
          amountWan: '500',
          taskIndicatorId: money,
          followUps: [{ kind: 'start', dueDate: '2026-06-01' }],
        },
        { 'idempotency-key': idempotencyKey() },
      ),
      201,
    );
    expect(await actual(money)).toBe(500);
    // Changing the event's task while an outcome counts toward its indicator is refused.
    const moveTask = await patchEvent({ taskId: null });
    expect(moveTask.statusCode).toBe(400);
    // 开工 done, status 已开工 with a note, and 600 万元: the indicator follows.
    project = ok<Outcome>(
      await jinan.request({
        method: 'PATCH',
        url: `/api/activity-outcomes/${project.id}`,
        payload: {
          amountWan: '600',
          status: 'started',
          statusNote: '5 月 28 日开工',
          followUps: [
            { kind: 'start', dueDate: '2026-06-01', doneOn: '2026-05-28' },
            { kind: 'funding', dueDate: '2026-09-30' },
          ],
        },
        ifMatch: project.version,
      }),
    );
    expect(await actual(money)).toBe(600);
    expect(project.history.map((h) => h.status)).toEqual(['signed', 'started']);
    expect(project.history[1]!.note).toBe('5 月 28 日开工');
    expect(project.followUps).toEqual([
      expect.objectContaining({ kind: 'start', doneOn: '2026-05-28' }),
      expect.objectContaining({ kind: 'funding', doneOn: null }),
    ]);
    // Two follow-ups of one kind are refused with a message.
    const twice = await jinan.request({
      method: 'PATCH',
      url: `/api/activity-outcomes/${project.id}`,
      payload: {
        followUps: [
          { kind: 'start', dueDate: '2026-06-01' },
          { kind: 'start', dueDate: '2026-07-01' },
        ],
      },
      ifMatch: project.version,
    });
    expect(twice.statusCode).toBe(400);
    // Counted toward the other indicator instead: one gives back, the other takes (1 project).
    project = ok<Outcome>(
      await jinan.request({
        method: 'PATCH',
        url: `/api/activity-outcomes/${project.id}`,
        payload: { taskIndicatorId: people },
        ifMatch: project.version,
      }),
    );
    expect([await actual(money), await actual(people)]).toEqual([0, 1]);
    project = ok<Outcome>(
      await jinan.request({
        method: 'PATCH',
        url: `/api/activity-outcomes/${project.id}`,
        payload: { taskIndicatorId: null },
        ifMatch: project.version,
      }),
    );
    expect(await actual(people)).toBe(0);
    // No outcome counts toward the task any more: it may change.
    expect((await patchEvent({ taskId: null })).statusCode).toBe(200);
  });
});
