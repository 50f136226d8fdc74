// 政企座谈会 through the API on both databases: staff record a meeting (organiser, attendees), a 工商联
// submitter picks it for an appeal among the meetings of their region's line, the meeting's page lists
// the appeals raised in it with their state and enterprise; another city's meetings stay out of reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { act, person, unitIds, type CaseOut } from '../testing/case.fixtures.ts';

interface MeetingOut {
  id: number;
  title: string;
  organiser: string;
  attendees: string;
  recordedByName: string;
  regionName: string;
  appealCount: number;
  appeals: { id: number; state: string; stateLabel: string; enterprise: string }[];
}

describe.each(DIALECTS)('政企座谈会 (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let jinan: Agent;
  let qingdao: Agent;
  let federation: Agent;
  const post = (agent: Agent, url: string, body: object) =>
    agent.post(url, body, { 'idempotency-key': idempotencyKey() });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    jinan = await world.signIn('jinan_staff');
    qingdao = await world.signIn('qingdao_staff');
    const unit = await unitIds(t);
    federation = (await person(t, 'jinan_gsl', unit['山东省工商业联合会']!, 'submitter', '370100')).agent;
  });
  afterAll(() => t.close());

  it('is recorded with its organiser, picked for an appeal and lists the appeal with its state', async () => {
    const created = await post(jinan, '/api/case-meetings', {
      title: '济南市民营企业座谈会',
      heldOn: '2026-02-26',
      place: '市民中心 3 楼',
      organiser: '济南市委统战部、济南市工商联',
      attendees: '济南某某机械有限公司\n济南某某食品有限公司',
    });
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json<MeetingOut>();
    expect(meeting).toMatchObject({
      organiser: '济南市委统战部、济南市工商联',
      recordedByName: '孙丽',
      appealCount: 0,
      appeals: [],
    });
    const qd = await post(qingdao, '/api/case-meetings', { title: '青岛座谈会', heldOn: '2026-02-20' });
    const prov = await post(staff, '/api/case-meetings', { title: '全省座谈会', heldOn: '2026-02-10' });
    // Without an organiser the page names the region's 统战部.
    expect(prov.json<MeetingOut>().organiser).toBe(`${prov.json<MeetingOut>().regionName}统战部`);

    // The 工商联 of 济南 may name its city's meeting or the province's, not 青岛's.
    const picked = (await federation.get('/api/case-meetings')).json<MeetingOut[]>().map((m) => m.id);
    expect(picked.sort()).toEqual([meeting.id, prov.json<MeetingOut>().id].sort());
    expect((await federation.get(`/api/case-meetings/${meeting.id}`)).statusCode).toBe(404);
    const content = {
      kind: 'complaint',
      channel: 'meeting',
      enterprise: '济南某某机械有限公司',
      content: '厂区门前道路长期积水。',
    };
    const foreign = await post(federation, '/api/cases', {
      type: 'appeal',
      title: '道路积水',
      content: { ...content, meetingId: qd.json<MeetingOut>().id },
    });
    expect(foreign.statusCode, foreign.body).toBe(404);
    const res = await post(federation, '/api/cases', {
      type: 'appeal',
      title: '厂区门前道路积水',
      content: { ...content, meetingId: meeting.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<CaseOut & { meetingId: number }>();
    expect(c.meetingId).toBe(meeting.id);
    // A draft is not yet raised at the meeting's page.
    expect((await jinan.get(`/api/case-meetings/${meeting.id}`)).json<MeetingOut>().appealCount).toBe(0);
    await act(federation, c.id, 'submit');

    const page = (await jinan.get(`/api/case-meetings/${meeting.id}`)).json<MeetingOut>();
    expect(page).toMatchObject({
      appealCount: 1,
      appeals: [
        { id: c.id, state: 'submitted', stateLabel: '已提交待审查', enterprise: '济南某某机械有限公司' },
      ],
    });
    expect((await qingdao.get(`/api/case-meetings/${meeting.id}`)).statusCode).toBe(404);
    expect((await qingdao.get('/api/case-meetings')).json<MeetingOut[]>().map((m) => m.id)).toEqual([
      qd.json<MeetingOut>().id,
    ]);
  });

  it('answers a too long organiser with its field message and records nothing', async () => {
    const res = await post(staff, '/api/case-meetings', {
      title: '座谈会',
      heldOn: '2026-02-26',
      organiser: '单'.repeat(201),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('主办单位不能超过 200 字');
  });
});
