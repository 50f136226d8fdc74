// The bulk part of `npm run bench:data`: a province's organisation (regions, units, users) and plans here,
// its tasks, reports and colour histories in bench/data.tasks.ts, written with raw prepared INSERTs in large
// transactions (the demo uses the services, which is right for a few hundred rows and far too slow for two
// million). The schema is the app's own (migrated before this runs), so the rows are the shapes the product
// reads.
import type SQLite from 'better-sqlite3';
import { CITIES, JINAN_COUNTIES, PROVINCE } from '../server/modules/demo/demo.data.ts';
import { inserter, pad, random, stampOf, type Progress } from './data.common.ts';
import type { Level } from './data.org.ts';
import { generateTasks } from './data.tasks.ts';

export interface Scale {
  countiesPerCity: number; // generated counties of each city besides Jinan (whose real counties are kept)
  unitsPerRegion: number; // units besides the 统战部
  usersPerUnit: number;
  ownTasksPerRegionYear: number;
  delegatedPerChild: number; // tasks a region assigns to each child region's 统战部
  childrenPerDelegated: number; // child tasks the child region decomposes each into
  casesPerYear: number; // cases of all four types over all regions (bench/data.cases.ts)
  // Issue 10 (bench/data.activities.ts, data.pairings.ts, data.training.ts; docs/decisions/bench-issue10-data.md).
  eventsPerYear: Record<Level, number>; // brand events a region's units organise in a year, by its level
  enterprises: number; // 工商联 member enterprises in the contacts directory
  pairingsPerYear: number; // 万企兴万村 pairings entered a year, on average (the campaign grows)
  coursesPerYear: Record<Level, number>; // courses of a region's yearly training plan, by its level
  contactTraineesPerUnit: number; // people without an account a unit may nominate, besides its users
}

export const SCALES: Record<'province' | 'small', Scale> = {
  province: {
    countiesPerCity: 8,
    unitsPerRegion: 12,
    usersPerUnit: 2.5,
    ownTasksPerRegionYear: 200,
    delegatedPerChild: 4,
    childrenPerDelegated: 3,
    casesPerYear: 5000,
    eventsPerYear: { province: 40, city: 24, county: 8 },
    enterprises: 3000,
    pairingsPerYear: 2400,
    coursesPerYear: { province: 12, city: 6, county: 3 },
    contactTraineesPerUnit: 3,
  },
  small: {
    countiesPerCity: 1,
    unitsPerRegion: 3,
    usersPerUnit: 1,
    ownTasksPerRegionYear: 30,
    delegatedPerChild: 2,
    childrenPerDelegated: 2,
    casesPerYear: 300,
    eventsPerYear: { province: 8, city: 4, county: 2 },
    enterprises: 150,
    pairingsPerYear: 150,
    coursesPerYear: { province: 3, city: 2, county: 1 },
    contactTraineesPerUnit: 1,
  },
};

// Deterministic (bench/data.common.ts), so two runs at one scale give the same database.
const rnd = random(7);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

export interface Region {
  code: string;
  path: string;
  children: Region[];
  dept: number; // the region's 统战部
  units: number[];
}

const STAMP = '2026-01-01T09:00:00.000+08:00';
const UNIT_KINDS = ['member_unit', 'government', 'party', 'federation', 'office'];

export function generate(
  conn: SQLite.Database,
  scale: Scale,
  years: number[],
  today: string,
  progress: Progress,
): Record<string, number> {
  const insert = inserter(conn);
  const counts: Record<string, number> = {};

  // Regions: the seeded province, cities and Jinan's counties, plus generated counties for the other cities.
  const stage = 'regions, units, users';
  const deptOf = new Map<string, number>(
    (
      conn.prepare(`select region_code, id from units where kind = 'department'`).all() as Array<{
        region_code: string;
        id: number;
      }>
    ).map((r) => [r.region_code, r.id]),
  );
  const addRegion = insert('regions', [
    'code',
    'name',
    'level',
    'parent_code',
    'path',
    'status',
    'created_at',
    'updated_at',
  ]);
  const addUnit = insert('units', [
    'region_code',
    'name',
    'kind',
    'parent_id',
    'status',
    'created_at',
    'updated_at',
  ]);
  const province: Region = { code: PROVINCE.code, path: PROVINCE.code, children: [], dept: 0, units: [] };
  conn.transaction(() => {
    for (const [cityCode, cityName] of CITIES) {
      const city: Region = {
        code: cityCode,
        path: `${PROVINCE.code}/${cityCode}`,
        children: [],
        dept: 0,
        units: [],
      };
      province.children.push(city);
      const counties: ReadonlyArray<readonly [string, string]> =
        cityCode === '370100'
          ? JINAN_COUNTIES
          : Array.from({ length: scale.countiesPerCity }, (_, i) => [
              `${cityCode.slice(0, 4)}${pad(i + 2)}`,
              `${cityName}第${i + 1}区`,
            ]);
      for (const [code, name] of counties) {
        const path = `${city.path}/${code}`;
        if (cityCode !== '370100') {
          addRegion.run(code, name, 'county', cityCode, path, 'active', STAMP, STAMP);
          const dept = addUnit.run(
            code,
            `中共${cityName}${name}委统战部`,
            'department',
            null,
            'active',
            STAMP,
            STAMP,
          );
          deptOf.set(code, Number(dept.lastInsertRowid));
        }
        city.children.push({ code, path, children: [], dept: 0, units: [] });
      }
    }
  })();
  const all: Region[] = [province, ...province.children, ...province.children.flatMap((c) => c.children)];
  const existing = conn.prepare(`select id from units where region_code = ? and kind <> 'department'`);
  conn.transaction(() => {
    for (const r of all) {
      r.dept = deptOf.get(r.code)!;
      r.units = (existing.all(r.code) as Array<{ id: number }>).map((u) => u.id);
      for (let i = r.units.length; i < scale.unitsPerRegion; i++) {
        const id = addUnit.run(
          r.code,
          `${r.code}单位${i + 1}`,
          pick(UNIT_KINDS),
          null,
          'active',
          STAMP,
          STAMP,
        );
        r.units.push(Number(id.lastInsertRowid));
      }
    }
  })();
  counts.regions = all.length;

  // Users: staff of each 统战部, handlers of each unit, one shared password hash (the bench's own password).
  const { hash } = conn.prepare(`select password_hash as hash from users where username = 'staff'`).get() as {
    hash: string;
  };
  const addUser = insert('users', [
    'username',
    'display_name',
    'unit_id',
    'region_code',
    'status',
    'password_hash',
    'password_changed_at',
    'must_change_password',
    'failed_logins',
    'totp_enabled',
    'created_at',
    'updated_at',
  ]);
  const addRole = insert('user_roles', ['user_id', 'role']);
  let users = 0;
  conn.transaction(() => {
    for (const r of all)
      for (const unit of [r.dept, ...r.units]) {
        const n = Math.max(1, Math.round(scale.usersPerUnit * (0.5 + rnd())));
        for (let k = 0; k < n; k++) {
          const u = addUser.run(
            `b${unit}_${k}`,
            `用户${unit}-${k}`,
            unit,
            r.code,
            'active',
            hash,
            // Changed on the day of generation: the bench signs in as these users, within the expiry.
            stampOf(today),
            0,
            0,
            0,
            STAMP,
            STAMP,
          );
          addRole.run(Number(u.lastInsertRowid), unit === r.dept ? 'staff' : 'handler');
          users++;
        }
      }
  })();
  counts.users = users;
  progress(stage, 1, 1);

  // Plans: one published 工作要点 per region and year with a small outline (three sections of three items).
  const addPlan = insert('plans', [
    'region_code',
    'year',
    'title',
    'status',
    'outline_meta',
    'source_text',
    'created_at',
    'updated_at',
    'published_at',
  ]);
  const addItem = insert('plan_items', [
    'plan_id',
    'parent_id',
    'position',
    'ord',
    'depth',
    'number',
    'heading',
    'body',
    'lead',
    'cooperating',
    'brand_activities',
    'proposed_tasks',
    'search_tokens',
  ]);
  const meta = JSON.stringify({ preamble: '', closing: '', brandActivities: [], removed: [], warnings: [] });
  const plans = new Map<string, { id: number; items: Array<[number, number]> }>();
  conn.transaction(() => {
    for (const year of years)
      for (const r of all) {
        const title = `${year}年统战工作要点`;
        const id = Number(
          addPlan.run(r.code, year, title, 'published', meta, title, STAMP, STAMP, STAMP).lastInsertRowid,
        );
        const items: Array<[number, number]> = [];
        let ord = 0;
        for (const [i, number] of ['一', '二', '三'].entries()) {
          const section = Number(
            addItem.run(id, null, i, ord++, 0, number, `第${number}部分`, '', '[]', '[]', '[]', '[]', '')
              .lastInsertRowid,
          );
          for (let k = 0; k < 3; k++) {
            const body = '加强思想政治引领，凝聚共识，服务发展大局。';
            const item = addItem.run(
              id,
              section,
              k,
              ord++,
              1,
              null,
              `要点 ${i + 1}.${k + 1}`,
              body,
              '[]',
              '[]',
              '[]',
              '[]',
              '',
            );
            items.push([Number(item.lastInsertRowid), section]);
          }
        }
        plans.set(`${r.code}:${year}`, { id, items });
      }
  })();
  counts.plans = plans.size;

  return { ...counts, ...generateTasks(conn, { scale, years, today, all, plans, rnd, progress }) };
}
