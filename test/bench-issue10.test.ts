// Issue 10's records of `npm run bench:data` (bench/data.activities.ts, data.pairings.ts, data.training.ts)
// on a small province, read back through the product: each route bench:tasks measures answers as its
// reader, its figures agree with the rows, and the rows keep the invariants the services keep (versions
// and timelines, money in 分, follow-ups only on projects, villages as the directory names them, places
// within quota, credits equal to the hours attended). SQLite only: bench:data writes a SQLite file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsFileOf, federationContactOf, type BenchAccounts } from '../bench/accounts.ts';
import { generateDatabase } from '../bench/data.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import type { Db } from '../server/db/connect.ts';
import { wanToFen } from '../server/modules/activities/activity.money.ts';
import { findVillage, regionCodesOf } from '../server/modules/pairings/villages/village.directory.ts';
import { openDatabase } from '../server/runtime.ts';

const YEAR = new Date().getFullYear();
let file = '';
let conn: SQLite.Database;
let db: Db;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let counts: Record<string, number> = {};

const all = <T>(query: string, ...args: unknown[]) => conn.prepare(query).all(...args) as T[];
const one = <T>(query: string, ...args: unknown[]) => conn.prepare(query).get(...args) as T;

async function get<T>(who: string, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
  expect(res.statusCode, `${url} as ${who}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json<T>();
}

beforeAll(async () => {
  file = path.join(os.tmpdir(), `luoshi-bench10-${crypto.randomUUID()}.db`);
  counts = await generateDatabase(file, 'small', 2, () => {});
  conn = new SQLite(file, { readonly: true });
  const accounts = JSON.parse(fs.readFileSync(accountsFileOf(file), 'utf8')) as BenchAccounts;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: file,
    DATA_DIR: path.dirname(file),
    SECRET_KEY: accounts.secretKey,
    TOTP_REQUIRED_FOR_BUSINESS: 'false',
    LOG_LEVEL: 'silent',
  });
  db = await openDatabase(config);
  ({ app } = await buildApp({ config, db, secretKey: Buffer.from(accounts.secretKey, 'hex') }));
  const signIn = async (who: string, username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    cookies[who] = String(res.headers['set-cookie']).split(';')[0]!;
  };
  await signIn('province', 'staff', accounts.passwords.staff!);
  await signIn('city', 'jinan_staff', accounts.passwords.jinan_staff!);
  await signIn('federation', federationContactOf(conn), accounts.passwords.staff!);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  conn?.close();
  for (const suffix of ['', '-wal', '-shm', '.accounts.json']) fs.rmSync(`${file}${suffix}`, { force: true });
});

describe('bench:data issue 10 records (small province)', () => {
  it('prints the volumes of every kind', () => {
    for (const k of [
      'activity_events',
      'activity_outcomes',
      'signed_projects',
      'pairings',
      'pairing_updates',
    ])
      expect(counts[k], k).toBeGreaterThan(0);
    for (const k of ['training_courses', 'training_nominations', 'training_attendance', 'training_credits'])
      expect(counts[k], k).toBeGreaterThan(0);
    expect(one<{ n: number }>('select count(*) as n from activity_outcomes').n).toBe(
      counts.activity_outcomes,
    );
    expect(one<{ n: number }>('select count(*) as n from pairings').n).toBe(counts.pairings);
  });

  it('events: the list and the totals agree with the rows; versions and timelines as the services keep them', async () => {
    const list = await get<{ total: number; counts: Record<string, number> }>(
      'province',
      `/api/activity-events?year=${YEAR}`,
    );
    expect(list.total).toBe(
      one<{ n: number }>('select count(*) as n from activity_events where year = ?', YEAR).n,
    );
    const { totals } = await get<{ totals: { projects: number; amountWan: string } }>(
      'province',
      `/api/activity-totals?year=${YEAR}`,
    );
    const sums = one<{ n: number; fen: number }>(
      `select count(*) as n, sum(o.amount_fen) as fen from activity_outcomes o
         join activity_events e on e.id = o.event_id where o.kind = 'project' and e.year = ?`,
      YEAR,
    );
    expect(totals.projects).toBe(sums.n);
    expect(wanToFen(totals.amountWan)).toBe(sums.fen ?? 0);
    await get('city', `/api/activity-events?year=${YEAR}`);
    await get('city', `/api/activity-totals?year=${YEAR}`);
    // Each transition and checklist change moved the event's version once and wrote its timeline entry.
    const drift = all(
      `select e.id from activity_events e
        where e.version <> 1 + (select count(*) from activity_event_log l where l.event_id = e.id
                                 and l.action in ('transition', 'checklist_add', 'checklist_done'))
           or e.state <> coalesce((select l.to_state from activity_event_log l where l.event_id = e.id
                                    and l.to_state is not null order by l.id desc limit 1), '')`,
    );
    expect(drift).toEqual([]);
    // Outcomes only on held events; follow-ups only on projects; a project's history row per edit.
    expect(
      all(`select o.id from activity_outcomes o join activity_events e on e.id = o.event_id
            where e.state in ('planned', 'preparing')
               or (o.kind = 'project' and (o.amount_fen is null or o.status is null or o.quantity <> 1
                   or o.version <> (select count(*) from activity_project_history h where h.outcome_id = o.id)))
               or (o.kind <> 'project' and (o.amount_fen is not null
                   or exists (select 1 from activity_followups f where f.outcome_id = o.id)))`),
    ).toEqual([]);
  });

  it('pairings: villages as the directory names them, figures as their last update, the routes agree', async () => {
    const regions = new Set(all<{ code: string }>('select code from regions').map((r) => r.code));
    const rows = all<{ village_code: string; village_names: string; region_code: string }>(
      'select village_code, village_names, region_code from pairings',
    );
    for (const p of rows) {
      expect(JSON.parse(p.village_names)).toEqual(findVillage(p.village_code)?.names);
      expect(p.region_code).toBe(regionCodesOf(p.village_code).find((c) => regions.has(c)));
    }
    expect(
      all(`select p.id from pairings p
            where p.status <> 'approved' and exists (select 1 from pairing_updates u where u.pairing_id = p.id)
               or exists (select 1 from pairing_updates u where u.pairing_id = p.id
                           and u.id = (select max(id) from pairing_updates where pairing_id = p.id)
                           and (u.invested_fen <> p.invested_fen or u.stage <> p.stage))`),
    ).toEqual([]);
    const stats = await get<{ totals: { pairings: number; investedWan: string } }>(
      'province',
      `/api/pairings/statistics?year=${YEAR}&area=37`,
    );
    const approved = one<{ n: number }>(
      `select count(*) as n from pairings where year = ? and status = 'approved'`,
      YEAR,
    );
    expect(stats.totals.pairings).toBe(approved.n);
    const fed = one<{ unit: number }>(
      `select unit_id as unit from users where username = ?`,
      federationContactOf(conn),
    ).unit;
    const ledger = await get<{ counts: Record<string, number> }>(
      'federation',
      `/api/pairings?year=${YEAR}&limit=20`,
    );
    const theirs = one<{ n: number }>(
      'select count(*) as n from pairings where year = ? and federation_unit_id = ?',
      YEAR,
      fed,
    );
    expect(Object.values(ledger.counts).reduce((a, b) => a + b, 0)).toBe(theirs.n);
    expect(theirs.n).toBeGreaterThan(0);
    await get('federation', `/api/pairings/statistics?year=${YEAR}&area=37`);
    await get('province', `/api/pairings?year=${YEAR}&limit=20`);
  });

  it('training: places within quota, credits equal to the hours attended, the summaries agree', async () => {
    expect(
      all(`select p.course_id from training_unit_places p join training_courses c on c.id = p.course_id
            where p.used > c.places_per_unit
               or p.used <> (select count(*) from training_nominations n where n.course_id = p.course_id
                              and n.unit_id = p.unit_id and n.status <> 'refused')`),
    ).toEqual([]);
    expect(
      all(`select cr.course_id from training_credits cr join training_courses c on c.id = cr.course_id
            where c.status <> 'closed'
               or cr.hours_tenths <> (select sum(s.hours_tenths) from training_attendance a
                                        join training_sessions s on s.id = a.session_id
                                       where a.course_id = cr.course_id and a.person_id = cr.person_id)`),
    ).toEqual([]);
    // Each person's hours kept on write agree with their credits summed afresh.
    expect(
      all(`select h.person_id from training_person_hours h
            where h.tenths <> coalesce((select sum(cr.hours_tenths) from training_credits cr
                                          where cr.person_id = h.person_id and cr.year = h.year), 0)`),
    ).toEqual([]);
    const units = await get<{ totals: { people: number; short: number } }>(
      'province',
      `/api/training/units?year=${YEAR}`,
    );
    const short = await get<{ total: number }>('province', `/api/training/people?year=${YEAR}&short=true`);
    expect(units.totals.short).toBe(short.total);
    expect(units.totals.people).toBe(
      one<{ n: number }>(
        `select count(distinct n.person_id) as n from training_nominations n
           join training_courses c on c.id = n.course_id join training_plans p on p.id = c.plan_id
          where n.status = 'approved' and p.year = ?`,
        YEAR,
      ).n,
    );
  });
});
