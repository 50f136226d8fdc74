// The not-yet-reported board (未报送看板): for the staff of a region subtree, the reports that are missing
// (still due or in draft after their due date) or returned and not yet fixed, by region (the regions one
// level below, and the region's own units), a region's units on demand, and one click to remind them all.
import type { RequestContext } from '../../../core/access/actor.ts';
import { regionInScope } from '../../../core/access/scope.ts';
import { appError } from '../../../core/errors.ts';
import { immutable } from '../../../core/immutable.ts';
import type { Services } from '../../../core/services.ts';
import { readCache } from '../../../db/read-cache.ts';
import { shanghaiDate } from '../rules/dates.ts';
import { findRegionRef } from '../task.refs.repository.ts';
import { recordTaskEvent } from '../task.timeline.ts';
import {
  countMissingByRegion,
  countMissingOfUnits,
  findChildRegions,
  type UnitCount,
} from './report.regions.repository.ts';
import { countMissingByUnit, listMissingReports, type MissingFilter } from './report.repository.ts';

/** The board lists at most this many reports (of the units shown); its counts are exact whatever the number. */
const ITEM_LIMIT = 500;
/** Units are shown this many at a time (a region's units, on demand). */
const UNIT_PAGE = 50;

interface BoardQuery {
  period?: string | undefined;
  regionCode?: string | undefined;
}

interface BoardPageQuery extends BoardQuery {
  unitsOf?: string | undefined;
  offset?: number | undefined;
}

type BoardRegion = MissingFilter & { code: string; name: string };

/** The region asked for (else the reader's own), in the reader's scope: else 404, as for any record. */
export async function boardFilter(s: Services, ctx: RequestContext, q: BoardQuery): Promise<BoardRegion> {
  const actor = ctx.actor;
  if (
    !actor ||
    actor.scope.kind === 'unit' ||
    actor.scope.kind === 'none' ||
    actor.scope.kind === 'organisation'
  )
    // Read by leaders and staff (work.read): a reader with no region has no board, as for a region
    // outside their scope (a 403 would say the permission is missing, and it is not).
    throw appError('REGION_NOT_FOUND', '未报送看板按地区统计，只有地区的统战部工作人员和部领导可以查看');
  const code = q.regionCode ?? actor.regionCode;
  const region = code ? await findRegionRef(s.db.kysely, code) : undefined;
  if (!region || !regionInScope(actor.scope, region.path)) throw appError('REGION_NOT_FOUND');
  return {
    code: region.code,
    name: region.name,
    path: region.path,
    periodKey: q.period,
    today: shanghaiDate(s.clock.now()),
  };
}

const unitOut = (g: UnitCount) => ({
  regionCode: g.region_code,
  regionName: g.region_name,
  unitId: g.lead_unit_id,
  unitName: g.unit_name,
  missing: g.total - g.returned,
  returned: g.returned,
});

/**
 * The board (docs/decisions/report-board-by-region.md): the region's totals, one row for its own units
 * (本级) and one for each region one level below it, each with its counts; and, on demand (`unitsOf`: the
 * region itself for its own units, or a region below it for that region's whole subtree), one page of
 * those units with their reports. A region with nothing below it shows its own units at once.
 */
export async function missingBoard(s: Services, ctx: RequestContext, q: BoardPageQuery) {
  // Whether the reader may see the region is decided every time; the answer is the region's, whoever
  // reads it, and is kept while the database is unchanged (db/read-cache.ts; PostgreSQL keeps nothing).
  const f = await boardFilter(s, ctx, q);
  const key = JSON.stringify([f.code, f.periodKey, f.today, q.unitsOf, q.offset]);
  return readCache<Readonly<Board>>(s.db, 'not-reported board', 200).get(key, async () =>
    immutable(await boardOf(s, f, q)),
  );
}

type Board = Awaited<ReturnType<typeof boardOf>>;

async function boardOf(s: Services, f: BoardRegion, q: BoardPageQuery) {
  const db = s.db.kysely;
  const [counts, children] = await Promise.all([countMissingByRegion(db, f), findChildRegions(db, f.code)]);
  const byPrefix = new Map(counts.map((c) => [c.prefix, c]));
  const rowOf = (code: string, name: string, path: string, own: boolean) => {
    const c = byPrefix.get(path);
    const total = c?.total ?? 0;
    const returned = c?.returned ?? 0;
    return {
      regionCode: code,
      regionName: name,
      own,
      missing: total - returned,
      returned,
      units: c?.units ?? 0,
    };
  };
  const regions = [
    rowOf(f.code, f.name, f.path, true),
    ...children.map((r) => rowOf(r.code, r.name, r.path, false)),
  ];
  const unitsOf = q.unitsOf ?? (children.length === 0 ? f.code : undefined);
  const page = unitsOf === undefined ? undefined : await unitPage(s, f, unitsOf, q.offset ?? 0);
  return {
    regionCode: f.code,
    regionName: f.name,
    period: q.period ?? null,
    totals: {
      missing: regions.reduce((n, r) => n + r.missing, 0),
      returned: regions.reduce((n, r) => n + r.returned, 0),
      units: regions.reduce((n, r) => n + r.units, 0),
    },
    regions,
    unitsOf: unitsOf ?? null,
    unitsTotal: page?.total ?? 0,
    units: page?.units ?? [],
    nextOffset: page?.nextOffset ?? null,
    items: page?.items ?? [],
    itemsTruncated: page?.itemsTruncated ?? false,
  };
}

/** One page of a region's units (its own, or its subtree's when below the board's region), with reports. */
async function unitPage(s: Services, f: BoardRegion, code: string, offset: number) {
  const region = code === f.code ? f : await findRegionRef(s.db.kysely, code);
  // Only the board's region or a region below it: anything else is not on this board.
  if (!region || !(region.path === f.path || region.path.startsWith(`${f.path}/`)))
    throw appError('REGION_NOT_FOUND');
  const sel = { path: region.path, exact: code === f.code };
  const all = await countMissingOfUnits(s.db.kysely, f, sel);
  const shown = all.slice(offset, offset + UNIT_PAGE);
  // The items are the first ITEM_LIMIT reports of the page's units in the board's order: those of its
  // first units, as counted (not every report of fifty units).
  const first: number[] = [];
  for (let n = 0, i = 0; i < shown.length && n <= ITEM_LIMIT; i++) {
    first.push(shown[i]!.lead_unit_id);
    n += shown[i]!.total;
  }
  const rows = await listMissingReports(s.db.kysely, { ...f, path: region.path }, first, ITEM_LIMIT + 1);
  return {
    total: all.length,
    units: shown.map(unitOut),
    nextOffset: offset + UNIT_PAGE < all.length ? offset + UNIT_PAGE : null,
    items: rows.slice(0, ITEM_LIMIT).map((r) => ({
      taskId: r.task_id,
      taskTitle: r.task_title,
      unitId: r.lead_unit_id,
      periodKey: r.period_key,
      dueDate: r.due_date,
      status: r.status,
    })),
    itemsTruncated: rows.length > ITEM_LIMIT,
  };
}

/**
 * Every unit of the region's subtree with something missing, and the totals (the 督办通报's section on
 * units that did not report): the same counts as the board's.
 */
export async function missingUnits(s: Services, ctx: RequestContext, q: BoardQuery) {
  const f = await boardFilter(s, ctx, q);
  const units = (await countMissingOfUnits(s.db.kysely, f, { path: f.path, exact: false })).map(unitOut);
  return {
    totals: {
      missing: units.reduce((n, u) => n + u.missing, 0),
      returned: units.reduce((n, u) => n + u.returned, 0),
      units: units.length,
    },
    units,
  };
}

/**
 * Reminds every unit on the board, once per unit: one inbox message (催报提醒) to the unit's handlers and,
 * for a region's 统战部, its staff, who act for it; the reminder also shows on each missing task's
 * timeline ('reminded'), and is audited once per unit.
 */
export async function remindMissing(s: Services, ctx: RequestContext, q: BoardQuery) {
  const f = await boardFilter(s, ctx, q);
  let tasks = 0;
  const units = new Set<number>();
  await s.db.kysely.transaction().execute(async (trx) => {
    // Every missing row, not the board's first page: a reminder goes to all of them.
    const missingUnits = (await countMissingByUnit(trx, f)).map((g) => g.lead_unit_id);
    const rows = await listMissingReports(trx, f, missingUnits, Number.MAX_SAFE_INTEGER);
    const byTask = new Map<number, { unitId: number; periods: string[] }>();
    const taskCount = new Map<number, number>();
    for (const r of rows) {
      const entry = byTask.get(r.task_id) ?? { unitId: r.lead_unit_id, periods: [] };
      entry.periods.push(r.period_key);
      byTask.set(r.task_id, entry);
    }
    for (const [taskId, { unitId, periods }] of byTask) {
      await recordTaskEvent(trx, s, ctx, taskId, 'reminded', { periods });
      units.add(unitId);
      taskCount.set(unitId, (taskCount.get(unitId) ?? 0) + 1);
      tasks++;
    }
    for (const unitId of units) {
      await s.notify(trx, {
        recipients: [{ unitId, roles: ['handler', 'staff'] }],
        kind: 'report.reminder',
        title: `您单位有 ${taskCount.get(unitId)} 项任务的进度报告逾期未报送或退回未改，请尽快填报`,
        object: null,
        except: ctx.actor ? [ctx.actor.userId] : [],
      });
      await s.audit.record(trx, ctx, {
        action: 'report.remind',
        objectType: 'unit',
        objectId: unitId,
        note: { regionCode: f.code, period: f.periodKey ?? null },
      });
    }
  });
  return { units: units.size, tasks };
}
