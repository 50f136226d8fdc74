// The bulk part of `npm run bench:data`: a province's organisation, plans, tasks, reports and colour
// histories written with raw prepared INSERTs in large transactions (the demo uses the services, which is
// right for a few hundred rows and far too slow for two million). The schema is the app's own (migrated
// before this runs), so the rows are the shapes the product reads.
import type SQLite from 'better-sqlite3';
import { CITIES, JINAN_COUNTIES, PROVINCE } from '../server/modules/demo/demo.data.ts';

export interface Scale {
  countiesPerCity: number; // generated counties of each city besides Jinan (whose real counties are kept)
  unitsPerRegion: number; // units besides the 统战部
  usersPerUnit: number;
  ownTasksPerRegionYear: number;
  delegatedPerChild: number; // tasks a region assigns to each child region's 统战部
  childrenPerDelegated: number; // child tasks the child region decomposes each into
  casesPerYear: number; // cases of all four types over all regions (bench/data.cases.ts)
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
  },
  small: {
    countiesPerCity: 1,
    unitsPerRegion: 3,
    usersPerUnit: 1,
    ownTasksPerRegionYear: 30,
    delegatedPerChild: 2,
    childrenPerDelegated: 2,
    casesPerYear: 300,
  },
};

// A small deterministic generator, so two runs at one scale give the same database.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(7);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

interface Region {
  code: string;
  path: string;
  children: Region[];
  dept: number; // the region's 统战部
  units: number[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const STAMP = '2026-01-01T09:00:00.000+08:00';
const stampOf = (date: string) => `${date}T09:00:00.000+08:00`;
const UNIT_KINDS = ['member_unit', 'government', 'party', 'federation', 'office'];

export type Progress = (stage: string, done: number, total: number) => void;

export function generate(
  conn: SQLite.Database,
  scale: Scale,
  years: number[],
  today: string,
  progress: Progress,
): Record<string, number> {
  const insert = (table: string, cols: string[]) =>
    conn.prepare(`insert into ${table} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
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

  // Tasks with their reports and colour histories, one transaction per region and year.
  const addTask = insert('tasks', [
    'year',
    'region_code',
    'region_path',
    'manager_region_code',
    'manager_region_path',
    'plan_id',
    'plan_item_id',
    'plan_section_id',
    'parent_id',
    'depth',
    'source',
    'title',
    'lead_unit_id',
    'start_date',
    'due_date',
    'cycle',
    'status',
    'progress',
    'health',
    'health_reasons',
    'health_changed_at',
    'child_count',
    'created_at',
    'updated_at',
  ]);
  const addCooperator = insert('task_cooperators', ['task_id', 'unit_id']);
  const addReport = insert('progress_reports', [
    'task_id',
    'period_key',
    'period_start',
    'period_end',
    'due_date',
    'region_path',
    'manager_region_path',
    'lead_unit_id',
    'status',
    'percent',
    'narrative',
    'late',
    'submitted_at',
    'reviewed_at',
    'returned_at',
    'created_at',
    'updated_at',
  ]);
  const addHistory = insert('task_health_history', ['task_id', 'at', 'health', 'reasons']);
  // 督办单: one on each red task of the current year and on one yellow task in ten, issued by the province
  // staff account, in every state of its life (the notice list is benchmarked on them).
  const addNotice = insert('notices', [
    'task_id',
    'level',
    'status',
    'reason',
    'requirements',
    'response_due',
    'fix_due',
    'active_due',
    'region_code',
    'region_path',
    'manager_region_code',
    'manager_region_path',
    'lead_unit_id',
    'issued_by',
    'issuer_name',
    'issued_at',
    'rating',
    'closed_at',
    'created_at',
    'updated_at',
  ]);
  const issuer = (conn.prepare(`select id from users where username = 'staff'`).get() as { id: number }).id;
  const NOTICE_STATES = ['issued', 'signed', 'responded', 'rectifying', 'done_reported', 'closed'] as const;
  let notices = 0;
  const currentYear = Number(today.slice(0, 4));
  const currentMonth = Number(today.slice(5, 7));
  let tasks = 0;
  let reports = 0;
  let histories = 0;
  const REASONS: Record<string, string> = {
    green: '[]',
    yellow: JSON.stringify([{ code: 'REPORT_DUE_SOON', message: '本期进度即将到期' }]),
    red: JSON.stringify([{ code: 'REPORT_OVERDUE', message: '逾期未报送进度' }]),
    none: JSON.stringify([{ code: 'COMPLETED', message: '任务已办结，不再亮灯' }]),
  };

  function task(
    year: number,
    r: Region,
    manager: Region,
    lead: number,
    parent: number | null,
    depth: number,
    children: number,
  ) {
    const current = year === currentYear;
    const plan = plans.get(`${manager.code}:${year}`)!;
    const [itemId, sectionId] = pick(plan.items);
    const roll = rnd();
    const status = current
      ? roll < 0.1
        ? 'assigned'
        : roll < 0.95
          ? 'accepted'
          : 'completion_requested'
      : 'completed';
    const health = !current ? 'none' : roll < 0.7 ? 'green' : roll < 0.9 ? 'yellow' : 'red';
    const lastMonth = current ? currentMonth - 1 : 12;
    const id = Number(
      addTask.run(
        year,
        r.code,
        r.path,
        manager.code,
        manager.path,
        plan.id,
        itemId,
        sectionId,
        parent,
        depth,
        rnd() < 0.85 ? 'plan' : pick(['leader', 'meeting', 'other']),
        `${year}年${pick(['推进', '落实', '开展', '加强', '深化'])}${pick(['民主党派', '党外知识分子', '民族宗教', '新的社会阶层', '非公有制经济', '港澳台海外'])}工作第${tasks + 1}项`,
        lead,
        `${year}-01-15`,
        `${year}-12-${current && rnd() < 0.3 ? '15' : '31'}`,
        'monthly',
        status,
        current ? Math.round((lastMonth / 12) * 100 * (0.6 + 0.4 * rnd())) : 100,
        health,
        REASONS[health]!,
        stampOf(`${year}-${pad(Math.max(1, lastMonth))}-06`),
        children,
        stampOf(`${year}-01-10`),
        stampOf(`${year}-${pad(Math.max(1, lastMonth))}-06`),
      ).lastInsertRowid,
    );
    tasks++;
    if (rnd() < 0.3) {
      const other = pick(r.units);
      if (other !== lead) addCooperator.run(id, other);
    }
    for (let m = 1; m <= lastMonth; m++) {
      const start = `${year}-${pad(m)}-01`;
      const end = `${year}-${pad(m)}-${pad(new Date(Date.UTC(year, m, 0)).getUTCDate())}`;
      const due = m === 12 ? `${year + 1}-01-05` : `${year}-${pad(m + 1)}-05`;
      const latest = current && m === lastMonth;
      const x = rnd();
      // The latest period of this year is still open for some; earlier ones are mostly accepted.
      const st = latest
        ? x < 0.4
          ? 'due'
          : x < 0.5
            ? 'draft'
            : x < 0.8
              ? 'submitted'
              : 'accepted'
        : x < 0.97
          ? 'accepted'
          : x < 0.99
            ? 'returned'
            : 'due';
      const late = st !== 'due' && rnd() < 0.1 ? 1 : 0;
      const submitted = st === 'due' || st === 'draft' ? null : stampOf(late ? due : `${due.slice(0, 8)}03`);
      addReport.run(
        id,
        `${year}-${pad(m)}`,
        start,
        end,
        due,
        r.path,
        manager.path,
        lead,
        st,
        st === 'due' ? null : Math.round((m / 12) * 100),
        st === 'due' ? '' : '按计划推进，完成本月各项工作。',
        late,
        submitted,
        st === 'accepted' ? submitted : null,
        st === 'returned' ? submitted : null,
        stampOf(`${end}`),
        submitted ?? stampOf(end),
      );
      reports++;
    }
    if (current && (health === 'red' || (health === 'yellow' && rnd() < 0.1))) {
      const state = pick([...NOTICE_STATES]);
      const issued = `${year}-${pad(Math.max(1, lastMonth))}-08`;
      const responseDue = `${year}-${pad(Math.max(1, lastMonth))}-15`;
      const fixDue = ['rectifying', 'done_reported', 'closed'].includes(state) ? `${year}-12-20` : null;
      const activeDue =
        state === 'issued' || state === 'signed' ? responseDue : state === 'rectifying' ? fixDue : null;
      addNotice.run(
        id,
        rnd() < 0.6 ? 'general' : rnd() < 0.8 ? 'key' : 'listed',
        state,
        '进度滞后，未按期报送',
        '请于期限内反馈整改措施和整改时限',
        responseDue,
        fixDue,
        activeDue,
        r.code,
        r.path,
        manager.code,
        manager.path,
        lead,
        issuer,
        '李明',
        stampOf(issued),
        state === 'closed' ? 'good' : null,
        state === 'closed' ? stampOf(issued) : null,
        stampOf(issued),
        stampOf(issued),
      );
      notices++;
    }
    addHistory.run(id, stampOf(`${year}-01-15`), 'green', '[]');
    histories++;
    if (health !== 'green') {
      addHistory.run(id, stampOf(`${year}-${pad(Math.max(1, lastMonth))}-06`), health, REASONS[health]!);
      histories++;
    }
    return id;
  }

  const totalSteps = years.length * all.length;
  let step = 0;
  for (const year of years)
    for (const r of all) {
      conn.transaction(() => {
        for (let i = 0; i < scale.ownTasksPerRegionYear; i++)
          task(year, r, r, pick([r.dept, ...r.units]), null, 0, 0);
        // Assigned to each child region's 统战部 and decomposed there into child tasks.
        for (const child of r.children)
          for (let i = 0; i < scale.delegatedPerChild; i++) {
            const parent = task(year, child, r, child.dept, null, 0, scale.childrenPerDelegated);
            for (let k = 0; k < scale.childrenPerDelegated; k++)
              task(year, child, child, pick(child.units), parent, 1, 0);
          }
      })();
      progress('tasks, reports, colour histories', ++step, totalSteps);
    }
  counts.tasks = tasks;
  counts.progress_reports = reports;
  counts.task_health_history = histories;
  counts.notices = notices;
  return counts;
}
