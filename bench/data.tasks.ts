// The tasks of `npm run bench:data` (issue 7 §8): each region's own tasks of each year and the tasks it
// assigns to its child regions' 统战部, decomposed there into child tasks; their monthly progress reports,
// colour histories and the 督办单 on this year's red ones. Raw prepared INSERTs in one transaction per region
// and year (bench/data.generate.ts made the regions, units, users and plans they belong to).
import type SQLite from 'better-sqlite3';
import { inserter, pad, stampOf, type Progress } from './data.common.ts';
import type { Region, Scale } from './data.generate.ts';

export interface TaskInputs {
  scale: Scale;
  years: number[];
  today: string;
  all: Region[];
  // Each region's plan of each year ('code:year'): its id and its items as [item id, section id].
  plans: Map<string, { id: number; items: Array<[number, number]> }>;
  rnd: () => number;
  progress: Progress;
}

export function generateTasks(conn: SQLite.Database, g: TaskInputs): Record<string, number> {
  const { scale, years, today, all, plans, rnd, progress } = g;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const insert = inserter(conn);
  const counts: Record<string, number> = {};

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
