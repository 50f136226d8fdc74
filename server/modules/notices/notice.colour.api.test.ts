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
import { JOB_HANDLERS, JOB_SCHEDULES } from '../../jobs.ts';
import { noticesColours, settleNoticeColours } from './index.ts';

interface NoticeOut {
  id: number;
  version: number;
  colour: string;
  timeline: { kind: string; label: string; detail: Record<string, unknown> }[];
  colourHistory: { at: string; colour: string; label: string; reason: string }[];
}

describe.each(DIALECTS)('a notice’s colour history (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let handler: Agent;
  let taskId: number;
  let world: DemoWorld;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Monday 2 March 2026, a working day.
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    const ndrc = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省发展和改革委员会')
      .executeTakeFirstOrThrow();
    const task = await staff.post('/api/tasks', {
      source: 'leader',
      title: '颜色历史的任务',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      cycle: 'monthly',
      leadUnitId: ndrc.id,
      assign: true,
    });
    expect(task.statusCode, task.body).toBe(201);
    taskId = task.json<{ id: number }>().id;
  });
  afterAll(() => t.close());

  const get = async (id: number) => (await staff.get(`/api/notices/${id}`)).json<NoticeOut>();

  it('records each change of colour once, from the daily job and from steps, on the notice’s timeline', async () => {
    expect(JOB_HANDLERS).toContain(noticesColours);
    expect(JOB_SCHEDULES.map((x) => x.job)).toContain(noticesColours);
    const issued = await staff.post(
      `/api/tasks/${taskId}/notices`,
      { level: 'key', reason: '进度滞后', requirements: '五个工作日内反馈', copyToUnitIds: [] },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(issued.statusCode, issued.body).toBe(201);
    let n = issued.json<NoticeOut>();
    // Response due Monday 9 March: green when issued.
    expect(n.colourHistory.map((h) => h.colour)).toEqual(['green']);

    // Thursday 5 March: the deadline is within two working days, yellow; a second run the same day adds nothing.
    t.clock.set(new Date('2026-03-05T01:00:00+08:00'));
    expect((await settleNoticeColours(t.s)).changed).toBe(1);
    expect((await settleNoticeColours(t.s)).changed).toBe(0);
    // Tuesday 10 March: past the response date, red.
    t.clock.set(new Date('2026-03-10T01:00:00+08:00'));
    await settleNoticeColours(t.s);
    // A new working day: sign in again (sessions end after a while idle).
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    n = await get(n.id);
    expect(n.colour).toBe('red');
    expect(n.colourHistory.map((h) => h.colour)).toEqual(['green', 'yellow', 'red']);
    expect(n.colourHistory[2]!.reason).toBe('已超过反馈期限（2026-03-09）');

    // The unit signs and responds with a fix date a month away: green again at the step, not the next night.
    t.clock.set(new Date('2026-03-10T01:10:00+08:00'));
    const signed = await handler.request({
      method: 'POST',
      url: `/api/notices/${n.id}/sign`,
      payload: {},
      ifMatch: n.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    n = signed.json<NoticeOut>();
    // Still red: the response date still runs. The colour does not move the version (If-Match).
    expect(n.colourHistory).toHaveLength(3);
    const responded = await handler.request({
      method: 'POST',
      url: `/api/notices/${n.id}/respond`,
      payload: { measures: '加快推进', fixDue: '2026-04-10' },
      ifMatch: n.version,
    });
    expect(responded.statusCode, responded.body).toBe(200);
    n = responded.json<NoticeOut>();
    expect(n.colourHistory.map((h) => h.colour)).toEqual(['green', 'yellow', 'red', 'green']);
    const changes = n.timeline.filter((e) => e.kind === 'colour_changed');
    expect(changes.map((e) => [e.label, e.detail.fromLabel, e.detail.toLabel])).toEqual([
      ['颜色变化', null, '绿灯'],
      ['颜色变化', '绿灯', '黄灯'],
      ['颜色变化', '黄灯', '红灯'],
      ['颜色变化', '红灯', '绿灯'],
    ]);
    const rows = await t.db.kysely
      .selectFrom('notice_colour_history')
      .select('colour')
      .where('notice_id', '=', n.id)
      .execute();
    expect(rows).toHaveLength(4);
  });
});
