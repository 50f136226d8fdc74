// Report submissions in bench:tasks (bench/tasks.bench.ts): under load at 50 connections, and at a steady
// rate beside the city list's readers (a busy month's end).
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import autocannon from 'autocannon';
import { ask, load, type Row, type Target } from './http.bench.ts';
import type { TasksServerReady } from './tasks.server.ts';

// The list read while this many reports a second are submitted (a busy month's end: 2,000 units reporting
// within the last working days is a few a second).
export const WRITES_PER_SECOND = 20;
export const LIST_DURING_WRITES = 'list: city staff, with writes';

export type Submission = TasksServerReady['submissions'][number];
export interface Writer {
  cookie: string;
  csrf: string;
}

/** Signs in for writing: the session cookie and the CSRF token every state-changing request carries. */
export async function signInToWrite(base: string, username: string, password: string): Promise<Writer> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes('luoshi_session='));
  const { csrfToken } = (await res.json()) as { csrfToken?: string };
  if (!cookie || !csrfToken) throw new Error(`sign-in of ${username} set no session or CSRF token`);
  return { cookie: cookie.split(';')[0]!, csrf: csrfToken };
}

export const submitHeaders = (w: Writer, s: Submission) => ({
  'content-type': 'application/json',
  cookie: w.cookie,
  'x-csrf-token': w.csrf,
  'if-match': `"${s.version}"`,
  'idempotency-key': crypto.randomUUID(),
});

/**
 * Report submission under load: each request submits a different open report (a fresh period, so each is
 * a real write), as its unit's handler, with If-Match (the row's version) and a new Idempotency-Key. Stops
 * when the time is up or the open reports run out.
 */
export async function loadSubmissions(
  child: ChildProcess,
  app: string,
  pool: Submission[],
  writers: Map<number, Writer>,
  seconds: number,
): Promise<Row> {
  const cpuBefore = await ask<{ micros: number }>(child, 'cpu');
  const times: number[] = [];
  let failures = 0;
  let next = 0;
  const body = JSON.stringify({ percent: 50, narrative: '按计划推进，本期完成走访调研' });
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: app,
        connections: 50,
        duration: seconds,
        maxOverallRequests: pool.length,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const s = pool[next++ % pool.length]!;
              return {
                ...req,
                path: `/api/tasks/${s.taskId}/reports/${s.periodKey}/submit`,
                headers: submitHeaders(writers.get(s.unit)!, s),
                body,
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    );
  });
  const refused = new Map<number, number>();
  instance!.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    else {
      failures++;
      refused.set(statusCode, (refused.get(statusCode) ?? 0) + 1);
    }
  });
  const result = await finished;
  if (refused.size) console.log(`report submit refused: ${JSON.stringify(Object.fromEntries(refused))}`);
  const cpuAfter = await ask<{ micros: number }>(child, 'cpu');
  const sorted = Float64Array.from(times).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return {
    name: `report submit (${times.length} writes)`,
    rps: times.length / result.duration,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    failures: failures + result.errors,
    cpuMicros: (cpuAfter.micros - cpuBefore.micros) / Math.max(1, times.length + failures),
  };
}

/**
 * The city staff's list read at 50 connections while reports are submitted at a steady rate alongside
 * (WRITES_PER_SECOND, each a real submission as in the submission row). Every write empties the read
 * caches (docs/decisions/read-cache.md), so the list row shows what the list costs when its pages are read
 * afresh, as on a busy reporting day, rather than served again. The submissions' own times make a second
 * row: what a unit submitting on that day waits (docs/decisions/report-submit-goal.md).
 */
export async function listDuringWrites(
  child: ChildProcess,
  target: Target,
  app: string,
  pool: Submission[],
  writers: Map<number, Writer>,
  seconds: number,
): Promise<{ list: Row; writes: Row }> {
  const times: number[] = [];
  const refused: number[] = [];
  const body = JSON.stringify({ percent: 60, narrative: '按计划推进，本期完成走访调研' });
  const timer = setInterval(() => {
    const s = pool.shift();
    if (!s) return;
    const url = `${app}/api/tasks/${s.taskId}/reports/${s.periodKey}/submit`;
    const started = performance.now();
    void fetch(url, { method: 'POST', headers: submitHeaders(writers.get(s.unit)!, s), body }).then(
      async (res) => {
        await res.arrayBuffer();
        if (res.ok) times.push(performance.now() - started);
        else refused.push(res.status);
      },
      () => refused.push(0),
    );
  }, 1000 / WRITES_PER_SECOND);
  try {
    const row = await load(child, target, seconds);
    if (refused.length) console.log(`${target.name}: submissions refused ${JSON.stringify(refused)}`);
    const sorted = Float64Array.from(times).sort();
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
    return {
      list: {
        ...row,
        name: `list: city staff, ${times.length} writes`,
        failures: row.failures + refused.length,
      },
      writes: {
        name: `report submit: ${WRITES_PER_SECOND}/s beside it`,
        rps: times.length / seconds,
        p50: at(50),
        p95: at(95),
        p99: at(99),
        failures: refused.length,
        // The server's CPU is shared with the list's readers here: the submission row has its own.
        cpuMicros: NaN,
      },
    };
  } finally {
    clearInterval(timer);
  }
}
