import type { RequestContext } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree, type DataScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { RegionRow } from '../../db/schema.ts';
import { findRegionByCode, insertRegion, listRegions, updateRegion } from './region.repository.ts';

export function regionRowToRegion(r: RegionRow) {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code,
    status: r.status,
    version: r.version,
  };
}

// The region subtree a scope may see: everything, a subtree, or (for unit and organisation scopes) the
// user's own region alone.
type RegionReach = { all: true } | { all: false; path: string | null };

function regionReach(scope: DataScope, ownRegionPath: string | null): RegionReach {
  if (scope.kind === 'all') return { all: true };
  if (scope.kind === 'region') return { all: false, path: scope.regionPath };
  return { all: false, path: ownRegionPath };
}

async function reachOf(s: Services, ctx: RequestContext): Promise<RegionReach> {
  const ownPath = ctx.actor?.regionCode
    ? ((await findRegionByCode(s.db.kysely, ctx.actor.regionCode))?.path ?? null)
    : null;
  return regionReach(ctx.actor?.scope ?? { kind: 'none' }, ownPath);
}

export async function listRegionsInScope(
  s: Services,
  ctx: RequestContext,
  q: { parentCode?: string | undefined; q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const reach = await reachOf(s, ctx);
  if (!reach.all && reach.path === null) return { items: [], nextCursor: null };
  const rows = await listRegions(s.db.kysely, {
    parentCode: q.parentCode,
    q: q.q,
    underPath: reach.all ? undefined : (reach.path ?? undefined),
    afterCode: decodeCursor<string>(q.cursor, 'string'),
    limit: q.limit + 1,
  });
  return pageOf(rows, q.limit, (r) => r.code, regionRowToRegion);
}

/** A region as a scoped record, keyed by its code. The same reach as the list: what a user can list, they can open. */
export const regionResource = scopedResource<RegionRow, string>({
  type: 'region',
  notFound: 'REGION_NOT_FOUND',
  find: (s, code) => findRegionByCode(s.db.kysely, code),
  inScope: async (s, ctx, region) => {
    const reach = await reachOf(s, ctx);
    return reach.all || (reach.path !== null && isInSubtree(region.path, reach.path));
  },
});

export async function createRegion(
  s: Services,
  ctx: RequestContext,
  input: { code: string; name: string; level: RegionRow['level']; parentCode: string | null },
) {
  return s.db.kysely.transaction().execute(async (trx) => {
    if (await findRegionByCode(trx, input.code)) throw appError('REGION_EXISTS');
    let path = input.code;
    if (input.parentCode) {
      const parent = await findRegionByCode(trx, input.parentCode);
      if (!parent) throw appError('REGION_NOT_FOUND', '上级行政区划不存在');
      const expected = parent.level === 'province' ? 'city' : parent.level === 'city' ? 'county' : null;
      if (input.level !== expected) throw appError('VALIDATION_FAILED', '行政区划层级与上级不匹配');
      path = `${parent.path}/${input.code}`;
    } else if (input.level !== 'province') {
      throw appError('VALIDATION_FAILED', '只有省级行政区划可以没有上级');
    }
    const now = toTimestamp(s.clock.now());
    const row = await insertRegion(trx, {
      code: input.code,
      name: input.name,
      level: input.level,
      parent_code: input.parentCode,
      path,
      status: 'active',
      created_at: now,
      updated_at: now,
    });
    const region = regionRowToRegion(row);
    await s.audit.record(trx, ctx, {
      action: 'region.create',
      objectType: 'region',
      objectId: row.code,
      after: region,
    });
    return region;
  });
}

export async function updateRegionByCode(
  s: Services,
  ctx: RequestContext,
  code: string,
  version: number,
  changes: { name?: string | undefined; status?: RegionRow['status'] | undefined },
) {
  return s.db.kysely.transaction().execute(async (trx) => {
    const before = await findRegionByCode(trx, code);
    if (!before) throw appError('REGION_NOT_FOUND');
    const row = await updateRegion(trx, code, version, {
      ...changes,
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!row) throw appError('VERSION_CONFLICT');
    const after = regionRowToRegion(row);
    await s.audit.record(trx, ctx, {
      action: 'region.update',
      objectType: 'region',
      objectId: code,
      before: regionRowToRegion(before),
      after,
    });
    return after;
  });
}
