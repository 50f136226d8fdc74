// `node --import tsx bench/tasks.cpu.ts --db FILE`: the server's CPU time per request of the task routes,
// measured in one process (process.cpuUsage around requests made one at a time with app.inject), on a
// database made by `npm run bench:data`. bench:tasks measures throughput and latency under load; on a
// machine shared with other work those move with the neighbours, CPU time per request much less, so this
// is the figure to compare a change by. It writes (report submissions): run it on a copy.
// BENCH_SQL=1 also prints the wall time spent in each SQL statement per request (BENCH_SQL=full: the whole
// statement); --only NAME measures the routes whose name contains NAME; --n the requests per route. The
// two ceilings of bench:tasks come first, measured the same way. BENCH_MISS=1: every read afresh (below).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/runtime.ts';
import { accountsFileOf, federationContactOf, type BenchAccounts } from './accounts.ts';
import { ceilingServer } from './ceiling.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench-data/province.db' },
    n: { type: 'string', default: '300' },
    only: { type: 'string' },
  },
});
const file = path.resolve(values.db);
const N = Number(values.n);

// Per statement: time and count, when asked.
const sqlTimes = new Map<string, { micros: number; n: number }>();
if (process.env.BENCH_SQL) {
  const Statement = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1')) as Record<
    string,
    (...a: unknown[]) => unknown
  > & { source?: string };
  for (const m of ['all', 'run', 'get', 'iterate'] as const) {
    const orig = Statement[m]!;
    Statement[m] = function (this: { source: string }, ...args: unknown[]) {
      const t0 = process.hrtime.bigint();
      try {
        return orig.apply(this, args);
      } finally {
        const dt = Number(process.hrtime.bigint() - t0) / 1000;
        const e = sqlTimes.get(this.source) ?? { micros: 0, n: 0 };
        e.micros += dt;
        e.n++;
        sqlTimes.set(this.source, e);
      }
    };
  }
}

const accounts = JSON.parse(fs.readFileSync(accountsFileOf(file), 'utf8')) as BenchAccounts;
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: file,
  DATA_DIR: path.dirname(file),
  SECRET_KEY: accounts.secretKey,
  TOTP_REQUIRED_FOR_BUSINESS: 'false',
  LOGIN_RATE_PER_MINUTE: '100000',
  LOG_LEVEL: 'silent',
});
const db = await openDatabase(config);
const { app } = await buildApp({ config, db, secretKey: Buffer.from(accounts.secretKey, 'hex') });
await app.ready();

async function signIn(username: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { cookie, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

const conn = new SQLite(file, { readonly: true });
const year = new Date().getFullYear();
const { taskId } = conn
  .prepare(`select max(id) as taskId from tasks where year = ? and region_path = '370000/370100'`)
  .get(year) as { taskId: number };
const submissions = conn
  .prepare(
    `select p.lead_unit_id as unit, p.task_id as taskId, p.period_key as periodKey, p.version
       from progress_reports p join tasks t on t.id = p.task_id join units u on u.id = p.lead_unit_id
      where p.status in ('due', 'draft') and t.status = 'accepted' and u.kind <> 'department'
        and exists (select 1 from users where username = 'b' || p.lead_unit_id || '_0')
      order by p.task_id desc, p.period_key limit ?`,
  )
  .all(N * 2) as Array<{ unit: number; taskId: number; periodKey: string; version: number }>;
const federationContact = federationContactOf(conn);
conn.close();

const pw = accounts.passwords;
const city = await signIn('jinan_staff', pw.jinan_staff!);
const province = await signIn('staff', pw.staff!);
const handler = await signIn('handler', pw.handler!);
const leader = await signIn('leader', pw.leader!);
const federation = await signIn(federationContact, pw.staff!);

const reads: Array<[string, string, { cookie: string }]> = [
  ['list: city staff, year', `/api/tasks?year=${year}&limit=20`, city],
  ['list: city staff, year+red', `/api/tasks?year=${year}&health=red&limit=20`, city],
  ['list: province staff, year', `/api/tasks?year=${year}&limit=20`, province],
  ['list: province, year+status+due', `/api/tasks?year=${year}&status=accepted&sort=due&limit=20`, province],
  ['list: handler (own unit)', `/api/tasks?year=${year}&limit=20`, handler],
  [`task page`, `/api/tasks/${taskId}`, city],
  ['工作台: province staff', '/api/home/tasks', province],
  ['工作台: city staff', '/api/home/tasks', city],
  ['工作台: handler', '/api/home/tasks', handler],
  ['工作台: leader', '/api/home/tasks', leader],
  ['not-reported board: city staff', '/api/reports/missing', city],
  ['not-reported board: province', '/api/reports/missing', province],
  // Issue 10 (as bench:tasks's issue10Targets).
  ['活动 events: province staff', `/api/activity-events?year=${year}`, province],
  ['活动 events: city staff', `/api/activity-events?year=${year}`, city],
  ['活动 totals: province staff', `/api/activity-totals?year=${year}`, province],
  ['活动 totals: city staff', `/api/activity-totals?year=${year}`, city],
  ['结对 ledger: province staff', `/api/pairings?year=${year}&limit=20`, province],
  ['结对 ledger: 工商联 contact', `/api/pairings?year=${year}&limit=20`, federation],
  ['结对 stats: province staff', `/api/pairings/statistics?year=${year}&area=37`, province],
  ['结对 stats: 工商联 contact', `/api/pairings/statistics?year=${year}&area=37`, federation],
  ['培训 per unit: province staff', `/api/training/units?year=${year}`, province],
  ['培训 short of hours: province', `/api/training/people?year=${year}&short=true`, province],
];

// BENCH_MISS=1: a statement that may write (and writes nothing) before each request moves the database's
// write generation, so every read cache (db/read-cache.ts) misses: the figure is the read done afresh.
const forget = () => sql`update settings set version = version where 0 = 1`.execute(db.kysely);

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const only = values.only;

// The ceilings of bench:tasks (bench/ceiling.ts) measured the same way: what a list's figure compares with.
const ceilingConn = new SQLite(file, { readonly: true });
const ceiling = ceilingServer(ceilingConn, year, '370000/370100');
await ceiling.ready();
for (const [name, url] of [
  ['ceiling: bare route', '/bare'],
  ['ceiling: prepared page query', '/page'],
] as const) {
  if (only && !name.includes(only)) continue;
  for (let i = 0; i < 50; i++) await ceiling.inject({ method: 'GET', url });
  const before = cpu();
  for (let i = 0; i < N; i++) await ceiling.inject({ method: 'GET', url });
  console.log(`${name.padEnd(36)}${((cpu() - before) / N).toFixed(0).padStart(7)} µs`);
}
await ceiling.close();
ceilingConn.close();

for (const [name, url, who] of reads) {
  if (only && !name.includes(only)) continue;
  const ask = async () => {
    if (process.env.BENCH_MISS) await forget();
    return app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  };
  const first = await ask();
  if (first.statusCode !== 200) throw new Error(`${name}: ${first.statusCode} ${first.body}`);
  if (process.env.BENCH_BYTES)
    console.log(name, first.rawPayload.length, 'bytes', JSON.stringify(first.headers).slice(0, 300));
  for (let i = 0; i < 50; i++) await ask();
  sqlTimes.clear();
  const before = cpu();
  for (let i = 0; i < N; i++) await ask();
  console.log(`${name.padEnd(36)}${((cpu() - before) / N).toFixed(0).padStart(7)} µs`);
}

if (!only || 'report submit'.includes(only)) {
  const writers = new Map<number, { cookie: string; csrf: string }>();
  for (const s of submissions)
    if (!writers.has(s.unit)) writers.set(s.unit, await signIn(`b${s.unit}_0`, pw.staff!));
  const submit = (s: (typeof submissions)[number]) => {
    const w = writers.get(s.unit)!;
    return app.inject({
      method: 'POST',
      url: `/api/tasks/${s.taskId}/reports/${s.periodKey}/submit`,
      headers: {
        cookie: w.cookie,
        'x-csrf-token': w.csrf,
        'if-match': `"${s.version}"`,
        'idempotency-key': crypto.randomUUID(),
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ percent: 50, narrative: '按计划推进，本期完成走访调研' }),
    });
  };
  const warm = submissions.slice(0, 20);
  for (const s of warm) await submit(s);
  const pool = submissions.slice(20, 20 + N);
  sqlTimes.clear();
  let ok = 0;
  const refused = new Map<number, number>();
  const before = cpu();
  for (const s of pool) {
    const res = await submit(s);
    if (res.statusCode === 200) ok++;
    else refused.set(res.statusCode, (refused.get(res.statusCode) ?? 0) + 1);
  }
  const micros = (cpu() - before) / pool.length;
  console.log(`${`report submit (${ok} ok)`.padEnd(36)}${micros.toFixed(0).padStart(7)} µs`);
  if (refused.size) console.log(`refused: ${JSON.stringify(Object.fromEntries(refused))}`);
}

if (process.env.BENCH_SQL) {
  const rows = [...sqlTimes].sort((a, b) => b[1].micros - a[1].micros).slice(0, 40);
  for (const [source, t] of rows)
    console.log(
      `${(t.micros / N).toFixed(0).padStart(6)} µs/req ${String(t.n).padStart(6)}×  ${source.replace(/\s+/g, ' ').slice(0, process.env.BENCH_SQL === 'full' ? 4000 : 160)}`,
    );
}
await app.close();
await db.close();
