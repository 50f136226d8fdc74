// 工作台 figures about tasks, for each role. Every figure carries the task-list query that shows its
// tasks, and is counted through the very filter that list uses, so a figure always agrees with the list
// it opens.
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import { immutable } from '../../core/immutable.ts';
import { readCache } from '../../db/read-cache.ts';
import type { Health } from '../../db/schema.ts';
import { shanghaiDate } from './rules/dates.ts';
import { findRegionNames, findSectionHeadings } from './task.refs.repository.ts';
import { countSectionsOfScope } from './task.counts.read.repository.ts';
import { countTasksByHealth, countTasksGrouped } from './task.list.counts.repository.ts';
import type { TaskFilter } from './task.list.repository.ts';
import type { TaskListQuery } from './task.schemas.ts';
import { visibilityOf } from './task.policy.ts';
import { taskFilterOf } from './task.service.ts';

type FigureQuery = Partial<
  Pick<
    TaskListQuery,
    | 'year'
    | 'leadUnitId'
    | 'sectionId'
    | 'regionCode'
    | 'regionOnly'
    | 'undecomposed'
    | 'report'
    | 'adjustment'
  >
> & {
  status?: TaskListQuery['status'];
  health?: TaskListQuery['health'];
};

export interface TaskFigure {
  key: string;
  label: string;
  count: number;
  // The /api/tasks query (and the 任务 page's filter) behind the figure.
  query: Record<string, string>;
}

export interface ColourRow {
  key: string;
  label: string;
  counts: Record<Health, number>;
  query: Record<string, string>;
}

function asParams(q: FigureQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

async function figure(
  s: Services,
  ctx: RequestContext,
  key: string,
  label: string,
  q: FigureQuery,
): Promise<TaskFigure> {
  const counts = await countTasksByHealth(s.db, await taskFilterOf(s, ctx, q));
  const count = q.health?.length
    ? q.health.reduce((n, h) => n + counts[h], 0)
    : counts.green + counts.yellow + counts.red + counts.none;
  return { key, label, count, query: asParams(q) };
}

const EMPTY = (): Record<Health, number> => ({ green: 0, yellow: 0, red: 0, none: 0 });

type Figures = Awaited<ReturnType<typeof figuresOf>>;

/**
 * The 工作台's task figures. Kept while the database is unchanged (db/read-cache.ts: every write anywhere
 * drops them; PostgreSQL keeps nothing), by everything they are worked out from: the reader's data scope,
 * unit, region and the permissions that choose the figures, and today (this month's reports owed).
 */
export async function taskFigures(s: Services, ctx: RequestContext): Promise<Readonly<Figures>> {
  const actor = ctx.actor;
  if (!actor) return figuresOf(s, ctx);
  const key = JSON.stringify([
    visibilityOf(actor),
    actor.unitId,
    actor.regionPath,
    (['work.handle', 'work.manage', 'work.instruct'] as const).map((p) => actor.permissions.has(p)),
    shanghaiDate(s.clock.now()),
  ]);
  return readCache<Readonly<Figures>>(s.db, '工作台 task figures', 200).get(key, async () =>
    // Shared by every request that hits it: frozen, and written to JSON once (core/immutable.ts).
    immutable(await figuresOf(s, ctx)),
  );
}

async function figuresOf(s: Services, ctx: RequestContext) {
  const actor = ctx.actor;
  const year = Number(shanghaiDate(s.clock.now()).slice(0, 4));
  const figures: TaskFigure[] = [];
  if (!actor) return { year, figures, bySection: [], byRegion: [] };
  if (
    actor.permissions.has('work.handle') &&
    actor.unitId !== null &&
    !actor.permissions.has('work.manage')
  ) {
    const unit = { leadUnitId: actor.unitId };
    figures.push(await figure(s, ctx, 'to-sign', '待签收的任务', { ...unit, status: ['assigned'] }));
    figures.push(await figure(s, ctx, 'reports-owed', '本期待报送', { ...unit, report: 'owed' }));
    figures.push(await figure(s, ctx, 'reports-returned', '被退回的报告', { ...unit, report: 'returned' }));
    for (const [h, label] of [
      ['red', '本单位红灯任务'],
      ['yellow', '本单位黄灯任务'],
      ['green', '本单位绿灯任务'],
    ] as const)
      figures.push(await figure(s, ctx, `unit-${h}`, label, { ...unit, status: ['accepted'], health: [h] }));
  }
  if (actor.permissions.has('work.manage')) {
    figures.push(await figure(s, ctx, 'reports-submitted', '待审核的报告', { report: 'submitted' }));
    figures.push(await figure(s, ctx, 'adjustments', '待审批的调整申请', { adjustment: 'pending' }));
    figures.push(await figure(s, ctx, 'completion', '待确认办结', { status: ['completion_requested'] }));
    figures.push(await figure(s, ctx, 'red', '红灯任务', { health: ['red'] }));
    figures.push(await figure(s, ctx, 'undecomposed', '下级待分解', { undecomposed: 'true' }));
    figures.push(await figure(s, ctx, 'drafts', '未交办的草稿', { status: ['draft'] }));
  }
  if (!actor.permissions.has('work.instruct') && !actor.permissions.has('work.manage'))
    return { year, figures, bySection: [], byRegion: [] };
  return { year, figures, ...(await colourRows(s, ctx, year)) };
}

/**
 * This year's colours by plan section. A region's reader (their subtree, the year, nothing else) reads
 * their subtree's row per section, kept on write (task_section_counts); anything else counts the filter.
 */
async function sectionRows(s: Services, filter: TaskFilter, year: number): Promise<ColourRow[]> {
  const row = (id: number, label: string | undefined, counts: Record<Health, number>): ColourRow => ({
    key: String(id),
    label: label ?? `条目 ${id}`,
    counts,
    query: { year: String(year), sectionId: String(id) },
  });
  if (filter.visibility.kind === 'region')
    return (await countSectionsOfScope(s.db.kysely, filter.visibility.path, year)).map((r) =>
      row(r.section_id, r.heading === null ? undefined : `${r.number ?? ''}${r.heading}`.trim(), {
        green: Number(r.green),
        yellow: Number(r.yellow),
        red: Number(r.red),
        none: Number(r.none),
      }),
    );
  const sections = new Map<number, Record<Health, number>>();
  for (const r of await countTasksGrouped(s.db, filter, 'plan_section_id')) {
    if (r.group_key === null) continue;
    const id = Number(r.group_key);
    const c = sections.get(id) ?? EMPTY();
    c[r.health] += Number(r.n);
    sections.set(id, c);
  }
  const headings = await findSectionHeadings(s.db.kysely, [...sections.keys()]);
  return [...sections].map(([id, counts]) => row(id, headings.get(id), counts));
}

// For leaders and staff: this year's colours by plan section, and by the regions one level below theirs.
async function colourRows(s: Services, ctx: RequestContext, year: number) {
  const filter = await taskFilterOf(s, ctx, { year });
  const [bySection, byRegionRows] = await Promise.all([
    sectionRows(s, filter, year),
    countTasksGrouped(s.db, filter, 'region_path'),
  ]);
  // Each region path counts toward the region one level below the reader's own (or itself).
  const own = ctx.actor?.regionPath ?? null;
  const depth = own ? own.split('/').length : 0;
  const regions = new Map<string, Record<Health, number>>();
  const ownLevel = new Set<string>();
  for (const r of byRegionRows) {
    const parts = String(r.group_key).split('/');
    const code = parts[depth] ?? parts.at(-1)!;
    if (parts.length <= depth) ownLevel.add(code);
    const c = regions.get(code) ?? EMPTY();
    c[r.health] += Number(r.n);
    regions.set(code, c);
  }
  const names = await findRegionNames(s.db.kysely, [...regions.keys()]);
  const byRegion: ColourRow[] = [...regions]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, counts]) => ({
      key: code,
      // The reader's own region counts its own tasks only (本级); each region below, its whole subtree.
      label: ownLevel.has(code) ? `${names.get(code) ?? code}（本级）` : (names.get(code) ?? code),
      counts,
      query: asParams(
        ownLevel.has(code) ? { year, regionCode: code, regionOnly: 'true' } : { year, regionCode: code },
      ),
    }));
  return { bySection, byRegion };
}
