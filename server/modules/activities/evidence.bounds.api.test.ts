// DELETE /api/activity-events/:id/attachments/:attachmentId names a file by its id: an id no row can have
// (past what an integer column holds) is refused in words (400 VALIDATION_FAILED) on both databases,
// like the case list's unit ids; PostgreSQL refused the value itself and the request ended in a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

describe.each(DIALECTS)('品牌活动: an evidence id past any row is refused (%s)', (dialect) => {
  let t: TestApp;
  let jinan: Agent;
  let event: { id: number; version: number };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-05-01T09:00:00+08:00'));
    const world = await seedDemo(t);
    jinan = await world.signIn('jinan_staff');
    const unit = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '中共济南市委统战部')
      .executeTakeFirstOrThrow();
    const res = await jinan.post(
      '/api/activity-events',
      {
        name: '同心荟（附件编号）',
        startDate: '2026-06-01',
        endDate: '2026-06-01',
        placeRegionCode: '370100',
        organiserUnitId: unit.id,
      },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    event = res.json<{ id: number; version: number }>();
  });
  afterAll(() => t.close());

  it('answers 400 VALIDATION_FAILED, and the event is left as it was', async () => {
    for (const attachmentId of ['2147483648', '9007199254740991']) {
      const res = await jinan.request({
        method: 'DELETE',
        url: `/api/activity-events/${event.id}/attachments/${attachmentId}`,
        ifMatch: event.version,
      });
      expect(res.statusCode, `${attachmentId}: ${res.body}`).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    }
    const now = await jinan.get(`/api/activity-events/${event.id}`);
    expect(now.json<{ version: number }>().version).toBe(event.version);
    // An id a row could have but this event does not hold: 404, as before.
    const missing = await jinan.request({
      method: 'DELETE',
      url: `/api/activity-events/${event.id}/attachments/2147483647`,
      ifMatch: event.version,
    });
    expect(missing.statusCode, missing.body).toBe(404);
  });
});
