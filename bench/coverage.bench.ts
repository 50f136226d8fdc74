/**
 * Coverage speed: `node --import tsx bench/coverage.bench.ts`. Builds a province on a SQLite file —
 * 1 province, 16 cities, 133 counties (150 regions), one published 2022 plan per region of 40 items,
 * every city item aligned to a provincial item and every county item to a city item — then prints the
 * median time of the coverage query for the provincial plan (goal: under 100 ms). `main()` is exported
 * for bench/run.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Transaction } from 'kysely';
import { buildServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import type { RequestContext } from '../server/core/access/actor.ts';
import { permissionsOf } from '../server/core/access/roles.ts';
import { migrateToLatest } from '../server/db/connect.ts';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import type { Database } from '../server/db/schema.ts';
import { planCoverage } from '../server/modules/plans/alignment/alignment.coverage.ts';
import { median, type BenchResult } from './measure.ts';

const CITIES = 16;
// 8 or 9 counties per city: 1 + 16 + 133 = 150 regions, the size of a province (DESIGN.md §6).
const COUNTIES = 133;
const countiesOf = (city: number) => Math.floor(COUNTIES / CITIES) + (city <= COUNTIES % CITIES ? 1 : 0);
const ITEMS = 40;
const RUNS = 21;
const GOAL_MS = 100;
const NOW = '2022-03-01T09:00:00+08:00';

async function insertRegion(
  trx: Transaction<Database>,
  code: string,
  level: 'province' | 'city' | 'county',
  parent: string | null,
  p: string,
) {
  await trx
    .insertInto('regions')
    .values({
      code,
      name: `地区${code}`,
      level,
      parent_code: parent,
      path: p,
      status: 'active',
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
}

/** One published plan of ITEMS items (4 sections of 9 items); item i aligns to item i of `above`. */
async function insertPlan(
  trx: Transaction<Database>,
  regionCode: string,
  above: number[] | null,
): Promise<number[]> {
  const plan = await trx
    .insertInto('plans')
    .values({
      region_code: regionCode,
      year: 2022,
      title: `${regionCode} 2022年统战工作要点`,
      status: 'published',
      outline_meta: '{}',
      source_text: '',
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
      published_at: NOW,
      published_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  let section: number | null = null;
  for (let i = 0; i < ITEMS; i++) {
    const isSection = i % 10 === 0;
    const row = await trx
      .insertInto('plan_items')
      .values({
        plan_id: plan.id,
        parent_id: isSection ? null : section,
        position: i % 10,
        ord: i,
        depth: isSection ? 1 : 2,
        number: String(i + 1),
        heading: `条目${i + 1}`,
        body: '深化“万企兴万村”行动，助力乡村振兴。',
        lead: '[]',
        cooperating: '[]',
        brand_activities: '[]',
        proposed_tasks: '[]',
        search_tokens: ' 条目 深化 万 企 兴 万 村 行动 助力 乡村 振兴 ',
        aligned_to: above?.[i] ?? null,
        aligned_by: null,
        aligned_at: above ? NOW : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (isSection) section = row.id;
    ids.push(row.id);
  }
  return ids;
}

async function buildProvince(file: string): Promise<number> {
  const db = createSqliteDb(file);
  await migrateToLatest(db);
  let provincePlan = 0;
  await db.kysely.transaction().execute(async (trx) => {
    await insertRegion(trx, '370000', 'province', null, '370000');
    const provinceItems = await insertPlan(trx, '370000', null);
    provincePlan = (
      await trx.selectFrom('plans').select('id').where('region_code', '=', '370000').executeTakeFirstOrThrow()
    ).id;
    for (let c = 1; c <= CITIES; c++) {
      const city = `37${String(c).padStart(2, '0')}00`;
      await insertRegion(trx, city, 'city', '370000', `370000/${city}`);
      const cityItems = await insertPlan(trx, city, provinceItems);
      for (let k = 1; k <= countiesOf(c); k++) {
        const county = `37${String(c).padStart(2, '0')}${String(k).padStart(2, '0')}`;
        await insertRegion(trx, county, 'county', city, `370000/${city}/${county}`);
        await insertPlan(trx, county, cityItems);
      }
    }
  });
  await db.close();
  return provincePlan;
}

export async function main(): Promise<BenchResult[]> {
  const file = process.env.KEEP ?? path.join(os.tmpdir(), `luoshi-coverage-bench-${crypto.randomUUID()}.db`);
  try {
    const planId = await buildProvince(file);
    const db = createSqliteDb(file);
    const s = buildServices({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      db,
      secretKey: crypto.randomBytes(32),
    });
    const ctx: RequestContext = {
      actor: {
        userId: 0,
        username: 'bench',
        displayName: 'bench',
        roles: ['staff'],
        permissions: permissionsOf(['staff']),
        scope: { kind: 'region', regionPath: '370000' },
        unitId: null,
        regionCode: '370000',
        regionPath: '370000',
        sessionId: 'bench',
      },
      ip: '127.0.0.1',
      requestId: 'bench',
    };
    const times: number[] = [];
    let aligned = 0;
    for (let i = 0; i < 3; i++) await planCoverage(s, ctx, planId); // warm-up: JIT and page cache
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const coverage = await planCoverage(s, ctx, planId);
      times.push(performance.now() - start);
      aligned = coverage.totals.alignedItems;
    }
    await db.close();
    const medianMs = Math.round(median(times) * 10) / 10;
    const regions = 1 + CITIES + COUNTIES;
    console.log(
      `coverage of a provincial plan: ${regions} regions × ${ITEMS} items, ${aligned} alignments — median ${medianMs} ms, fastest ${Math.round(Math.min(...times) * 10) / 10} ms over ${RUNS} runs (goal < ${GOAL_MS} ms)`,
    );
    return [{ name: 'plan coverage', medianMs, goalMs: GOAL_MS, pass: medianMs < GOAL_MS }];
  } finally {
    if (!process.env.KEEP)
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await main();
  process.exitCode = results.every((r) => r.pass) ? 0 : 1;
}
