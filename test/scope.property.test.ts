import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RequestContext } from '../server/core/access/actor.ts';
import type { RecordKey, ScopedResource } from '../server/core/access/guard.ts';
import { permissionsOf, type Role } from '../server/core/access/roles.ts';
import { dataScopeOf } from '../server/core/access/scope.ts';
import type { Services } from '../server/core/services.ts';
import { insertRegion } from '../server/modules/org/region.repository.ts';
import { listRegionsInScope, regionResource } from '../server/modules/org/region.service.ts';
import { findOrganisationRootId } from '../server/core/auth/account.repository.ts';
import { insertUnit } from '../server/modules/org/unit.repository.ts';
import { listUnitsInScope, unitResource } from '../server/modules/org/unit.service.ts';
import { planResource } from '../server/modules/plans/plan.policy.ts';
import { insertPlan } from '../server/modules/plans/plan.repository.ts';
import { listVisiblePlans } from '../server/modules/plans/plan.service.ts';
import { createTestApp, type TestApp } from './app.ts';
import { DIALECTS } from './db.ts';

// The two halves of a data scope must agree: the SQL filter a list runs and the in-memory policy the
// guard runs on one record (ScopedResource.inScope). For random region trees, units, plans and actors,
// the records a list returns are exactly those the policy lets the actor open. A module adds its
// resource to SCOPED_LISTS; the world generator below gives it regions, units and plans to hang on.

interface ScopedList<T, K extends RecordKey> {
  name: string;
  resource: ScopedResource<T, K>;
  /** Every record of the kind, in or out of anyone's scope. */
  allKeys(s: Services): Promise<K[]>;
  /** What the list shows the actor, all pages. */
  listed(s: Services, ctx: RequestContext): Promise<K[]>;
}

async function allPages<K>(page: (cursor?: string) => Promise<{ keys: K[]; next: string | null }>) {
  const keys: K[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    keys.push(...p.keys);
    cursor = p.next ?? undefined;
  } while (cursor);
  return keys;
}

const PAGE = 200;

const SCOPED_LISTS: Array<ScopedList<unknown, RecordKey>> = [
  {
    name: 'plans',
    resource: planResource,
    allKeys: async (s) => (await s.db.kysely.selectFrom('plans').select('id').execute()).map((r) => r.id),
    listed: (s, ctx) =>
      allPages(async (cursor) => {
        const p = await listVisiblePlans(s, ctx, { limit: PAGE, cursor });
        return { keys: p.items.map((i) => i.id), next: p.nextCursor };
      }),
  },
  {
    name: 'units',
    resource: unitResource,
    allKeys: async (s) => (await s.db.kysely.selectFrom('units').select('id').execute()).map((r) => r.id),
    listed: (s, ctx) =>
      allPages(async (cursor) => {
        const p = await listUnitsInScope(s, ctx, { limit: PAGE, cursor });
        return { keys: p.items.map((i) => i.id), next: p.nextCursor };
      }),
  },
  {
    name: 'regions',
    resource: regionResource,
    allKeys: async (s) =>
      (await s.db.kysely.selectFrom('regions').select('code').execute()).map((r) => r.code),
    listed: (s, ctx) =>
      allPages(async (cursor) => {
        const p = await listRegionsInScope(s, ctx, { limit: PAGE, cursor });
        return { keys: p.items.map((i) => i.code), next: p.nextCursor };
      }),
  },
];

// A world: one province, its cities and counties; a unit tree per region; plans in some regions.
const worldArb = fc.record({
  cities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }), // counties per city
  childUnits: fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }), // a sub-unit under region i's unit
  plans: fc.array(
    fc.record({
      region: fc.nat(),
      year: fc.constantFrom(2022, 2023),
      published: fc.boolean(),
    }),
    { maxLength: 12 },
  ),
  actors: fc.array(
    fc.record({
      role: fc.constantFrom<Role>(
        'leader',
        'staff',
        'handler',
        'submitter',
        'sysadmin',
        'secadmin',
        'auditor',
      ),
      region: fc.option(fc.nat(), { nil: null }),
      unit: fc.option(fc.nat(), { nil: null }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

describe.each(DIALECTS)('list filters and the in-memory scope policy agree (%s)', (dialect) => {
  let t: TestApp;
  let run = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await build({
      cities: [2, 1],
      childUnits: Array.from({ length: 13 }, (_, i) => i % 2 === 0),
      plans: [0, 1, 2, 3, 4, 5].map((i) => ({ region: i, year: 2022, published: i % 2 === 0 })),
      actors: [],
    });
  });
  afterAll(() => t.close());

  // Inserts the world under a fresh province (codes 10xxxx, 11xxxx … one per run) beside a fixed
  // neighbour province (beforeAll), so every check also proves another province stays out of sight.
  // Each run's world is removed after it, which keeps the runs equally fast.
  async function build(w: World) {
    const prefix = String(10 + run++);
    const now = '2026-12-01T08:00:00.000+08:00';
    const stamp = { status: 'active' as const, created_at: now, updated_at: now };
    const regions: Array<{ code: string; path: string }> = [];
    const db = t.s.db.kysely;
    const province = `${prefix}0000`;
    await insertRegion(db, {
      code: province,
      name: `省${prefix}`,
      level: 'province',
      parent_code: null,
      path: province,
      ...stamp,
    });
    regions.push({ code: province, path: province });
    for (const [c, counties] of w.cities.entries()) {
      const city = `${prefix}${String(c + 1).padStart(2, '0')}00`;
      const cityPath = `${province}/${city}`;
      await insertRegion(db, {
        code: city,
        name: `市${city}`,
        level: 'city',
        parent_code: province,
        path: cityPath,
        ...stamp,
      });
      regions.push({ code: city, path: cityPath });
      for (let k = 1; k <= counties; k++) {
        const county = `${city.slice(0, 4)}${String(k).padStart(2, '0')}`;
        const path = `${cityPath}/${county}`;
        await insertRegion(db, {
          code: county,
          name: `县${county}`,
          level: 'county',
          parent_code: city,
          path,
          ...stamp,
        });
        regions.push({ code: county, path });
      }
    }
    const units: Array<{ id: number; regionCode: string }> = [];
    for (const [i, r] of regions.entries()) {
      const top = await insertUnit(db, {
        region_code: r.code,
        name: `单位${r.code}`,
        kind: 'department',
        parent_id: null,
        ...stamp,
      });
      units.push({ id: top.id, regionCode: r.code });
      if (w.childUnits[i]) {
        const sub = await insertUnit(db, {
          region_code: r.code,
          name: `处室${r.code}`,
          kind: 'office',
          parent_id: top.id,
          ...stamp,
        });
        units.push({ id: sub.id, regionCode: r.code });
      }
    }
    const published = new Set<string>();
    for (const p of w.plans) {
      const region = regions[p.region % regions.length]!;
      const slot = `${region.code}:${p.year}`;
      const isPublished = p.published && !published.has(slot); // one published plan per region and year
      if (isPublished) published.add(slot);
      await insertPlan(db, {
        region_code: region.code,
        year: p.year,
        title: `${region.code}${p.year}年工作要点`,
        status: isPublished ? 'published' : 'draft',
        outline_meta: '{}',
        source_text: '',
        created_by: null,
        created_at: now,
        updated_at: now,
      });
    }
    return { province, regions, units };
  }

  async function remove(province: string) {
    const db = t.s.db.kysely;
    const codes = (
      await db.selectFrom('regions').select('code').where('path', 'like', `${province}%`).execute()
    ).map((r) => r.code);
    await db.deleteFrom('plans').where('region_code', 'in', codes).execute();
    await db
      .deleteFrom('units')
      .where('region_code', 'in', codes)
      .where('parent_id', 'is not', null)
      .execute();
    await db.deleteFrom('units').where('region_code', 'in', codes).execute();
    for (const level of ['county', 'city', 'province'] as const) {
      await db.deleteFrom('regions').where('code', 'in', codes).where('level', '=', level).execute();
    }
  }

  // The actor the session plugin would build for such a user (modules/auth/authenticate.ts).
  async function actorOf(
    a: World['actors'][number],
    regions: Array<{ code: string; path: string }>,
    units: Array<{ id: number; regionCode: string }>,
    n: number,
  ): Promise<Actor> {
    const region = a.region === null ? null : regions[a.region % regions.length]!;
    const unit = a.unit === null ? null : units[a.unit % units.length]!;
    const roles = [a.role];
    const organisationId = unit ? await findOrganisationRootId(t.s.db.kysely, unit.id) : null;
    return {
      userId: 1_000_000 + n,
      username: `actor${n}`,
      displayName: `用户${n}`,
      roles,
      permissions: permissionsOf(roles),
      scope: dataScopeOf({
        roles,
        regionPath: region?.path ?? null,
        unitId: unit?.id ?? null,
        organisationId,
      }),
      unitId: unit?.id ?? null,
      regionCode: region?.code ?? null,
      regionPath: region?.path ?? null,
      sessionId: `s${n}`,
    };
  }

  it('returns from each list exactly the records the policy lets the actor open', async () => {
    let actors = 0;
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const { province, regions, units } = await build(w);
        try {
          for (const a of w.actors) {
            const actor = await actorOf(a, regions, units, ++actors);
            for (const list of SCOPED_LISTS) {
              // A fresh context per question: the guard remembers what it confirmed within one request.
              const ctx = (): RequestContext => ({ actor, ip: '127.0.0.1', requestId: `p${actors}` });
              const { resource } = list;
              const expected: RecordKey[] = [];
              for (const key of await list.allKeys(t.s)) {
                const record = await resource.find(t.s, key);
                if (await resource.inScope(t.s, ctx(), record)) expected.push(key);
              }
              const listed = await list.listed(t.s, ctx());
              const label = `${list.name} for ${JSON.stringify({ ...a, scope: actor.scope, regionCode: actor.regionCode })}`;
              expect(new Set(listed).size, `${label}: no duplicates`).toBe(listed.length);
              expect([...listed].map(String).sort(), label).toEqual(expected.map(String).sort());
            }
          }
        } finally {
          await remove(province);
        }
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
