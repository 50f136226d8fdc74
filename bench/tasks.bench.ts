// `npm run bench:tasks [-- --db FILE]`: the task routes under load on a province made by
// `npm run bench:data`, against the ceilings of bench:http (a bare route, and the task list's page as one
// prepared statement), measured in the same run by the same server process. Each route is driven by a
// user of a realistic role and scope at 50 connections; one route again at 200 connections must answer
// without an error. Goals (issue 7 §8): the scoped task list at ≥ 60 % of the prepared-statement ceiling
// with p95 under 25 ms; server RSS under 300 MB.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { expectOk, load, ask, signIn, type Row, type Target } from './http.bench.ts';
import type { TasksServerReady } from './tasks.server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
const LIST_P95_GOAL_MS = 25;
const RSS_GOAL_MB = 300;

interface TaskTarget extends Target {
  connections?: number;
  p95GoalMs?: number;
}

function startServer(file: string): Promise<{ child: ChildProcess; ready: TasksServerReady }> {
  const child = fork(path.join(import.meta.dirname, 'tasks.server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DB: file },
    // The server logs every request as production does; the lines are not the bench's output.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start in 120 s')), 120_000);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.once('message', (msg: TasksServerReady) => {
      clearTimeout(timer);
      resolve({ child, ready: msg });
    });
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
const pct = (n: number) => `${(n * 100).toFixed(0)} %`.padStart(6);

async function main() {
  const { values } = parseArgs({ options: { db: { type: 'string', default: 'bench-data/province.db' } } });
  const file = path.resolve(values.db);
  if (!fs.existsSync(file)) {
    console.error(`${file} does not exist: run \`npm run bench:data -- --scale province\` first`);
    process.exitCode = 2;
    return;
  }
  const { child, ready } = await startServer(file);
  try {
    const app = `http://127.0.0.1:${ready.appPort}`;
    const ceiling = `http://127.0.0.1:${ready.ceilingPort}`;
    const province = await signIn(app, ready.passwords.staff!, 'staff');
    const city = await signIn(app, ready.passwords.jinan_staff!, 'jinan_staff');
    const handler = await signIn(app, ready.passwords.handler!, 'handler');
    const y = ready.year;
    const list = { goal: { of: 'page' as const, atLeast: 0.6 }, p95GoalMs: LIST_P95_GOAL_MS };
    const targets: TaskTarget[] = [
      { name: 'ceiling: bare route', url: `${ceiling}/bare` },
      { name: 'ceiling: prepared page query', url: `${ceiling}/page` },
      { name: 'list: city staff, year', url: `${app}/api/tasks?year=${y}&limit=20`, cookie: city, ...list },
      {
        name: 'list: city staff, year+red',
        url: `${app}/api/tasks?year=${y}&health=red&limit=20`,
        cookie: city,
        ...list,
      },
      {
        name: 'list: province staff, year',
        url: `${app}/api/tasks?year=${y}&limit=20`,
        cookie: province,
        ...list,
      },
      {
        name: 'list: province, year+status+due',
        url: `${app}/api/tasks?year=${y}&status=accepted&sort=due&limit=20`,
        cookie: province,
        ...list,
      },
      { name: 'list: handler (own unit)', url: `${app}/api/tasks?year=${y}&limit=20`, cookie: handler },
      { name: `task page /api/tasks/${ready.taskId}`, url: `${app}/api/tasks/${ready.taskId}`, cookie: city },
      { name: 'inbox (handler)', url: `${app}/api/inbox`, cookie: handler },
      { name: 'inbox unread count (city staff)', url: `${app}/api/inbox/unread-count`, cookie: city },
      {
        name: 'list: city staff @200 conns',
        url: `${app}/api/tasks?year=${y}&limit=20`,
        cookie: city,
        connections: 200,
      },
    ];
    for (const t of targets) if (t.cookie) await expectOk(t.url, t.cookie);

    console.log(
      `${ready.tasks.toLocaleString('en')} tasks, ${ready.reports.toLocaleString('en')} progress reports; 50 connections unless noted, ${SECONDS} s per route after ${WARMUP_SECONDS} s warm-up`,
    );
    console.log(
      '(not measured: 工作台, not-reported board and report submission — their routes are not on main yet)',
    );
    const only = process.env.BENCH_ONLY;
    const chosen = only ? targets.filter((t, i) => i < 2 || t.name.includes(only)) : targets;
    const rows: Row[] = [];
    for (const t of chosen) {
      await load(child, t, WARMUP_SECONDS, t.connections);
      rows.push(await load(child, t, SECONDS, t.connections));
    }
    const { maxRssKb } = await ask<{ maxRssKb: number }>(child, 'rss');

    const bare = rows[0]!.rps;
    const page = rows[1]!.rps;
    console.log(
      `${'route'.padEnd(36)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'errors'.padStart(8)}${'/bare'.padStart(7)}${'/page'.padStart(7)}  goal`,
    );
    const misses: string[] = [];
    rows.forEach((r, i) => {
      const t = chosen[i]!;
      const checks: string[] = [];
      if (t.goal) {
        const ok = r.rps / page >= t.goal.atLeast;
        checks.push(`${ok ? 'PASS' : 'MISS'} ≥ ${t.goal.atLeast * 100} % page`);
        if (!ok) misses.push(`${r.name} below ${t.goal.atLeast * 100} % of the page ceiling`);
      }
      if (t.p95GoalMs !== undefined) {
        const ok = r.p95 < t.p95GoalMs;
        checks.push(`${ok ? 'PASS' : 'MISS'} p95 < ${t.p95GoalMs} ms`);
        if (!ok) misses.push(`${r.name} p95 ${r.p95.toFixed(1)} ms`);
      }
      if (r.failures) misses.push(`${r.name}: ${r.failures} failed requests`);
      console.log(
        `${r.name.padEnd(36)}${fmt(r.rps, 0)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}${String(r.failures).padStart(8)}${pct(r.rps / bare)}${pct(r.rps / page)}  ${checks.join(' ')}`,
      );
    });
    const rssMb = maxRssKb / 1024;
    if (rssMb >= RSS_GOAL_MB) misses.push(`server peak RSS ${rssMb.toFixed(0)} MB`);
    console.log(`server peak RSS ${rssMb.toFixed(0)} MB (goal < ${RSS_GOAL_MB} MB)`);
    console.log(misses.length ? `goals missed: ${misses.join('; ')}` : 'all goals met');
  } finally {
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(null);
      else child.once('exit', resolve);
    });
    if (child.connected) child.send({ kind: 'stop' });
    await exited;
  }
}

await main();
