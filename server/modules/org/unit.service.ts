import type { RequestContext } from '../../core/access/actor.ts';
import { isInSubtree, type DataScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import type { UnitRow } from '../../db/schema.ts';
import { findRegionByCode } from './region.repository.ts';
import { outOfScope } from './scope.guard.ts';
import {
  findUnitById,
  insertUnit,
  listUnitSubtreeIds,
  listUnits,
  updateUnit,
  type UnitWithRegion,
} from './unit.repository.ts';

type UnitKind = 'department' | 'office' | 'member_unit' | 'government' | 'party' | 'federation' | 'other';

export function unitRowToUnit(u: UnitWithRegion) {
  return {
    id: u.id,
    regionCode: u.region_code,
    regionName: u.region_name,
    name: u.name,
    kind: u.kind as UnitKind,
    parentId: u.parent_id,
    status: u.status,
    version: u.version,
  };
}

export function unitInScope(scope: DataScope, unit: UnitWithRegion, orgUnitIds: number[] | null): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return isInSubtree(unit.region_path, scope.regionPath);
    case 'unit':
      return unit.id === scope.unitId;
    case 'organisation':
      return orgUnitIds?.includes(unit.id) ?? false;
    case 'none':
      return false;
  }
}

async function orgUnitIdsOf(s: Services, scope: DataScope): Promise<number[] | null> {
  return scope.kind === 'organisation' ? listUnitSubtreeIds(s.db.kysely, scope.organisationId) : null;
}

export async function listUnitsInScope(
  s: Services,
  ctx: RequestContext,
  q: {
    regionCode?: string | undefined;
    q?: string | undefined;
    status?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const scope = ctx.actor?.scope ?? { kind: 'none' as const };
  if (scope.kind === 'none') return { items: [], nextCursor: null };
  const rows = await listUnits(s.db.kysely, {
    regionCode: q.regionCode,
    q: q.q,
    status: q.status,
    underPath: scope.kind === 'region' ? scope.regionPath : undefined,
    unitIds: scope.kind === 'unit' ? [scope.unitId] : ((await orgUnitIdsOf(s, scope)) ?? undefined),
    afterId: decodeCursor<number>(q.cursor, 'number'),
    limit: q.limit + 1,
  });
  return pageOf(rows, q.limit, (u) => u.id, unitRowToUnit);
}

export async function getUnit(s: Services, ctx: RequestContext, id: number) {
  const unit = await findUnitById(s.db.kysely, id);
  if (!unit) throw appError('UNIT_NOT_FOUND');
  const scope = ctx.actor?.scope ?? { kind: 'none' as const };
  if (!unitInScope(scope, unit, await orgUnitIdsOf(s, scope)))
    return outOfScope(s, ctx, 'unit', id, 'UNIT_NOT_FOUND');
  return unitRowToUnit(unit);
}

export async function createUnit(
  s: Services,
  ctx: RequestContext,
  input: { regionCode: string; name: string; kind: UnitKind; parentId?: number | null | undefined },
) {
  return s.db.kysely.transaction().execute(async (trx) => {
    if (!(await findRegionByCode(trx, input.regionCode))) throw appError('REGION_NOT_FOUND');
    if (input.parentId && !(await findUnitById(trx, input.parentId)))
      throw appError('UNIT_NOT_FOUND', '上级单位不存在');
    const now = toTimestamp(s.clock.now());
    const row = await insertUnit(trx, {
      region_code: input.regionCode,
      name: input.name,
      kind: input.kind,
      parent_id: input.parentId ?? null,
      status: 'active',
      created_at: now,
      updated_at: now,
    });
    const unit = unitRowToUnit((await findUnitById(trx, row.id))!);
    await s.audit.record(trx, ctx, {
      action: 'unit.create',
      objectType: 'unit',
      objectId: row.id,
      after: unit,
    });
    return unit;
  });
}

export async function updateUnitById(
  s: Services,
  ctx: RequestContext,
  id: number,
  version: number,
  changes: {
    name?: string | undefined;
    kind?: UnitKind | undefined;
    parentId?: number | null | undefined;
    status?: UnitRow['status'] | undefined;
  },
) {
  return s.db.kysely.transaction().execute(async (trx) => {
    const before = await findUnitById(trx, id);
    if (!before) throw appError('UNIT_NOT_FOUND');
    if (changes.parentId !== undefined && changes.parentId !== null) {
      const ancestors = await listUnitSubtreeIds(trx, id);
      if (ancestors.includes(changes.parentId))
        throw appError('VALIDATION_FAILED', '上级单位不能是本单位或其下级单位');
      if (!(await findUnitById(trx, changes.parentId))) throw appError('UNIT_NOT_FOUND', '上级单位不存在');
    }
    const { parentId, ...rest } = changes;
    const row = await updateUnit(trx, id, version, {
      ...rest,
      ...(parentId !== undefined ? { parent_id: parentId } : {}),
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!row) throw appError('VERSION_CONFLICT');
    const after = unitRowToUnit((await findUnitById(trx, id))!);
    await s.audit.record(trx, ctx, {
      action: 'unit.update',
      objectType: 'unit',
      objectId: id,
      before: unitRowToUnit(before),
      after,
    });
    return after;
  });
}
