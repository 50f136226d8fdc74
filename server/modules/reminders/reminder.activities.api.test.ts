// 品牌活动 deadlines on the reminder ladder (both databases, fake clock): an event's preparation item is
// reminded before its due date and escalated after it until it is done; a signed project's follow-up
// date reminds the project's responsible unit, is not sent again after the project is edited, and stops
// once marked done. Each step is on the event's timeline.
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
import { ACTIVITY_DEADLINE_SOURCES } from './reminder.activities.ts';
import { runReminders } from './reminder.job.ts';

interface Event {
  id: number;
  version: number;
  checklist: { id: number }[];
  timeline: { action: string; note: string }[];
}
interface Outcome {
  id: number;
  version: number;
}

describe.each(DIALECTS)('品牌活动 deadlines on the reminder ladder (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let event: Event;
  const sys = { actor: null, ip: '127.0.0.1', requestId: 'test' };
  const unit: Record<string, number> = {};

  const at = async (when: string) => {
    t.clock.set(new Date(`${when}T09:00:00+08:00`));
    staff = await world.signIn('staff');
  };
  const run = async () => (await runReminders(t.s, sys, ACTIVITY_DEADLINE_SOURCES)).sent;
  const reload = async () => (event = (await staff.get(`/api/activity-events/${event.id}`)).json<Event>());
  const send = async (method: string, url: string, payload: object, ifMatch: number) => {
    const res = await staff.request({ method, url, payload, ifMatch });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const handlerMessages = () =>
    t.db.kysely
      .selectFrom('messages as m')
      .innerJoin('users as u', 'u.id', 'm.recipient_id')
      .select(['m.kind', 'm.title'])
      .where('u.username', '=', 'handler')
      .where('m.object_type', '=', 'activity_event')
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    // Monday 2 March 2026.
    await at('2026-03-02');
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    const created = await staff.post(
      '/api/activity-events',
      {
        name: '港澳青年交流营',
        startDate: '2026-03-20',
        endDate: '2026-03-20',
        placeRegionCode: '370100',
        organiserUnitId: unit['办公室'],
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(created.statusCode, created.body).toBe(201);
    event = created.json<Event>();
    // Due Wednesday: two working days ahead, within the milestones' lead days (3).
    await send(
      'POST',
      `/api/activity-events/${event.id}/checklist`,
      { title: '确定来访企业名单', ownerUnitId: unit['山东省发展和改革委员会'], dueDate: '2026-03-04' },
      event.version,
    );
    await reload();
  });
  afterAll(() => t.close());

  it('reminds a preparation item once before it is due, escalates after, and stops when it is done', async () => {
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    expect((await handlerMessages()).map((m) => m.kind)).toEqual(['reminder.due']);
    // Thursday: one working day overdue, the first escalation step.
    await at('2026-03-05');
    expect(await run()).toBe(1);
    await reload();
    expect(event.timeline.map((l) => l.action)).toEqual(
      expect.arrayContaining(['deadline_reminded', 'deadline_escalated']),
    );
    expect(event.timeline.find((l) => l.action === 'deadline_reminded')!.note).toContain('确定来访企业名单');
    await send(
      'PATCH',
      `/api/activity-events/${event.id}/checklist/${event.checklist[0]!.id}`,
      { done: true },
      event.version,
    );
    // Monday 9 March would be the second step (3 working days overdue): the item is done.
    await at('2026-03-09');
    expect(await run()).toBe(0);
  });

  it('reminds a signed project’s responsible unit of a follow-up date, once, until it is done', async () => {
    await reload();
    for (const to of ['preparing', 'held']) {
      await send('POST', `/api/activity-events/${event.id}/transitions`, { to }, event.version);
      await reload();
    }
    const res = await staff.post(
      `/api/activity-events/${event.id}/outcomes`,
      {
        kind: 'project',
        name: '青年创新创业基地',
        enterprise: '香港某集团',
        amountWan: '300',
        responsibleUnitId: unit['山东省发展和改革委员会'],
        followUps: [{ kind: 'start', dueDate: '2026-03-11' }],
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    let project = res.json<Outcome>();
    expect(await run()).toBe(1);
    expect((await handlerMessages()).some((m) => m.title.includes('青年创新创业基地'))).toBe(true);
    // An edit keeps the follow-up (its id is what the ledger names): nothing is sent again.
    const edited = await send(
      'PATCH',
      `/api/activity-outcomes/${project.id}`,
      { amountWan: '350', followUps: [{ kind: 'start', dueDate: '2026-03-11' }] },
      project.version,
    );
    project = edited.json<Outcome>();
    expect(await run()).toBe(0);
    // Marked done (开工 on 10 March): no escalation on Thursday 12 March.
    await send(
      'PATCH',
      `/api/activity-outcomes/${project.id}`,
      { status: 'started', followUps: [{ kind: 'start', dueDate: '2026-03-11', doneOn: '2026-03-10' }] },
      project.version,
    );
    await at('2026-03-12');
    expect(await run()).toBe(0);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'object_type'])
      .where('object_type', 'in', ['activity_checklist', 'activity_followup'])
      .execute();
    expect(audit.map((a) => `${a.object_type}:${a.action}`).sort()).toEqual([
      'activity_checklist:escalation.send',
      'activity_checklist:reminder.send',
      'activity_followup:reminder.send',
    ]);
  });
});
