// `npm run bench:data -- --scale province|small [--out FILE] [--years 5]`: a realistic province in a
// SQLite file for `npm run bench:tasks`. The app migrates the file and seeds the demo workspace (its
// accounts are what the benchmark signs in as; they are written beside the file in FILE.accounts.json),
// then bench/data.generate.ts bulk-inserts the rest (bench/data.cases.ts the cases; data.activities.ts,
// data.pairings.ts and data.training.ts issue 10's records). Prints a progress bar and the time of each
// stage, and the number of rows of each kind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { seedDemoWorkspace } from '../server/modules/demo/demo.seed.ts';
import {
  recountMissingReports,
  settleMissingReports,
} from '../server/modules/tasks/reports/report.counts.repository.ts';
import { recountTaskCounters } from '../server/modules/tasks/task.counts.repository.ts';
import { settleTrend } from '../server/modules/dashboard/index.ts';
import { openDatabase } from '../server/runtime.ts';
import { accountsFileOf, type BenchAccounts } from './accounts.ts';
import { generateCases, random } from './data.cases.ts';
import { generateActivities } from './data.activities.ts';
import type { Progress } from './data.common.ts';
import { generateInstructions } from './data.instructions.ts';
import { generate, SCALES } from './data.generate.ts';
import { generatePairings } from './data.pairings.ts';
import { generateTraining } from './data.training.ts';

function bar(stage: string, done: number, total: number) {
  if (!process.stderr.isTTY && done !== total) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r${stage.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
  );
  if (done === total) process.stderr.write('\n');
}

export async function generateDatabase(
  file: string,
  scale: keyof typeof SCALES,
  yearCount: number,
  log: (line: string) => void = console.log,
) {
  for (const suffix of ['', '-wal', '-shm', '.accounts.json']) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secretKey = crypto.randomBytes(32);
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    log(`${stage.padEnd(34)} ${((now - t) / 1000).toFixed(1).padStart(6)} s`);
    t = now;
  };

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: file,
    DATA_DIR: path.dirname(file),
    SECRET_KEY: secretKey.toString('hex'),
  });
  const db = await openDatabase(config);
  const { app, services } = await buildApp({ config, db, secretKey });
  const demo = await seedDemoWorkspace(services, { passwordsMustChange: false });
  await app.close();
  await db.close();
  const accounts: BenchAccounts = {
    secretKey: secretKey.toString('hex'),
    passwords: Object.fromEntries(demo.map((a) => [a.username, a.password])),
  };
  fs.writeFileSync(accountsFileOf(file), JSON.stringify(accounts, null, 2), { mode: 0o600 });
  lap('migrate + demo workspace');

  const conn = new SQLite(file);
  conn.pragma('journal_mode = WAL');
  // Bulk load only: a crash here loses a benchmark file, never product data.
  conn.pragma('synchronous = OFF');
  conn.pragma('cache_size = -200000');
  const now = new Date();
  const thisYear = now.getFullYear();
  const years = Array.from({ length: yearCount }, (_, i) => thisYear - yearCount + 1 + i);
  const stages = new Map<string, number>();
  const counts = generate(
    conn,
    SCALES[scale],
    years,
    now.toISOString().slice(0, 10),
    (stage, done, total) => {
      if (!stages.has(stage)) stages.set(stage, performance.now());
      bar(stage, done, total);
      if (done === total) lap(stage);
    },
  );
  // The cases (issue 9 §8: ≈5,000 a year at province scale).
  Object.assign(
    counts,
    generateCases(
      conn,
      SCALES[scale].casesPerYear,
      years,
      now.toISOString().slice(0, 10),
      (stage, done, total) => {
        bar(stage, done, total);
        if (done === total) lap(stage);
      },
    ),
  );
  // Issue 8's 批示 and 关注, for the 批示办理 list and the 关注 feed.
  Object.assign(
    counts,
    generateInstructions(conn, now.toISOString().slice(0, 10), random(11), (stage, done, total) => {
      bar(stage, done, total);
      if (done === total) lap(stage);
    }),
  );
  // Issue 10's 品牌活动, 万企兴万村 pairings and 干部培训 (docs/decisions/bench-issue10-data.md).
  const day = now.toISOString().slice(0, 10);
  const step: Progress = (stage, done, total) => {
    bar(stage, done, total);
    if (done === total) lap(stage);
  };
  const s = SCALES[scale];
  Object.assign(counts, generateActivities(conn, s.eventsPerYear, years, day, random(13), step));
  Object.assign(counts, generatePairings(conn, s, years, day, random(17), step));
  Object.assign(counts, generateTraining(conn, s, years, day, random(19), step));
  conn.close();
  // The bulk INSERTs bypass the task repository, so the counters kept on write are rebuilt once here.
  const counted = createSqliteDb(file);
  await recountTaskCounters(counted.kysely);
  // The not-yet-reported board's counters, settled as of the generation's day (as the daily job would).
  const today = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  await counted.kysely.transaction().execute((trx) => settleMissingReports(trx, today));
  await recountMissingReports(counted.kysely);
  lap('task counters, plan item roll-ups');
  // As the nightly dashboard.trend job would have: the colour trend's ended months, from the history.
  await settleTrend(counted.kysely, now);
  await counted.close();
  lap('dashboard colour trend');
  const last = new SQLite(file);
  last.exec('analyze');
  lap('analyze');
  last.pragma('wal_checkpoint(TRUNCATE)');
  last.close();
  log(
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', '),
  );
  return counts;
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'province' },
      out: { type: 'string' },
      years: { type: 'string', default: '5' },
    },
  });
  const scale = values.scale as keyof typeof SCALES;
  if (!(scale in SCALES)) {
    console.error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const file = path.resolve(values.out ?? `bench-data/${scale}.db`);
  const start = performance.now();
  await generateDatabase(file, scale, Number(values.years));
  console.log(
    `${file} in ${((performance.now() - start) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
