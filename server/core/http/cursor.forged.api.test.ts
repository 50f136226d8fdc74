// A cursor is the last row's key as the list wrote it. One not made by the list — a fraction, a negative
// number, an id past what an integer column holds — is refused in words (400 VALIDATION_FAILED) on both
// databases: PostgreSQL refused such a value itself, and the request ended in a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

// Lists paged by a row id (decodeCursor 'number'), and the 品牌活动 list (start date and id).
const BY_ID = ['/api/cases', '/api/notices', '/api/pairings?year=2026', '/api/instructions'];
const FORGED_IDS = [1.5, -1, 2_147_483_648, 1e20];

describe.each(DIALECTS)('forged list cursors are refused in words (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-06-01T10:00:00+08:00'));
    staff = await (await seedDemo(t)).signIn('staff');
  });
  afterAll(() => t.close());

  const refused = async (url: string) => {
    const res = await staff.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
  };

  it('refuses an id cursor that no row can have', async () => {
    for (const list of BY_ID)
      for (const id of FORGED_IDS)
        await refused(`${list}${list.includes('?') ? '&' : '?'}cursor=${cursor(id)}`);
  });

  it('refuses a task list cursor whose id no row can have', async () => {
    await refused(`/api/tasks?cursor=${cursor('2147483648')}`);
    await refused(`/api/tasks?sort=due&cursor=${cursor('2026-05-01:99999999999')}`);
  });

  it('refuses a 品牌活动 cursor whose id no row can have', async () => {
    await refused(`/api/activity-events?cursor=${cursor('2026-05-01:999999999999999')}`);
    await refused(`/api/activity-events?cursor=${cursor('2026-05-01:2147483648')}`);
  });

  it('takes a message id past int4 in the inbox (bigint on PostgreSQL), but not a fraction', async () => {
    const big = await staff.get(`/api/inbox?cursor=${cursor(2_147_483_648)}`);
    expect(big.statusCode, big.body).toBe(200);
    await refused(`/api/inbox?cursor=${cursor(1.5)}`);
  });

  it('still walks a list with the cursors it made', async () => {
    const first = await staff.get('/api/cases?limit=1');
    expect(first.statusCode, first.body).toBe(200);
    const next = first.json<{ nextCursor: string | null }>().nextCursor;
    if (next) expect((await staff.get(`/api/cases?limit=1&cursor=${next}`)).statusCode).toBe(200);
    const ok = await staff.get(`/api/activity-events?cursor=${cursor('2026-05-01:2147483647')}`);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
