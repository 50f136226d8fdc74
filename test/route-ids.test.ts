import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRoutes } from '../server/app.ts';
import { createTestApp, seedDemo, type Agent, type TestApp } from './app.ts';
import { DIALECTS } from './db.ts';

// An id past the largest a row can have (PostgreSQL's int4) is bad input like any other: every route
// with an id in its path answers it with a 4xx, never a 500. On PostgreSQL such a number reaching an
// integer column makes the statement fail; SQLite merely finds nothing, so this test matters there.
const PAST_INT4 = '2147483648';

describe.each(DIALECTS)('ids past int4 in paths and filters (%s)', (dialect) => {
  let t: TestApp;
  let agents: Agent[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    // Between them these roles hold every permission a route with an id asks for.
    agents = await Promise.all(['staff', 'sysadmin', 'submitter', 'handler'].map((u) => world.signIn(u)));
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers every route with an id in its path without a server error', async () => {
    const routes = listRoutes(t.app).flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method])
        .filter((m) => m !== 'HEAD' && m !== 'OPTIONS')
        .map((method) => ({ method, url: r.url })),
    );
    const withIds = routes.filter((r) => r.url.includes('/:'));
    expect(withIds.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let refusedAsBadInput = 0;
    for (const r of withIds) {
      const url = r.url.replace(/:[A-Za-z]+/g, PAST_INT4);
      for (const agent of agents) {
        const res = await agent.request({
          method: r.method,
          url,
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
          ifMatch: 1,
        });
        if (res.statusCode >= 500)
          failures.push(`${r.method} ${r.url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        if (res.statusCode === 400 && res.json<{ code: string }>().code === 'VALIDATION_FAILED')
          refusedAsBadInput++;
      }
    }
    expect(failures).toEqual([]);
    expect(refusedAsBadInput).toBeGreaterThan(withIds.length);
  }, 120_000);

  it('refuses an id past int4 in a list filter with a Chinese message', async () => {
    for (const url of [`/api/tasks?planId=${PAST_INT4}`, `/api/notices?taskId=${PAST_INT4}`]) {
      const res = await agents[0]!.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ code: string; message: string }>().code).toBe('VALIDATION_FAILED');
      expect(res.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
