// The not-yet-reported board by region (docs/decisions/report-board-by-region.md): the missing and
// returned reports of a region subtree counted per region one level below it (and the region's own, 本级),
// and the units of one such region on demand. All periods read the counters kept on write
// (report_missing_counts, report-board-counters.md) once they are settled as of today; one period, or a day
// not yet settled, reads the board's index ranges of the reports themselves, grouped in the database.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, ReportStatus } from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface BoardScope {
  /** The board's region subtree root path. */
  path: string;
  periodKey?: string | undefined;
  today: string;
}

/** Reports, of which returned, and units, under one region path prefix (a child region's, or the own). */
export interface RegionCount {
  prefix: string;
  total: number;
  returned: number;
  units: number;
}

/** A selection of units: those of a region exactly (本级), or of its whole subtree. */
export interface UnitSelection {
  path: string;
  exact: boolean;
}

// Region codes are 6 digits (GB/T 2260, org.schemas.ts): a child's path is its parent's plus '/NNNNNN',
// so the first length + 7 characters of a path below `path` name the child region it lies in; the
// region's own paths are `path` itself.
const childPrefix = (column: string, path: string) =>
  sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(path.length + 7)})`;

const within = (path: string) => [path, `${path}0`] as const;

/** Whether the counters hold every report fallen due before `today` (the daily job settled today). */
async function settledAsOf(db: Q, today: string): Promise<boolean> {
  const row = await db
    .selectFrom('report_board_state')
    .select('settled_day')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.settled_day === today;
}

/** The missing rows (due/draft past their due date, and returned) of a subtree, from the board's index. */
function missingRows(db: Q, s: BoardScope, sel: UnitSelection) {
  const of = (statuses: ReportStatus[], returned: 0 | 1) => {
    let q = db
      .selectFrom('progress_reports as p')
      .select(['p.lead_unit_id', 'p.region_path', sql<number>`${sql.lit(returned)}`.as('returned')])
      .where('p.status', 'in', statuses);
    q = sel.exact
      ? q.where('p.region_path', '=', sel.path)
      : q.where('p.region_path', '>=', within(sel.path)[0]).where('p.region_path', '<', within(sel.path)[1]);
    if (!returned) q = q.where('p.due_date', '<', s.today);
    if (s.periodKey) q = q.where('p.period_key', '=', s.periodKey);
    return q;
  };
  return of(['due', 'draft'], 0).unionAll(of(['returned'], 1));
}

/**
 * The subtree's counts per child region prefix (and its own path). All periods, settled: the counter rows
 * grouped per region path in index order (no sort), folded into the regions one level below here — a
 * unit counts once per region path it has reports in, which is its own region's. Otherwise the reports
 * grouped per child region in the database, units counted distinct.
 */
export async function countMissingByRegion(db: Q, s: BoardScope): Promise<RegionCount[]> {
  if (!s.periodKey && (await settledAsOf(db, s.today))) {
    const rows = await db
      .selectFrom('report_missing_counts as c')
      .select((eb) => [
        'c.region_path',
        eb.fn.sum<number | string>(eb(eb.ref('c.missing'), '+', eb.ref('c.returned'))).as('total'),
        eb.fn.sum<number | string>('c.returned').as('returned'),
        eb.fn.countAll<number | string>().as('units'),
      ])
      .where('c.region_path', '>=', within(s.path)[0])
      .where('c.region_path', '<', within(s.path)[1])
      .where((eb) => eb.or([eb('c.missing', '<>', 0), eb('c.returned', '<>', 0)]))
      .groupBy('c.region_path')
      .execute();
    const out = new Map<string, RegionCount>();
    for (const r of rows) {
      const prefix = r.region_path.slice(0, s.path.length + 7);
      const c = out.get(prefix) ?? { prefix, total: 0, returned: 0, units: 0 };
      c.total += Number(r.total);
      c.returned += Number(r.returned);
      c.units += Number(r.units);
      out.set(prefix, c);
    }
    return [...out.values()];
  }
  const rows = await db
    .selectFrom(missingRows(db, s, { path: s.path, exact: false }).as('m'))
    .select((eb) => [
      childPrefix('m.region_path', s.path).as('prefix'),
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string>('m.returned').as('returned'),
      eb.fn.count<number | string>('m.lead_unit_id').distinct().as('units'),
    ])
    .groupBy(sql`1`)
    .execute();
  return rows.map((r) => ({
    prefix: r.prefix,
    total: Number(r.total),
    returned: Number(r.returned),
    units: Number(r.units),
  }));
}

export interface UnitCount {
  lead_unit_id: number;
  unit_name: string;
  region_code: string;
  region_name: string;
  total: number;
  returned: number;
}

/** The selected units with something missing, with their names and region, in the board's order. */
export async function countMissingOfUnits(db: Q, s: BoardScope, sel: UnitSelection): Promise<UnitCount[]> {
  const kept = !s.periodKey && (await settledAsOf(db, s.today));
  const perUnit = kept
    ? db
        .selectFrom('report_missing_counts as c')
        .select((eb) => [
          'c.lead_unit_id',
          eb.fn.sum<number | string>(eb(eb.ref('c.missing'), '+', eb.ref('c.returned'))).as('total'),
          eb.fn.sum<number | string>('c.returned').as('returned'),
        ])
        .where((eb) =>
          sel.exact
            ? eb('c.region_path', '=', sel.path)
            : eb.and([
                eb('c.region_path', '>=', within(sel.path)[0]),
                eb('c.region_path', '<', within(sel.path)[1]),
              ]),
        )
        .where((eb) => eb.or([eb('c.missing', '<>', 0), eb('c.returned', '<>', 0)]))
        .groupBy('c.lead_unit_id')
    : db
        .selectFrom(missingRows(db, s, sel).as('m'))
        .select((eb) => [
          'm.lead_unit_id',
          eb.fn.countAll<number | string>().as('total'),
          eb.fn.sum<number | string>('m.returned').as('returned'),
        ])
        .groupBy('m.lead_unit_id');
  // The names are joined to the one row per unit, not to every report.
  const rows = await db
    .selectFrom(perUnit.as('g'))
    .innerJoin('units as u', 'u.id', 'g.lead_unit_id')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select([
      'g.lead_unit_id',
      'u.name as unit_name',
      'r.code as region_code',
      'r.name as region_name',
      'g.total',
      'g.returned',
    ])
    .orderBy('r.code')
    .orderBy('g.lead_unit_id')
    .execute();
  return rows
    .map((r) => ({ ...r, total: Number(r.total), returned: Number(r.returned) }))
    .filter((r) => r.total !== 0);
}

/** The regions one level below `code`, by code. */
export function findChildRegions(db: Q, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'path'])
    .where('parent_code', '=', code)
    .orderBy('code')
    .execute();
}
