// `npm run bench:http`: the request path measured against its ceilings, in one run on one machine.
// A child process (bench/http.server.ts) generates a database and serves Luoshi plus two ceilings
// from one process; this process signs in and drives 50 keep-alive connections on loopback at each
// route in turn (bounded in time and count), then prints requests/second, p50/p95/p99, each route as a
// fraction of both ceilings, and the server's peak RSS. Goals (issue 6 §4): the signed-in plans list at
// ≥ 60 % of the prepared-statement ceiling, /api/auth/me at ≥ 70 %, no p99 above 25 ms.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import type { ServerReady } from './http.server.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
// A hard cap per route besides the time bound (far above what this machine reaches in SECONDS).
const MAX_REQUESTS = 400_000;
const P99_GOAL_MS = 25;

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  // The server's CPU time per answered request: steadier than req/s on a machine shared with other work.
  cpuMicros: number;
}

export interface Target {
  name: string;
  url: string;
  cookie?: string;
  goal?: { of: 'page'; atLeast: number };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function load(
  child: ChildProcess,
  target: Target,
  seconds: number,
  connections = CONNECTIONS,
): Promise<Row> {
  const cpuBefore = await ask<{ micros: number }>(child, 'cpu');
  const times: number[] = [];
  let failures = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: target.url,
        connections,
        duration: seconds,
        maxOverallRequests: MAX_REQUESTS,
        headers: target.cookie ? { cookie: target.cookie } : {},
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    );
  });
  instance!.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    else failures++;
  });
  const result = await finished;
  const cpuAfter = await ask<{ micros: number }>(child, 'cpu');
  const sorted = Float64Array.from(times).sort();
  return {
    name: target.name,
    rps: times.length / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    failures: failures + result.errors,
    cpuMicros: (cpuAfter.micros - cpuBefore.micros) / Math.max(1, times.length + failures),
  };
}

function startServer(): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = fork(path.join(import.meta.dirname, 'http.server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    // The server logs every request as production does; the lines are not the bench's output.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start in 120 s')), 120_000);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    child.once('message', (msg: ServerReady) => {
      clearTimeout(timer);
      resolve({ child, ready: msg });
    });
  });
}

export function ask<T>(child: ChildProcess, kind: string, extra: object = {}): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (msg) => resolve(msg as T));
    child.send({ kind, ...extra });
  });
}

export async function signIn(base: string, password: string, username = 'staff'): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes('luoshi_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}

export async function expectOk(url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
const pct = (n: number) => `${(n * 100).toFixed(0)} %`.padStart(6);

export async function main(): Promise<boolean> {
  const { child, ready } = await startServer();
  try {
    const app = `http://127.0.0.1:${ready.appPort}`;
    const ceiling = `http://127.0.0.1:${ready.ceilingPort}`;
    const cookie = await signIn(app, ready.password);
    const planId = ready.provincePlanId;
    const targets: Target[] = [
      { name: 'ceiling: bare route', url: `${ceiling}/bare` },
      { name: 'ceiling: prepared page query', url: `${ceiling}/page` },
      { name: '/api/health', url: `${app}/api/health` },
      { name: '/api/health (signed in)', url: `${app}/api/health`, cookie },
      { name: '/api/auth/me', url: `${app}/api/auth/me`, cookie, goal: { of: 'page', atLeast: 0.7 } },
      {
        name: '/api/plans?limit=20',
        url: `${app}/api/plans?limit=20`,
        cookie,
        goal: { of: 'page', atLeast: 0.6 },
      },
      { name: `/api/plans/${planId}`, url: `${app}/api/plans/${planId}`, cookie },
      { name: `/api/plans/${planId}/coverage`, url: `${app}/api/plans/${planId}/coverage`, cookie },
    ];
    for (const t of targets) if (t.cookie) await expectOk(t.url, t.cookie);

    console.log(
      `${ready.plans} plans; ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARMUP_SECONDS} s warm-up; signed in as staff (province)`,
    );
    const rows: Row[] = [];
    // BENCH_ONLY=text runs the ceilings and the routes whose name contains it.
    const only = process.env.BENCH_ONLY;
    const chosen = only ? targets.filter((t, i) => i < 2 || t.name.includes(only)) : targets;
    for (const t of chosen) {
      await load(child, t, WARMUP_SECONDS);
      // BENCH_PROFILE=dir writes the server's CPU profile of each measured route there.
      const profileDir = process.env.BENCH_PROFILE;
      if (profileDir) child.send({ kind: 'profile-start' });
      rows.push(await load(child, t, SECONDS));
      if (profileDir) {
        const file = path.join(profileDir, `${t.name.replace(/[^\w]+/g, '_')}.cpuprofile`);
        await ask(child, 'profile-stop', { file });
      }
    }
    const { maxRssKb } = await ask<{ maxRssKb: number }>(child, 'rss');

    const bare = rows[0]!.rps;
    const page = rows[1]!.rps;
    console.log(
      `${'route'.padEnd(34)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'µs CPU'.padStart(8)}${'/bare'.padStart(7)}${'/page'.padStart(7)}  goal`,
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
      // The p99 goal is the product's: the ceilings only set the scale.
      if (i > 1 && r.p99 > P99_GOAL_MS)
        misses.push(`${r.name} p99 ${r.p99.toFixed(1)} ms > ${P99_GOAL_MS} ms`);
      if (r.failures) misses.push(`${r.name}: ${r.failures} failed requests`);
      console.log(
        `${r.name.padEnd(34)}${fmt(r.rps, 0)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}${fmt(r.cpuMicros, 0)}${pct(r.rps / bare)}${pct(r.rps / page)}  ${checks.join(' ')}`,
      );
    });
    console.log(`server peak RSS ${(maxRssKb / 1024).toFixed(0)} MB`);
    console.log(misses.length ? `goals missed: ${misses.join('; ')}` : 'all goals met');
    return misses.length === 0;
  } finally {
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(null);
      else child.once('exit', resolve);
    });
    if (child.connected) child.send({ kind: 'stop' });
    await exited;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
