import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { pdf } from '../attachments/testing/samples.ts';

// 干部培训 leftovers (issue 10 §3): a plan and its courses edited while not approved (If-Match), the
// yearly hours requirement kept by the province's staff, and a session's scanned sign-in sheet kept with
// its attendance (docs/decisions/training-settings.md).

interface Course {
  id: number;
  version: number;
  title: string;
  hours: number;
  planStatus: string;
  sessions: Array<{
    id: number;
    version: number;
    topic: string;
    sheets: Array<{ id: number; name: string }>;
  }>;
  nominations: Array<{ id: number; personId: number; version: number }>;
}
interface Plan {
  id: number;
  version: number;
  title: string;
  status: string;
  courses: Array<{ id: number; version: number; hours: number }>;
}
interface Res {
  statusCode: number;
  body: string;
  json: <U>() => U;
}
const ok = <T>(res: Res, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};
const BOUNDARY = '----luoshi-sheet';

describe.each(DIALECTS)(
  '干部培训: editing a draft, the hours requirement, sign-in sheets (%s)',
  (dialect) => {
    let t: TestApp;
    const as: Record<string, Agent> = {};
    let plan: Plan;
    let course: Course;

    const key = () => ({ 'idempotency-key': idempotencyKey() });
    const patch = (who: string, url: string, payload: object, version?: number) =>
      as[who]!.request({
        method: 'PATCH',
        url,
        payload,
        ...(version === undefined ? {} : { ifMatch: version }),
      });
    const session = (startsAt: string, hours: number, topic: string) => ({ startsAt, hours, topic });

    beforeAll(async () => {
      t = await createTestApp(dialect, { LOGIN_RATE_PER_MINUTE: '200' });
      const world = await seedDemo(t);
      t.clock.set(new Date('2026-03-01T09:00:00+08:00'));
      for (const u of ['staff', 'leader', 'handler', 'jinan_staff']) as[u] = await world.signIn(u);
      plan = ok<Plan>(
        await as.staff!.post('/api/training/plans', { year: 2026, title: '2026年培训计划（草案）' }, key()),
        201,
      );
      plan = ok<Plan>(
        await as.staff!.post(
          `/api/training/plans/${plan.id}/courses`,
          {
            title: '党外干部培训班',
            organiser: '山东社会主义学院',
            place: '济南',
            startsOn: '2026-04-10',
            endsOn: '2026-04-10',
            placesPerUnit: 2,
            sessions: [session('2026-04-10T09:00', 3, '统一战线理论')],
          },
          key(),
        ),
        201,
      );
      course = ok<Course>(await as.staff!.get(`/api/training/courses/${plan.courses[0]!.id}`));
    });
    afterAll(() => t.close());

    it('staff rename a draft plan with If-Match; others may not; the audit keeps before and after', async () => {
      const url = `/api/training/plans/${plan.id}`;
      expect((await patch('staff', url, { title: '新名称' })).statusCode).toBe(428);
      expect((await patch('staff', url, { title: '新名称' }, plan.version + 1)).statusCode).toBe(412);
      expect((await patch('staff', url, { title: ' ' }, plan.version)).statusCode).toBe(400);
      expect((await patch('leader', url, { title: '新名称' }, plan.version)).statusCode).toBe(403);
      expect((await patch('jinan_staff', url, { title: '新名称' }, plan.version)).statusCode).toBe(404);
      plan = ok<Plan>(await patch('staff', url, { title: '2026年全省统战干部培训计划' }, plan.version));
      expect(plan.title).toBe('2026年全省统战干部培训计划');
      const event = await t.db.kysely
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'training_plan.update')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(event.detail ?? '{}')).toMatchObject({
        before: { title: '2026年培训计划（草案）' },
        after: { title: '2026年全省统战干部培训计划' },
      });
    });

    it('staff edit a draft course, its sessions replaced; bad dates name their field', async () => {
      const url = `/api/training/courses/${course.id}`;
      const outside = await patch(
        'staff',
        url,
        { startsOn: '2027-01-05', endsOn: '2027-01-05' },
        course.version,
      );
      expect(outside.statusCode).toBe(400);
      expect(outside.json<{ code: string; details: { problems: Array<{ path: string }> } }>()).toMatchObject({
        code: 'TRAINING_INVALID',
        details: { problems: [{ path: 'startsOn' }] },
      });
      const stray = await patch(
        'staff',
        url,
        { sessions: [session('2026-04-12T09:00', 2, '专题')] },
        course.version,
      );
      expect(stray.json<{ details: { problems: Array<{ path: string }> } }>().details.problems[0]!.path).toBe(
        'sessions.0.startsAt',
      );
      course = ok<Course>(
        await patch(
          'staff',
          url,
          {
            title: '党外干部专题培训班',
            endsOn: '2026-04-11',
            sessions: [
              session('2026-04-10T09:00', 3.5, '统一战线理论'),
              session('2026-04-11T09:00', 4, '民营经济'),
            ],
          },
          course.version,
        ),
      );
      expect(course).toMatchObject({ title: '党外干部专题培训班', hours: 7.5 });
      expect(course.sessions.map((x) => x.topic)).toEqual(['统一战线理论', '民营经济']);
      // The version moved: the old one is stale.
      expect((await patch('staff', url, { place: '泰安' }, course.version - 1)).statusCode).toBe(412);
      expect((await patch('handler', url, { place: '泰安' }, course.version)).statusCode).toBe(403);
    });

    it('an approved plan and its courses are fixed', async () => {
      plan = ok<Plan>(await as.staff!.get(`/api/training/plans/${plan.id}`));
      plan = ok<Plan>(
        await as.leader!.request({
          method: 'POST',
          url: `/api/training/plans/${plan.id}/approve`,
          ifMatch: plan.version,
        }),
      );
      const renamed = await patch('staff', `/api/training/plans/${plan.id}`, { title: '再改' }, plan.version);
      expect(renamed.statusCode).toBe(409);
      expect(renamed.json<{ code: string }>().code).toBe('TRAINING_PLAN_STATE');
      const edited = await patch(
        'staff',
        `/api/training/courses/${course.id}`,
        { place: '泰安' },
        course.version,
      );
      expect(edited.json<{ code: string }>().code).toBe('TRAINING_PLAN_STATE');
      const actions = await t.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('object_type', '=', 'training_course')
        .where('object_id', '=', String(course.id))
        .orderBy('id')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(['training_course.create', 'training_course.update']);
    });

    it('keeps the scanned sign-in sheet with the session, shown to the plan’s staff only', async () => {
      course = ok<Course>(
        await as.handler!.post(
          `/api/training/courses/${course.id}/nominations`,
          { name: '王某', title: '科长' },
          key(),
        ),
        201,
      );
      const nomination = course.nominations[0]!;
      course = ok<Course>(
        await as.staff!.request({
          method: 'POST',
          url: `/api/training/nominations/${nomination.id}/decision`,
          payload: { approve: true },
          ifMatch: nomination.version,
        }),
      );
      const upload = await as.staff!.request({
        method: 'POST',
        url: '/api/attachments',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: Buffer.concat([
          Buffer.from(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="签到表.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          pdf('sign-in sheet'),
          Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
        ]),
      });
      const sheet = ok<{ id: number }>(upload, 201);
      const first = course.sessions[0]!;
      course = ok<Course>(
        await as.staff!.request({
          method: 'PUT',
          url: `/api/training/sessions/${first.id}/attendance`,
          payload: { personIds: [nomination.personId], sheetAttachmentIds: [sheet.id] },
          ifMatch: first.version,
        }),
      );
      expect(course.sessions[0]!.sheets).toEqual([
        expect.objectContaining({ id: sheet.id, name: '签到表.pdf' }),
      ]);
      expect((await as.staff!.get(`/api/attachments/${sheet.id}`)).statusCode).toBe(200);
      // The unit's handler sees the course, not the evidence.
      const handlerView = ok<Course>(await as.handler!.get(`/api/training/courses/${course.id}`));
      expect(handlerView.sessions.every((x) => x.sheets.length === 0)).toBe(true);
      expect((await as.handler!.get(`/api/attachments/${sheet.id}`)).statusCode).toBe(404);
    });

    it('the yearly hours requirement is the province staff’s to change (If-Match, audited)', async () => {
      const mine = ok<{ requiredHours: number; version: number; mayEdit: boolean }>(
        await as.staff!.get('/api/training/settings'),
      );
      expect(mine).toMatchObject({ requiredHours: 40, mayEdit: true });
      for (const who of ['leader', 'jinan_staff', 'handler'])
        expect(ok<{ mayEdit: boolean }>(await as[who]!.get('/api/training/settings')).mayEdit, who).toBe(
          false,
        );
      const put = (who: string, requiredHours: number, version?: number) =>
        as[who]!.request({
          method: 'PUT',
          url: '/api/training/settings',
          payload: { requiredHours },
          ...(version === undefined ? {} : { ifMatch: version }),
        });
      expect((await put('jinan_staff', 48, mine.version)).statusCode).toBe(403);
      expect((await put('leader', 48, mine.version)).statusCode).toBe(403);
      expect((await put('staff', 48)).statusCode).toBe(428);
      expect((await put('staff', 0, mine.version)).statusCode).toBe(400);
      const saved = ok<{ requiredHours: number; version: number; mayEdit: boolean }>(
        await put('staff', 48, mine.version),
      );
      expect(saved).toMatchObject({ requiredHours: 48, mayEdit: true });
      expect((await put('staff', 50, mine.version)).statusCode).toBe(412);
      const units = ok<{ requiredHours: number }>(await as.staff!.get('/api/training/units?year=2026'));
      expect(units.requiredHours).toBe(48);
    });
  },
);
