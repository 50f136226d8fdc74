// Two writers at once. A transaction of the test makes the first change and holds it open while a
// request makes the second; on PostgreSQL the request runs until it waits on the held row or index
// entry, on SQLite (one connection) it waits for the whole transaction. Either way it must answer with
// the catalogue's code, not a 500, and write no audit event.
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS, type Dialect } from '../../../test/db.ts';
import type { Database } from '../../db/schema.ts';
import { saveSettingVersioned } from '../../db/settings.repository.ts';
import { UNIT_KEYWORDS_KEY } from './import/import.service.ts';
import { updatePlanAtVersion } from './plan.repository.ts';
import { createDraft, node, outlineOf } from './testing/plan.fixtures.ts';

const NOW = '2026-11-28T00:00:00.000Z';

async function untilBlocked(t: TestApp, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return; // the request queues for the only connection
  for (let i = 0; i < 100; i++) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_locks where not granted`.execute(t.s.db.kysely);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `first` in a transaction held open until `second` (started meanwhile) is waiting on it. */
async function race<T>(
  t: TestApp,
  dialect: Dialect,
  first: (trx: Transaction<Database>) => Promise<unknown>,
  second: () => Promise<T>,
): Promise<T> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const holding = new Promise<void>((r) => (held = r));
  const holder = t.s.db.kysely.transaction().execute(async (trx) => {
    await first(trx);
    held();
    await gate;
  });
  await holding;
  const result = second();
  await untilBlocked(t, dialect);
  release();
  await holder;
  return result;
}

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
    const first = await race(
      t,
      dialect,
      (trx) => saveSettingVersioned(trx, UNIT_KEYWORDS_KEY, '[]', 0, NOW),
      put(0),
    );
    expect(first.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    const later = await race(
      t,
      dialect,
      (trx) => saveSettingVersioned(trx, UNIT_KEYWORDS_KEY, '[]', 1, NOW),
      put(1),
    );
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
