// The leader's dashboard (领导驾驶舱, issue 8 §5): for a region of the reader's subtree and a plan year,
// completion and colours by plan section, lead unit and region, the red list, the reports missing, and the
// colour trend over the year. Every number is read from counters kept on write and carries the list query
// that shows it; the list counts the same tasks through the same filter (dashboard.api.test.ts).
import type { RequestContext } from '../../core/access/actor.ts';
import { regionInScope } from '../../core/access/scope.ts';
import { toTimestamp } from '../../core/clock.ts';
import { immutable } from '../../core/immutable.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { readCache } from '../../db/read-cache.ts';
import type { Health, TaskStatus } from '../../db/schema.ts';
import { readTotals } from '../activities/index.ts';
import { countAwaitingFollowUp } from '../instructions/index.ts';
import { countNoticesInSubtree } from '../notices/index.ts';
import { pairingTotals } from '../pairings/index.ts';
import { listVisibleTasks, missingTotals } from '../tasks/index.ts';
import {
  countByLeadUnit,
  countByRegionAndSection,
  findChildRegions,
  findRegion,
  findRegionNames,
  findPlanSections,
  findTopRegion,
  findUnitNames,
} from './dashboard.repository.ts';
import type { BreakdownRow, Dashboard, DashboardQuery, Figure } from './dashboard.schemas.ts';
import { cached } from './dashboard.cache.ts';
import { COLOURS, monthsOfYear } from './dashboard.trend.ts';

// The tasks a dashboard counts: handed over and not withdrawn (drafts and cancelled ones are not work).
const ACTIVE: TaskStatus[] = ['assigned', 'accepted', 'completion_requested', 'completed'];
const UNIT_ROWS = 10;
const RED_LIST = 10;

type Params = Record<string, string>;
const fig = (count: number, query: Params): Figure => ({ count, query });

/** Counts of one row as they accumulate: tasks per status and colour. */
class Tally {
  total = 0;
  completed = 0;
  colours: Record<Health, number> = { red: 0, yellow: 0, green: 0, none: 0 };
  add(status: TaskStatus, health: Health, n: number) {
    if (!ACTIVE.includes(status)) return;
    this.total += n;
    if (status === 'completed') this.completed += n;
    this.colours[health] += n;
  }
}

function rowOf(key: string, label: string, t: Tally, query: Params): BreakdownRow {
  const active = { ...query, status: ACTIVE.join(',') };
  return {
    key,
    label,
    total: fig(t.total, active),
    completed: fig(t.completed, { ...query, status: 'completed' }),
    completion: t.total ? Math.round((t.completed * 100) / t.total) : null,
    colours: {
      red: fig(t.colours.red, { ...active, health: 'red' }),
      yellow: fig(t.colours.yellow, { ...active, health: 'yellow' }),
      green: fig(t.colours.green, { ...active, health: 'green' }),
    },
  };
}

// 本期 as the not-yet-reported board opens with it: the latest month whose reports are past due (the month's
// end plus the default 报送期限 of 5 days, before today), e.g. October on 2 December.
const REPORT_DAY = 5;
export function boardPeriod(today: string): string {
  let [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (;;) {
    const due = new Date(Date.UTC(y, m, 0) + REPORT_DAY * 86_400_000).toISOString().slice(0, 10);
    if (due < today) return `${y}-${String(m).padStart(2, '0')}`;
    [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
  }
}

/** 一、把握一条主线: the plan's number (一 / （一） / 1.) joined to the heading as the plan writes it. */
function sectionLabel(number: string | null, heading: string): string {
  if (!number) return heading.trim();
  return `${number}${/[、.．)）]$/.test(number) ? '' : '、'}${heading}`.trim();
}

/** The region shown: the one asked for within the reader's scope (else 404), or the reader's own. */
async function regionFor(s: Services, ctx: RequestContext, code: string | undefined) {
  const actor = ctx.actor;
  if (!actor || (actor.scope.kind !== 'region' && actor.scope.kind !== 'all'))
    // A reader with no region (a unit's handler) has no dashboard: as a region outside their scope.
    throw appError('REGION_NOT_FOUND', '驾驶舱按地区统计，只有地区的统战部工作人员和部领导可以查看');
  const db = s.db.kysely;
  const home = actor.regionCode ? await findRegion(db, actor.regionCode) : await findTopRegion(db);
  const region = code && code !== home?.code ? await findRegion(db, code) : home;
  if (!region || !home || !regionInScope(actor.scope, region.path)) throw appError('REGION_NOT_FOUND');
  // From the reader's own region (or the top) down to the one shown.
  if (region === home) return { region, trail: [{ code: home.code, name: home.name }] };
  const homeDepth = actor.scope.kind === 'region' ? home.path.split('/').length - 1 : 0;
  const trailCodes = region.path.split('/').slice(homeDepth);
  const names = await findRegionNames(db, trailCodes);
  return { region, trail: trailCodes.map((c) => ({ code: c, name: names.get(c) ?? c })) };
}

export async function getDashboard(s: Services, ctx: RequestContext, q: DashboardQuery): Promise<Dashboard> {
  const { region, trail } = await regionFor(s, ctx, q.regionCode);
  const today = toTimestamp(s.clock.now()).slice(0, 10);
  const year = q.year ?? Number(today.slice(0, 4));
  // The same for every reader who may see the region (checked above): shared for a few seconds.
  const answer = await cached(s, `${region.code}|${year}|${today}`, () =>
    computeDashboard(s, ctx, region, year, today),
  );
  // 活动成效 (modules/activities) and 万企兴万村 (modules/pairings): outside the shared answer, so a recorded
  // outcome or an approved pairing shows at once; kept in the read cache, which any write empties
  // (db/read-cache.ts), by reader (both follow the reader's scope within the region).
  const parts = await readCache<ReaderParts>(s.db, 'dashboard reader parts', 200).get(
    JSON.stringify([ctx.actor?.userId ?? null, region.code, year]),
    async () =>
      immutable({
        activities: await readTotals(s, ctx, { regionCode: region.code, year }),
        pairings: await pairingTotals(s, ctx, { year, region }),
      }),
  );
  return composed(answer, trail, parts);
}

type ReaderParts = Pick<Dashboard, 'activities' | 'pairings'>;

// The whole answer is put together once per shared answer, trail and reader parts (each a kept object), and
// kept with the shared answer: answering a new object on every request made the serializer check and write
// the whole dashboard each time, 40 % of the request's CPU (bench:tasks, dashboard: leader). Frozen, its JSON
// is written once (core/immutable.ts).
type ByParts = WeakMap<object, Readonly<Dashboard>>;
const composedAnswers = new WeakMap<object, Map<string, ByParts>>();

function composed(
  answer: Omit<Dashboard, 'trail' | 'activities' | 'pairings'>,
  trail: Dashboard['trail'],
  parts: Readonly<ReaderParts>,
): Readonly<Dashboard> {
  let byTrail = composedAnswers.get(answer);
  if (!byTrail) composedAnswers.set(answer, (byTrail = new Map<string, ByParts>()));
  const key = JSON.stringify(trail);
  let byParts = byTrail.get(key);
  if (!byParts) byTrail.set(key, (byParts = new WeakMap<object, Readonly<Dashboard>>()));
  let value = byParts.get(parts);
  if (!value) byParts.set(parts, (value = immutable({ ...answer, trail, ...parts })));
  return value;
}

async function computeDashboard(
  s: Services,
  ctx: RequestContext,
  region: { code: string; name: string; path: string },
  year: number,
  today: string,
): Promise<Omit<Dashboard, 'trail' | 'activities' | 'pairings'>> {
  const db = s.db.kysely;
  const base: Params = { year: String(year), regionCode: region.code };

  const [counts, unitCounts, children, months, red, missing, notices, awaiting] = await Promise.all([
    countByRegionAndSection(db, region.path, year),
    countByLeadUnit(db, region.path, year),
    findChildRegions(db, region.code),
    monthsOfYear(s, region.path, year, today),
    listVisibleTasks(s, ctx, {
      ...base,
      year,
      health: ['red'],
      status: ACTIVE,
      sort: 'due',
      limit: RED_LIST,
    }),
    missingTotals(s, ctx, { regionCode: region.code, period: boardPeriod(today) }),
    countNoticesInSubtree(s, region.path),
    countAwaitingFollowUp(s, { regionPath: region.path }),
  ]);

  const overall = new Tally();
  const sections = new Map<number, Tally>();
  const own = new Tally();
  const regions = new Map(children.map((c) => [c.code, new Tally()]));
  const depth = region.path.split('/').length;
  const now: Record<Health, number> = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const r of counts) {
    now[r.health] += r.n;
    overall.add(r.status, r.health, r.n);
    if (r.section_id !== 0) {
      const t = sections.get(r.section_id) ?? new Tally();
      t.add(r.status, r.health, r.n);
      sections.set(r.section_id, t);
    }
    const parts = r.region_path.split('/');
    (parts.length === depth ? own : regions.get(parts[depth]!))?.add(r.status, r.health, r.n);
  }
  // A repealed plan's sections only while tasks still hang on them (a revision replaced the plan).
  const planSections = (await findPlanSections(db, region.code, year)).filter(
    (p) => p.status === 'published' || (sections.get(p.id)?.total ?? 0) > 0,
  );
  const bySection = planSections.map((p) =>
    rowOf(String(p.id), sectionLabel(p.number, p.heading), sections.get(p.id) ?? new Tally(), {
      ...base,
      sectionId: String(p.id),
    }),
  );

  const units = new Map<number, Tally>();
  for (const r of unitCounts) {
    const t = units.get(r.lead_unit_id) ?? new Tally();
    t.add(r.status, r.health, r.n);
    units.set(r.lead_unit_id, t);
  }
  const ranked = [...units]
    .filter(([, t]) => t.total > 0)
    .sort(
      ([ia, a], [ib, b]) =>
        b.colours.red - a.colours.red || b.colours.yellow - a.colours.yellow || b.total - a.total || ia - ib,
    );
  const unitNames = await findUnitNames(
    db,
    ranked.slice(0, UNIT_ROWS).map(([id]) => id),
  );
  const byUnit = {
    rows: ranked
      .slice(0, UNIT_ROWS)
      .map(([id, t]) =>
        rowOf(String(id), unitNames.get(id) ?? `单位 ${id}`, t, { ...base, leadUnitId: String(id) }),
      ),
    unitCount: ranked.length,
  };

  const byRegion = [
    {
      ...rowOf(region.code, `${region.name}（本级）`, own, { ...base, regionOnly: 'true' }),
      own: true,
    },
    ...children.map((c) => ({
      ...rowOf(c.code, c.name, regions.get(c.code)!, { ...base, regionCode: c.code }),
      own: false,
    })),
  ];

  return {
    year,
    today,
    region: { code: region.code, name: region.name },
    children: children.map((c) => ({ code: c.code, name: c.name })),
    overall: rowOf(region.code, region.name, overall, base),
    bySection,
    byUnit,
    byRegion,
    redList: {
      items: red.items.map((t) => ({
        id: t.id,
        title: t.title,
        leadUnitName: t.leadUnit.name,
        regionName: t.regionName,
        dueDate: t.dueDate,
        progress: t.progress,
        reasons: t.healthReasons.map((r) => r.message),
      })),
      all: fig(red.counts.red, { ...base, health: 'red', status: ACTIVE.join(','), sort: 'due' }),
    },
    missingReports: {
      period: boardPeriod(today),
      periodLabel: `${Number(boardPeriod(today).slice(0, 4))}年${Number(boardPeriod(today).slice(5, 7))}月`,
      missing: fig(missing.missing, { regionCode: region.code, period: boardPeriod(today) }),
      returned: missing.returned,
      units: missing.units,
    },
    notices: {
      open: fig(notices.open, { status: 'open', regionCode: region.code }),
      overdue: fig(notices.overdue, { status: 'open', colour: 'red', regionCode: region.code }),
    },
    instructions: {
      awaiting: fig(awaiting, { status: 'awaiting', regionCode: region.code }),
    },
    trend: {
      months: months.map((m) => ({ month: m.month, label: `${m.month}月`, ...m.counts })),
      today: Object.fromEntries(
        COLOURS.map((h) => [h, fig(now[h], { ...base, health: h })]),
      ) as Dashboard['trend']['today'],
    },
  };
}
