// The not-yet-reported board (未报送看板): for the staff of a region subtree, the reports that are missing
// (still due or in draft after their due date) or returned and not yet fixed, by region and unit, and
// one click to remind those units.
import type { RequestContext } from '../../../core/access/actor.ts';
import { regionInScope } from '../../../core/access/scope.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { shanghaiDate } from '../rules/dates.ts';
import { findRegionRef } from '../task.refs.repository.ts';
import { recordTaskEvent } from '../task.timeline.ts';
import { countMissingByUnitKept } from './report.counts.repository.ts';
import { countMissingByUnit, listMissingReports, type MissingFilter } from './report.repository.ts';

/** The board lists at most this many reports; its counts are exact whatever the number. */
const ITEM_LIMIT = 500;

interface BoardQuery {
  period?: string | undefined;
  regionCode?: string | undefined;
}

/** The region asked for (else the reader's own), in the reader's scope: else 404, as for any record. */
export async function boardFilter(
  s: Services,
  ctx: RequestContext,
  q: BoardQuery,
): Promise<MissingFilter & { code: string }> {
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
  return { code: region.code, path: region.path, periodKey: q.period, today: shanghaiDate(s.clock.now()) };
}

export async function missingBoard(s: Services, ctx: RequestContext, q: BoardQuery) {
  const f = await boardFilter(s, ctx, q);
  // All periods: the counters kept on write (report.counts.repository.ts); one period: its index range.
  const groups = f.periodKey
    ? await countMissingByUnit(s.db.kysely, f)
    : (await countMissingByUnitKept(s.db.kysely, f.path, f.today)).map((u) => ({
        ...u,
        total: u.missing + u.returned,
      }));
  // The items are the first ITEM_LIMIT rows in the board's order: those of the first units, as counted.
  const first: number[] = [];
  for (let n = 0, i = 0; i < groups.length && n <= ITEM_LIMIT; i++) {
    first.push(groups[i]!.lead_unit_id);
    n += Number(groups[i]!.total);
  }
  const rows = await listMissingReports(s.db.kysely, f, first, ITEM_LIMIT + 1);
  const units = groups.map((g) => {
    const total = Number(g.total);
    const returned = Number(g.returned);
    return {
      regionCode: g.region_code,
      regionName: g.region_name,
      unitId: g.lead_unit_id,
      unitName: g.unit_name,
      missing: total - returned,
      returned,
    };
  });
  return {
    regionCode: f.code,
    period: q.period ?? null,
    totals: {
      missing: units.reduce((n, u) => n + u.missing, 0),
      returned: units.reduce((n, u) => n + u.returned, 0),
      units: units.length,
    },
    units,
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
