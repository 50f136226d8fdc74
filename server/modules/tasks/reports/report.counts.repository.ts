// The not-yet-reported board's counters, kept on write (docs/decisions/report-board-counters.md): per lead
// unit, its reports due or in draft whose due date is before the settled day, and its returned reports.
// Every change of a report's status or copied scope moves them in the writer's transaction (through
// report.repository.ts and task.daily.repository.ts, the only writers of those columns); the daily job
// settles the reports that fell due since (settleMissingReports). The board adds the few reports between
// the settled day and today from the index, so its counts are exact on any day.
import { type Kysely, type Transaction } from 'kysely';
import type { Database, ReportStatus } from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

const MISSING: ReportStatus[] = ['due', 'draft'];

export interface CountedReport {
  status: ReportStatus;
  due_date: string;
  lead_unit_id: number;
  region_path: string;
}

/** The day up to which the counters hold the reports falling due ('' before the first settlement). */
async function settledDay(db: Q): Promise<string> {
  const row = await db
    .selectFrom('report_board_state')
    .select('settled_day')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.settled_day ?? '';
}

const shareOf = (r: CountedReport, settled: string) => ({
  missing: MISSING.includes(r.status) && r.due_date < settled ? 1 : 0,
  returned: r.status === 'returned' ? 1 : 0,
});

async function bump(trx: Q, unitId: number, path: string, missing: number, returned: number) {
  if (missing === 0 && returned === 0) return;
  await trx
    .insertInto('report_missing_counts')
    .values({ lead_unit_id: unitId, region_path: path, missing, returned })
    .onConflict((oc) =>
      oc.columns(['lead_unit_id', 'region_path']).doUpdateSet((eb) => ({
        missing: eb('report_missing_counts.missing', '+', eb.ref('excluded.missing')),
        returned: eb('report_missing_counts.returned', '+', eb.ref('excluded.returned')),
      })),
    )
    .execute();
}

/** Moves the counters for reports that changed from `before` to `after` (status or scope). */
export async function countReportChanges(
  trx: Q,
  changes: ReadonlyArray<{ before?: CountedReport | undefined; after?: CountedReport | undefined }>,
): Promise<void> {
  if (changes.length === 0) return;
  const settled = await settledDay(trx);
  const moves = new Map<string, { unitId: number; path: string; missing: number; returned: number }>();
  const add = (r: CountedReport, sign: 1 | -1) => {
    const key = `${r.lead_unit_id}|${r.region_path}`;
    const m = moves.get(key) ?? { unitId: r.lead_unit_id, path: r.region_path, missing: 0, returned: 0 };
    const share = shareOf(r, settled);
    m.missing += sign * share.missing;
    m.returned += sign * share.returned;
    moves.set(key, m);
  };
  for (const { before, after } of changes) {
    if (before) add(before, -1);
    if (after) add(after, 1);
  }
  for (const m of moves.values()) await bump(trx, m.unitId, m.path, m.missing, m.returned);
}

/** Reports due or in draft that fall due in [from, to), per unit, in a region subtree when given. */
function fallingDue(db: Q, from: string, to: string, path?: string) {
  let q = db
    .selectFrom('progress_reports as p')
    .select(['p.lead_unit_id', 'p.region_path', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('p.status', 'in', MISSING)
    .where('p.due_date', '>=', from)
    .where('p.due_date', '<', to);
  if (path !== undefined) q = q.where('p.region_path', '>=', path).where('p.region_path', '<', `${path}0`);
  return q.groupBy(['p.lead_unit_id', 'p.region_path']).execute();
}

/** The reports falling due between the settled day and `day`, signed: + when `day` is later. */
function between(settled: string, day: string): [string, string, 1 | -1] {
  return settled < day ? [settled, day, 1] : [day, settled, -1];
}

/** The daily job: counts the reports that fell due since the settled day, and settles `today`. */
export async function settleMissingReports(trx: Transaction<Database>, today: string): Promise<number> {
  const settled = await settledDay(trx);
  if (settled === today) return 0;
  const [from, to, sign] = between(settled, today);
  const rows = await fallingDue(trx, from, to);
  for (const r of rows) await bump(trx, r.lead_unit_id, r.region_path, sign * Number(r.n), 0);
  await trx.updateTable('report_board_state').set({ settled_day: today }).where('id', '=', 1).execute();
  return rows.length;
}

interface UnitCount {
  lead_unit_id: number;
  unit_name: string;
  region_code: string;
  region_name: string;
  missing: number;
  returned: number;
}

/**
 * Per unit of a region subtree, with its name and region: its missing reports (due or in draft past their
 * due date, as of `today`) and its returned ones, from the counters and the reports between the settled
 * day and today. Units with neither are left out; in the board's order (region, unit).
 */
export async function countMissingByUnitKept(db: Q, path: string, today: string): Promise<UnitCount[]> {
  const settled = await settledDay(db);
  const unitsOf = () =>
    db
      .selectFrom('units as u')
      .innerJoin('regions as r', 'r.code', 'u.region_code')
      .select([
        'u.id as lead_unit_id',
        'u.name as unit_name',
        'r.code as region_code',
        'r.name as region_name',
      ]);
  const kept = await unitsOf()
    .innerJoin('report_missing_counts as c', 'c.lead_unit_id', 'u.id')
    .select(['c.missing', 'c.returned'])
    .where('c.region_path', '>=', path)
    .where('c.region_path', '<', `${path}0`)
    .where((eb) => eb.or([eb('c.missing', '<>', 0), eb('c.returned', '<>', 0)]))
    .execute();
  const units = new Map<number, UnitCount>();
  for (const r of kept) {
    const u = units.get(r.lead_unit_id) ?? { ...r, missing: 0, returned: 0 };
    u.missing += Number(r.missing);
    u.returned += Number(r.returned);
    units.set(r.lead_unit_id, u);
  }
  if (settled !== today) {
    const [from, to, sign] = between(settled, today);
    const due = await fallingDue(db, from, to, path);
    const unknown = [...new Set(due.map((r) => r.lead_unit_id))].filter((id) => !units.has(id));
    const refs = unknown.length ? await unitsOf().where('u.id', 'in', unknown).execute() : [];
    for (const ref of refs) units.set(ref.lead_unit_id, { ...ref, missing: 0, returned: 0 });
    for (const r of due) {
      const u = units.get(r.lead_unit_id);
      if (u) u.missing += sign * Number(r.n);
    }
  }
  return [...units.values()]
    .filter((u) => u.missing !== 0 || u.returned !== 0)
    .sort((a, b) =>
      a.region_code === b.region_code
        ? a.lead_unit_id - b.lead_unit_id
        : a.region_code < b.region_code
          ? -1
          : 1,
    );
}

/** Rebuilds the counters from the reports as of the settled day (after a bulk load; the tests' reference). */
export async function recountMissingReports(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const settled = await settledDay(trx);
    await trx.deleteFrom('report_missing_counts').execute();
    await trx
      .insertInto('report_missing_counts')
      .columns(['lead_unit_id', 'region_path', 'missing', 'returned'])
      .expression((eb) =>
        eb
          .selectFrom('progress_reports as p')
          .select((e) => [
            'p.lead_unit_id',
            'p.region_path',
            e.fn
              .sum<number>(
                e
                  .case()
                  .when(e.and([e('p.status', 'in', MISSING), e('p.due_date', '<', settled)]))
                  .then(1)
                  .else(0)
                  .end(),
              )
              .as('missing'),
            e.fn.sum<number>(e.case().when('p.status', '=', 'returned').then(1).else(0).end()).as('returned'),
          ])
          .where('p.status', 'in', [...MISSING, 'returned'])
          .groupBy(['p.lead_unit_id', 'p.region_path']),
      )
      .execute();
  });
}

/** The counters as rows, zeros left out, in a stable order: what the recount test compares. */
export async function readMissingCounts(db: Q) {
  const rows = await db
    .selectFrom('report_missing_counts')
    .selectAll()
    .where((eb) => eb.or([eb('missing', '<>', 0), eb('returned', '<>', 0)]))
    .orderBy('lead_unit_id')
    .orderBy('region_path')
    .execute();
  return rows.map((r) => ({ ...r, missing: Number(r.missing), returned: Number(r.returned) }));
}
