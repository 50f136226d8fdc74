import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { parseAliases } from './unit.lookup.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree, type DataScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError, type AppError } from '../../core/errors.ts';
import { decodeCursor, pageOf } from '../../core/http/pagination.ts';
import type { Services } from '../../core/services.ts';
import { isUniqueViolation } from '../../db/dialect/errors.ts';
import type { Database, UnitRow } from '../../db/schema.ts';
import { findRegionByCode } from './region.repository.ts';
import {
  findSiblingUnitByName,
  findUnitById,
  insertUnit,
  isActiveUserOfUnit,
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
    aliases: parseAliases(u.aliases),
    head:
      u.head_user_id !== null && u.head_display_name !== null
        ? { id: u.head_user_id, displayName: u.head_display_name }
        : null,
    version: u.version,
  };
}

function unitInScope(scope: DataScope, unit: UnitWithRegion, orgUnitIds: number[] | null): boolean {
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

type Trx = Transaction<Database>;

/** The refusal for a name already used among the siblings (a disabled twin is named, so it can be enabled). */
function unitExists(name: string, parent: UnitRow | undefined, twin?: UnitRow): AppError {
  const where = parent ? `“${parent.name}”下` : '该行政区划的顶级单位中';
  const hint = twin?.status === 'disabled' ? '（该单位已停用，可在列表中按状态筛选后启用）' : '';
  return appError('UNIT_EXISTS', `${where}已有名为“${name}”的单位${hint}`);
}

/**
 * Refuses a second unit of the same name under the same parent (or among a region's top-level units).
 * The check gives the clear message; the unique indexes are what holds under concurrent requests, and
 * `withUniqueNames` turns their violation into the same refusal.
 */
async function assertNameFree(
  trx: Trx,
  place: { regionCode: string; parentId: number | null; name: string; exceptId?: number },
): Promise<void> {
  const twin = await findSiblingUnitByName(trx, place);
  if (!twin) return;
  const parent = place.parentId === null ? undefined : await findUnitById(trx, place.parentId);
  throw unitExists(place.name, parent, twin);
}

async function withUniqueNames<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw appError('UNIT_EXISTS', `同一上级单位下已有名为“${name}”的单位`);
    throw error;
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

/** A unit as a scoped record, keyed by its id. */
export const unitResource = scopedResource<UnitWithRegion, number>({
  type: 'unit',
  notFound: 'UNIT_NOT_FOUND',
  find: (s, id) => findUnitById(s.db.kysely, id),
  inScope: async (s, ctx, unit) => {
    const scope = ctx.actor?.scope ?? { kind: 'none' as const };
    return unitInScope(scope, unit, await orgUnitIdsOf(s, scope));
  },
});

export async function createUnit(
  s: Services,
  ctx: RequestContext,
  input: {
    regionCode: string;
    name: string;
    kind: UnitKind;
    parentId?: number | null | undefined;
    aliases?: string[] | undefined;
  },
) {
  return s.db.kysely.transaction().execute(async (trx) => {
    if (!(await findRegionByCode(trx, input.regionCode))) throw appError('REGION_NOT_FOUND');
    if (input.parentId && !(await findUnitById(trx, input.parentId)))
      throw appError('UNIT_NOT_FOUND', '上级单位不存在');
    const parentId = input.parentId ?? null;
    await assertNameFree(trx, { regionCode: input.regionCode, parentId, name: input.name });
    const now = toTimestamp(s.clock.now());
    const row = await withUniqueNames(input.name, () =>
      insertUnit(trx, {
        region_code: input.regionCode,
        name: input.name,
        kind: input.kind,
        parent_id: parentId,
        status: 'active',
        aliases: JSON.stringify([...new Set(input.aliases ?? [])]),
        created_at: now,
        updated_at: now,
      }),
    );
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
    aliases?: string[] | undefined;
    headUserId?: number | null | undefined;
  },
) {
  return s.db.kysely.transaction().execute(async (trx) => {
    const before = await findUnitById(trx, id);
    if (!before) throw appError('UNIT_NOT_FOUND');
    // A head stays valid only while they are an active user of the unit: a new one is checked here; one
    // who left or was disabled is simply not told (reminders resolve active users when they send).
    if (changes.headUserId != null && changes.headUserId !== before.head_user_id) {
      if (!(await isActiveUserOfUnit(trx, changes.headUserId, id)))
        throw appError(
          'UNIT_HEAD_INVALID',
          `负责人须是“${before.name}”在用的账户，请先在用户管理中将其设为本单位人员`,
        );
    }
    if (changes.parentId !== undefined && changes.parentId !== null) {
      const ancestors = await listUnitSubtreeIds(trx, id);
      if (ancestors.includes(changes.parentId))
        throw appError('VALIDATION_FAILED', '上级单位不能是本单位或其下级单位');
      if (!(await findUnitById(trx, changes.parentId))) throw appError('UNIT_NOT_FOUND', '上级单位不存在');
    }
    const { parentId, aliases, headUserId, ...rest } = changes;
    const name = changes.name ?? before.name;
    const place = {
      regionCode: before.region_code,
      parentId: parentId === undefined ? before.parent_id : parentId,
      name,
    };
    if (name !== before.name || place.parentId !== before.parent_id)
      await assertNameFree(trx, { ...place, exceptId: id });
    const row = await withUniqueNames(name, () =>
      updateUnit(trx, id, version, {
        ...rest,
        ...(parentId !== undefined ? { parent_id: parentId } : {}),
        ...(aliases !== undefined ? { aliases: JSON.stringify([...new Set(aliases)]) } : {}),
        ...(headUserId !== undefined ? { head_user_id: headUserId } : {}),
        updated_at: toTimestamp(s.clock.now()),
      }),
    );
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

/** Names a unit's head (负责人) as the system (the demo workspace), with the same checks and audit. */
export async function nameUnitHead(s: Services, ctx: RequestContext, unitId: number, userId: number) {
  const unit = await findUnitById(s.db.kysely, unitId);
  if (!unit) throw appError('UNIT_NOT_FOUND');
  return updateUnitById(s, ctx, unitId, unit.version, { headUserId: userId });
}
