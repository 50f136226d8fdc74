// Concurrent writes to plans: each loser answers with the catalogue's code, not a 500 (see test/race.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { race } from '../../../test/race.ts';
import { saveKeywordMap } from './import/import.repository.ts';
import { updatePlanAtVersion } from './plan.repository.ts';
import { createDraft, node, outlineOf } from './testing/plan.fixtures.ts';

const NOW = '2026-11-28T00:00:00.000Z';

describe.each(DIALECTS)('plans: concurrent writes (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  const auditCount = async (action: string) =>
    (await t.s.db.kysely.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    staff = await (await seedDemo(t)).signIn('staff');
  });
  afterAll(() => t.close());

  it('answers 412 to a keyword-map save that loses the race, first save or later', async () => {
    const keywords = [{ keyword: '政治引领', unit: '研究室' }];
    const put = (version: number) => () => staff.put('/api/plans/unit-keywords', { keywords }, version);
    const first = await race(t, dialect, (trx) => saveKeywordMap(trx, '370000', '[]', 0, NOW), put(0));
    expect(first.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    const later = await race(t, dialect, (trx) => saveKeywordMap(trx, '370000', '[]', 1, NOW), put(1));
    expect(later.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await auditCount('plan.unit_keywords.update')).toBe(0);
    const current = await staff.get('/api/plans/unit-keywords');
    expect(current.json()).toMatchObject({ keywords: [], version: 2 });
  });

  it('answers PLAN_ALREADY_PUBLISHED when another plan of the region and year is published meanwhile', async () => {
    const draft = (title: string) =>
      createDraft(staff, {
        regionCode: '370000',
        year: 2031,
        title,
        outline: outlineOf(title, 2031, [node('一')]),
      });
    const a = await draft('甲稿');
    const b = await draft('乙稿');
    const res = await race(
      t,
      dialect,
      (trx) =>
        updatePlanAtVersion(trx, a.id, a.version, {
          status: 'published',
          published_at: NOW,
          updated_at: NOW,
        }),
      () => staff.request({ method: 'POST', url: `/api/plans/${b.id}/publish`, ifMatch: b.version }),
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PLAN_ALREADY_PUBLISHED' });
    expect(await auditCount('plan.publish')).toBe(0);
  });
});
