// The task list and its colour counts, the 工作台 figures and the not-yet-reported board read indexes (or
// the counters kept on write), never a whole large table (issue 7 §8): each filter
// shape and each kind of scope is run through the real repository, its SQL captured, and its plan asked
// for — EXPLAIN QUERY PLAN on a small `bench:data` province (ANALYZEd, so SQLite's planner weighs real
// row counts) and EXPLAIN on PostgreSQL with sequential scans priced out (`enable_seqscan = off`: a Seq
// Scan that remains means no index can serve the query). A plan that walks tasks or progress_reports
// end to end fails the test.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type CompiledQuery, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDatabase } from '../bench/data.ts';
import type { Db } from '../server/db/connect.ts';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import {
  countMissingByUnit,
  listMissingReports,
  type MissingFilter,
} from '../server/modules/tasks/reports/report.repository.ts';
import { countMissingByUnitKept } from '../server/modules/tasks/reports/report.counts.repository.ts';
import {
  countMissingByRegion,
  countMissingOfUnits,
} from '../server/modules/tasks/reports/report.regions.repository.ts';
import { countSectionsOfScope } from '../server/modules/tasks/task.counts.read.repository.ts';
import {
  countTasksByHealth,
  countTasksGrouped,
} from '../server/modules/tasks/task.list.counts.repository.ts';
import {
  listTaskSummaries,
  listTasks,
  type TaskFilter,
  type TaskPageArgs,
} from '../server/modules/tasks/task.list.repository.ts';
import { SUMMARY_COLUMNS } from '../server/modules/tasks/task.repository.ts';
import { createTestDb, DIALECTS } from './db.ts';

const YEAR = new Date().getFullYear();
const CITY = '370000/370100';
const COUNTY = '370000/370100/370102';

// Every kind of scope, then the filters a person sets on the list, with both orders and a cursor.
const SCOPES: Array<[string, TaskFilter['visibility']]> = [
  ['province (all)', { kind: 'all' }],
  ['city subtree', { kind: 'region', path: CITY }],
  ['county subtree', { kind: 'region', path: COUNTY }],
  ['unit (handler)', { kind: 'unit', unitId: 20 }],
];
const FILTERS: Array<[string, Omit<TaskFilter, 'visibility'>, TaskPageArgs]> = [
  ['no filter', {}, { sort: 'id', limit: 21 }],
  ['year', { year: YEAR }, { sort: 'id', limit: 21 }],
  ['year, next page', { year: YEAR }, { sort: 'id', limit: 21, after: { id: 1000 } }],
  ['year + red', { year: YEAR, health: ['red'] }, { sort: 'id', limit: 21 }],
  ['year + status, by due', { year: YEAR, status: ['accepted'] }, { sort: 'due', limit: 21 }],
  ['by due, next page', { year: YEAR }, { sort: 'due', limit: 21, after: { id: 5, due: `${YEAR}-12-15` } }],
  ['year + region', { year: YEAR, regionPath: COUNTY }, { sort: 'id', limit: 21 }],
  ['year + lead unit', { year: YEAR, leadUnitId: 20 }, { sort: 'id', limit: 21 }],
  ['cooperating unit', { cooperatingUnitId: 20 }, { sort: 'id', limit: 21 }],
  ['plan', { planId: 3 }, { sort: 'id', limit: 21 }],
  ['plan item', { planItemId: 7 }, { sort: 'id', limit: 21 }],
  ['children of a task', { parentId: 40 }, { sort: 'id', limit: 21 }],
  ['year + keyword', { year: YEAR, q: '民族' }, { sort: 'id', limit: 21 }],
  ['year + undecomposed', { year: YEAR, undecomposed: true }, { sort: 'id', limit: 21 }],
  [
    'lead unit + reports owed',
    { leadUnitId: 20, report: { status: ['due', 'draft'], dueTo: `${YEAR}-12-31` } },
    { sort: 'id', limit: 21 },
  ],
  ['reports to review', { report: { status: ['submitted'] } }, { sort: 'id', limit: 21 }],
  ['adjustments pending', { adjustmentPending: true }, { sort: 'id', limit: 21 }],
  [
    'year + due window',
    { year: YEAR, dueFrom: `${YEAR}-06-01`, dueTo: `${YEAR}-12-31` },
    { sort: 'due', limit: 21 },
  ],
];

// The Db as the repository sees it, recording every statement it runs: those run as prepared statements
// (executeQuery) and those built and run through Kysely (seen by a plugin as they are compiled).
function capturing(db: Db, seen: CompiledQuery[]): Db {
  // Subqueries pass through transformQuery too: a statement is kept when its result comes back.
  const compiled = new Map<string, CompiledQuery>();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      const q = db.kysely.getExecutor().compileQuery(node, queryId);
      // A prepared statement being compiled with stand-ins for its values: seen when it runs, below.
      if (!q.parameters.some((p) => typeof p === 'string' && p.startsWith('\u0000')))
        compiled.set(queryId.queryId, q);
      return node;
    },
    transformResult: ({ result, queryId }) => {
      const q = compiled.get(queryId.queryId);
      if (q) seen.push(q);
      return Promise.resolve(result);
    },
  };
  const target = db.kysely.withPlugin(plugin);
  const kysely = new Proxy(target, {
    get(t, key) {
      if (key === 'executeQuery')
        return (q: CompiledQuery) => {
          seen.push(q);
          return t.executeQuery(q);
        };
      const value: unknown = Reflect.get(t, key, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
  return { ...db, kysely };
}

async function statementsOf(db: Db, filter: TaskFilter, page: TaskPageArgs) {
  const seen: CompiledQuery[] = [];
  const spy = capturing(db, seen);
  await listTaskSummaries(spy, filter, page);
  await countTasksByHealth(spy, filter);
  return seen;
}

const FULL_SCAN = {
  sqlite: /^SCAN (tasks|progress_reports)( USING (COVERING )?INDEX \w+)?$/,
  postgres: /Seq Scan on (tasks|progress_reports)\b/,
};

async function planOf(db: Db, dialect: 'sqlite' | 'postgres', q: CompiledQuery): Promise<string[]> {
  if (dialect === 'sqlite') {
    const { rows } = await db.kysely.executeQuery<{ detail: string }>({
      ...q,
      sql: `explain query plan ${q.sql}`,
    });
    return rows.map((r) => r.detail);
  }
  return db.kysely.connection().execute(async (c) => {
    await sql`set enable_seqscan = off`.execute(c);
    try {
      const { rows } = await c.executeQuery<{ 'QUERY PLAN': string }>({ ...q, sql: `explain ${q.sql}` });
      return rows.map((r) => r['QUERY PLAN']);
    } finally {
      await sql`reset enable_seqscan`.execute(c);
    }
  });
}

describe.each(DIALECTS)('task list query plans (%s)', (dialect) => {
  let db: Db;
  let file = '';
  beforeAll(async () => {
    if (dialect === 'postgres') {
      db = await createTestDb('postgres');
      await sql`analyze`.execute(db.kysely);
      return;
    }
    file = path.join(os.tmpdir(), `luoshi-explain-${crypto.randomUUID()}.db`);
    await generateDatabase(file, 'small', 2, () => {});
    db = createSqliteDb(file);
  }, 120_000);
  afterAll(async () => {
    await db.close();
    if (file)
      for (const suffix of ['', '-wal', '-shm', '.accounts.json'])
        fs.rmSync(`${file}${suffix}`, { force: true });
  });

  it('generated enough rows for the planner to prefer indexes', async () => {
    if (dialect === 'postgres') return;
    const { n } = await db.kysely
      .selectFrom('progress_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThan(10_000);
  });

  for (const [scopeName, visibility] of SCOPES)
    it(`${scopeName}: every filter shape reads an index`, async () => {
      const scans: string[] = [];
      for (const [filterName, rest, page] of FILTERS) {
        for (const q of await statementsOf(db, { visibility, ...rest }, page)) {
          const plan = await planOf(db, dialect, q);
          expect(plan.length).toBeGreaterThan(0);
          if (scopeName === 'province (all)' && filterName === 'no filter' && q.sql.includes('limit')) {
            // The page walks the table newest first and stops at 21 rows: not a scan.
            continue;
          }
          if (plan.some((line) => FULL_SCAN[dialect].test(line.trim())))
            scans.push(`${filterName}:\n  ${q.sql}\n  ${plan.join('\n  ')}`);
        }
      }
      expect(scans).toEqual([]);
    }, 60_000);

  // A subtree's page of a year reads its index in page order and stops at the page: no sort of the
  // subtree's every task of the year (what made the list, and the bench's ceiling, slow at province scale).
  it("a subtree's page of a year reads the scope index in page order", async () => {
    const cases: Array<[TaskFilter, TaskPageArgs, RegExp]> = [
      [
        { visibility: { kind: 'region', path: CITY }, year: YEAR },
        { sort: 'id', limit: 21 },
        /tasks_scope2_id/,
      ],
      [
        { visibility: { kind: 'region', path: CITY }, year: YEAR, health: ['red'] },
        { sort: 'id', limit: 21, after: { id: 1000 } },
        /tasks_scope2_id/,
      ],
      [
        { visibility: { kind: 'region', path: COUNTY }, year: YEAR },
        { sort: 'due', limit: 21 },
        /tasks_scope3_due/,
      ],
      [
        { visibility: { kind: 'region', path: '370000' }, year: YEAR, regionPath: CITY },
        { sort: 'id', limit: 21 },
        /tasks_scope2_id/,
      ],
    ];
    for (const [filter, page, index] of cases) {
      const [pageQuery] = await statementsOf(db, filter, page);
      const plan = (await planOf(db, dialect, pageQuery!)).join('\n');
      expect(plan).toMatch(index);
      // The subquery picks the page in the index's order: at most the outer query sorts its 21 rows (SQLite
      // says so with a temp b-tree, PostgreSQL with a Sort node).
      const sorts = plan.match(dialect === 'sqlite' ? /TEMP B-TREE FOR ORDER BY/g : /Sort {2}\(cost/g) ?? [];
      expect(sorts.length).toBeLessThanOrEqual(1);
    }
    // The prefix is the subtree exactly: the same page as the range it stands for.
    const page = await listTaskSummaries(
      db,
      { visibility: { kind: 'region', path: CITY }, year: YEAR },
      { sort: 'id', limit: 21 },
    );
    // The list's page reads the columns a list row shows, not the description or the bookkeeping.
    const shown = [
      ...SUMMARY_COLUMNS.map((c) => c.slice('tasks.'.length)),
      'region_name',
      'lead_unit_name',
      'lead_unit_kind',
      'lead_unit_region_code',
    ].sort();
    if (dialect === 'sqlite') expect(page.length).toBeGreaterThan(0);
    for (const row of page) expect(Object.keys(row).sort()).toEqual(shown);
    // The Excel export still reads whole rows, the same page.
    const whole = await listTasks(
      db,
      { visibility: { kind: 'region', path: CITY }, year: YEAR },
      { sort: 'id', limit: 21 },
    );
    expect(whole.map((t) => t.id)).toEqual(page.map((t) => t.id));
    for (const row of whole) expect(row).toHaveProperty('description');
    const byRange = await db.kysely
      .selectFrom('tasks')
      .select('id')
      .where('year', '=', YEAR)
      .where('region_path', '>=', CITY)
      .where('region_path', '<', `${CITY}0`)
      .orderBy('id', 'desc')
      .limit(21)
      .execute();
    expect(page.map((t) => t.id)).toEqual(byRange.map((t) => t.id));
  });

  // With no filter at all, the province's colour counts sum the counters kept on write (task_counts, a
  // few thousand rows) instead of reading every task of every year.
  it('province (all), no filter: the colour counts read the counters, not the tasks', async () => {
    const [, count] = await statementsOf(db, { visibility: { kind: 'all' } }, { sort: 'id', limit: 21 });
    expect(count!.sql).toContain('task_counts');
    const plan = await planOf(db, dialect, count!);
    expect(plan.filter((line) => FULL_SCAN[dialect].test(line.trim()))).toEqual([]);
  });

  // The 工作台 (GET /api/home/tasks): the figures of each role, through the list's own counts, and the
  // leader's colours by plan section and by region.
  const FIGURES: Array<[string, TaskFilter]> = [
    [
      'staff: completion requests',
      { visibility: { kind: 'region', path: CITY }, status: ['completion_requested'] },
    ],
    ['staff: red tasks', { visibility: { kind: 'all' }, health: ['red'] }],
    ['city staff: red tasks', { visibility: { kind: 'region', path: CITY }, health: ['red'] }],
    [
      'city staff: reports to review',
      { visibility: { kind: 'region', path: CITY }, report: { status: ['submitted'] } },
    ],
    ['staff: undecomposed', { visibility: { kind: 'all' }, undecomposed: true }],
    ['staff: drafts', { visibility: { kind: 'region', path: COUNTY }, status: ['draft'] }],
    ['handler: to sign', { visibility: { kind: 'unit', unitId: 20 }, leadUnitId: 20, status: ['assigned'] }],
    [
      'handler: red',
      { visibility: { kind: 'unit', unitId: 20 }, leadUnitId: 20, status: ['accepted'], health: ['red'] },
    ],
  ];
  it('工作台: every figure and colour table reads an index or the counters', async () => {
    const scans: string[] = [];
    const seen: CompiledQuery[] = [];
    const spy = capturing(db, seen);
    for (const [, filter] of FIGURES) await countTasksByHealth(spy, filter);
    for (const visibility of [{ kind: 'all' as const }, { kind: 'region' as const, path: CITY }])
      for (const by of ['plan_section_id', 'region_path'] as const)
        await countTasksGrouped(spy, { visibility, year: YEAR }, by);
    // A region's colours by plan section: its subtree's rows of task_section_counts.
    for (const scope of ['370000', CITY]) await countSectionsOfScope(spy.kysely, scope, YEAR);
    expect(seen.length).toBeGreaterThanOrEqual(FIGURES.length + 6);
    for (const q of seen) {
      const plan = await planOf(db, dialect, q);
      if (plan.some((line) => FULL_SCAN[dialect].test(line.trim())))
        scans.push(`${q.sql}\n  ${plan.join('\n  ')}`);
    }
    expect(scans).toEqual([]);
  });

  // The not-yet-reported board (GET /api/reports/missing): its per-unit counts and its items, for the
  // province, a city and a county, over all periods and for one.
  it('not-yet-reported board: counts and items read index ranges', async () => {
    const scans: string[] = [];
    for (const path of ['370000', CITY, COUNTY])
      for (const periodKey of [undefined, `${YEAR}-03`]) {
        const f: MissingFilter = { path, periodKey, today: `${YEAR}-06-15` };
        const seen: CompiledQuery[] = [];
        const spy = capturing(db, seen);
        const groups = await countMissingByUnit(spy.kysely, f);
        await listMissingReports(
          spy.kysely,
          f,
          groups
            .slice(0, 5)
            .map((g) => g.lead_unit_id)
            .concat([20]),
          501,
        );
        expect(seen).toHaveLength(2);
        for (const q of seen) {
          const plan = await planOf(db, dialect, q);
          if (plan.some((line) => FULL_SCAN[dialect].test(line.trim())))
            scans.push(`${path} ${periodKey ?? ''}:\n  ${q.sql}\n  ${plan.join('\n  ')}`);
        }
      }
    expect(scans).toEqual([]);
  });

  // The board by region (report.regions.repository.ts): the counts per region one level below, and one
  // region's units, for one period and all of them (the counters when settled, else the reports).
  it('not-yet-reported board by region: counts and units read the counters or index ranges', async () => {
    const scans: string[] = [];
    const settled = await db.kysely.selectFrom('report_board_state').select('settled_day').executeTakeFirst();
    for (const path of ['370000', CITY, COUNTY])
      for (const periodKey of [undefined, `${YEAR}-03`])
        for (const today of [settled?.settled_day ?? `${YEAR}-06-15`, `${YEAR + 1}-01-15`]) {
          const s = { path, periodKey, today };
          const seen: CompiledQuery[] = [];
          const spy = capturing(db, seen);
          await countMissingByRegion(spy.kysely, s);
          await countMissingOfUnits(spy.kysely, s, { path, exact: true });
          await countMissingOfUnits(spy.kysely, s, { path, exact: false });
          for (const q of seen) {
            const plan = await planOf(db, dialect, q);
            if (plan.some((line) => FULL_SCAN[dialect].test(line.trim())))
              scans.push(`${path} ${periodKey ?? ''} ${today}:\n  ${q.sql}\n  ${plan.join('\n  ')}`);
          }
        }
    expect(scans).toEqual([]);
  });

  // All periods: the board's counters kept on write, plus the reports between the settled day and today.
  it('not-yet-reported board, all periods: the counters and a due-date range', async () => {
    const scans: string[] = [];
    for (const path of ['370000', CITY, COUNTY]) {
      const seen: CompiledQuery[] = [];
      const spy = capturing(db, seen);
      await countMissingByUnitKept(spy.kysely, path, `${YEAR + 1}-01-15`);
      expect(seen.some((q) => q.sql.includes('report_missing_counts'))).toBe(true);
      for (const q of seen) {
        const plan = await planOf(db, dialect, q);
        if (plan.some((line) => FULL_SCAN[dialect].test(line.trim())))
          scans.push(`${path}:\n  ${q.sql}\n  ${plan.join('\n  ')}`);
      }
    }
    expect(scans).toEqual([]);
  });
});
