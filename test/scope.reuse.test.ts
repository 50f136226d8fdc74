import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestContext } from '../server/core/access/actor.ts';
import { loadInScope, scopedResource } from '../server/core/access/guard.ts';
import type { Services } from '../server/core/services.ts';
import * as plans from '../server/modules/plans/plan.repository.ts';
import { createDraft, node, outlineOf, type PlanOut } from '../server/modules/plans/testing/plan.fixtures.ts';
import { createTestApp, seedDemo, type Agent, type DemoWorld, type TestApp } from './app.ts';
import { DIALECTS } from './db.ts';

// The data-scope guard loads a route's record and checks its scope; on a read-only request the service
// then gets that row instead of reading it again (one query per plan request, not two), and the scope
// guarantee is unchanged: only a row checked in scope for this request's actor is ever handed over.

vi.mock('../server/modules/plans/plan.repository.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../server/modules/plans/plan.repository.ts')>();
  return {
    ...original,
    findPlanById: vi.fn(original.findPlanById),
    findPlanByIdPrepared: vi.fn(original.findPlanByIdPrepared),
  };
});

describe('loadInScope', () => {
  const s = { audit: { recordAlone: () => Promise.resolve() } } as unknown as Services;
  let finds = 0;
  let checks = 0;
  const rows = new Map<number, { id: number; version: number; region: string }>();
  const resource = scopedResource<{ id: number; version: number; region: string }, number>({
    type: 'thing',
    notFound: 'NOT_FOUND',
    find: (_s, id) => {
      finds += 1;
      const row = rows.get(id);
      return Promise.resolve(row && { ...row });
    },
    inScope: (_s, ctx, row) => {
      checks += 1;
      return Promise.resolve(ctx.requestId === 'insider' || row.region === 'everywhere');
    },
  });
  const ctx = (requestId: string): RequestContext => ({ actor: null, ip: '127.0.0.1', requestId });

  beforeEach(() => {
    finds = 0;
    checks = 0;
    rows.set(1, { id: 1, version: 1, region: 'here' });
  });

  it('on a read-only request, hands the guard-checked row to the service without reading it again', async () => {
    const request = ctx('insider');
    const guarded = await loadInScope(s, request, resource, 1, { keep: true });
    const served = await loadInScope(s, request, resource, 1);
    expect(served).toBe(guarded);
    expect({ finds, checks }).toEqual({ finds: 1, checks: 1 });
  });

  it('on a request that writes, reads the row again (its own changes show) but checks the scope once', async () => {
    const request = ctx('insider');
    await loadInScope(s, request, resource, 1);
    rows.set(1, { id: 1, version: 2, region: 'here' });
    expect((await loadInScope(s, request, resource, 1)).version).toBe(2);
    expect({ finds, checks }).toEqual({ finds: 2, checks: 1 });
  });

  it('never hands over a row outside the scope, nor one kept for another request', async () => {
    await loadInScope(s, ctx('insider'), resource, 1, { keep: true });
    const outsider = ctx('outsider');
    await expect(loadInScope(s, outsider, resource, 1, { keep: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(loadInScope(s, outsider, resource, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe.each(DIALECTS)('a plan request reads the plan once (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  let staff: Agent;
  let plan: PlanOut;
  // The guard reads through the prepared statement, services (in their transactions) through findPlanById.
  const reads = [vi.mocked(plans.findPlanById), vi.mocked(plans.findPlanByIdPrepared)];
  const planReads = () => reads.reduce((n, f) => n + f.mock.calls.length, 0);
  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    staff = await world.signIn('lixia_staff');
    const outline = outlineOf('历下区2023年统战工作要点', 2023, [node('一项', '正文')]);
    plan = await createDraft(staff, { regionCode: '370102', year: 2023, title: outline.title, outline });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    for (const f of reads) f.mockClear();
  });

  it('GET /api/plans/:id: the guard reads it, the service uses that row', async () => {
    const res = await staff.get(`/api/plans/${plan.id}`);
    expect(res.statusCode).toBe(200);
    expect(planReads()).toBe(1);
  });

  it('a write still reads its plan afresh after the guard', async () => {
    const res = await staff.request({
      method: 'PATCH',
      url: `/api/plans/${plan.id}/items/${plan.items[0]!.id}`,
      ifMatch: plan.version,
      payload: { heading: '改过的一项' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(planReads()).toBeGreaterThan(1);
  });

  it('a reader outside the scope still gets 404 and an access.out_of_scope event', async () => {
    // A handler elsewhere in the province: a draft of 历下区 is outside what they may see.
    const res = await (await world.signIn('handler')).get(`/api/plans/${plan.id}`);
    expect(res.statusCode).toBe(404);
    const events = await t.s.db.kysely
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'access.out_of_scope')
      .execute();
    expect(events.map((e) => e.object_id)).toContain(String(plan.id));
  });
});
