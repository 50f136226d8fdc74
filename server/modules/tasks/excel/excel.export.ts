// Exporting the filtered task list (the same filters and scope as GET /api/tasks) as the 任务分解表 and
// as the 进度台账 (each task with its report of every period).
import type { RequestContext } from '../../../core/access/actor.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import type { TaskRow } from '../../../db/schema.ts';
import { listTasks } from '../task.list.repository.ts';
import type { TaskWithNames } from '../task.repository.ts';
import type { TaskListQuery } from '../task.schemas.ts';
import { taskFilterOf } from '../task.service.ts';
import { EXCEL_LIMITS } from './excel.limits.ts';
import { itemLabel } from './excel.match.ts';
import { exportExtras, findPlanItemsByIds, reportsOf } from './excel.repository.ts';
import { COLUMNS, CYCLE_WORD, indicatorText } from './excel.text.ts';
import { addTable, newBook } from './excel.write.ts';

export type TaskExportQuery = Omit<TaskListQuery, 'cursor' | 'limit' | 'sort'>;

const PAGE = 500;

/** Every visible task of the filter, oldest first; refused beyond what one file should hold. */
async function tasksFor(s: Services, ctx: RequestContext, q: TaskExportQuery, asSystem: boolean) {
  const filter = await taskFilterOf(s, ctx, q);
  // The command line (an operator on the server, no session) sees every task of the filter.
  if (asSystem) filter.visibility = { kind: 'all' };
  const all: TaskWithNames[] = [];
  for (;;) {
    const after = all.at(-1);
    const page = await listTasks(s.db, filter, {
      sort: 'id',
      after: after ? { id: after.id } : undefined,
      limit: PAGE,
    });
    all.push(...page);
    if (all.length > EXCEL_LIMITS.rows)
      throw appError(
        'TASK_IMPORT_TOO_LARGE',
        `符合条件的任务超过 ${EXCEL_LIMITS.rows} 项，请缩小筛选范围（如按工作要点或地区）后再导出`,
      );
    // The list pages newest first; the table reads oldest first, as it was written.
    if (page.length < PAGE) return all.reverse();
  }
}

async function itemLabels(s: Services, tasks: TaskRow[]) {
  const ids = [...new Set(tasks.map((t) => t.plan_item_id).filter((id): id is number => id !== null))];
  const items = await findPlanItemsByIds(s.db.kysely, ids);
  return new Map(items.map((i) => [i.id, itemLabel(i)]));
}

const group = <T extends { task_id: number }>(rows: T[]) => {
  const map = new Map<number, T[]>();
  for (const r of rows) map.set(r.task_id, [...(map.get(r.task_id) ?? []), r]);
  return map;
};

/** The 任务分解表 of the filtered tasks: the import's columns, so the file imports back to the same tasks. */
export async function exportTaskTable(
  s: Services,
  ctx: RequestContext,
  q: TaskExportQuery,
  asSystem = false,
) {
  const tasks = await tasksFor(s, ctx, q, asSystem);
  const ids = tasks.map((t) => t.id);
  const [labels, extras] = await Promise.all([itemLabels(s, tasks), exportExtras(s.db.kysely, ids)]);
  const coop = group(extras.coop);
  const indicators = group(extras.indicators);
  const people = new Map(extras.people.map((p) => [p.task_id, p.display_name]));
  const rows = tasks.map((t, i) => [
    i + 1,
    t.plan_item_id ? (labels.get(t.plan_item_id) ?? '') : '',
    t.title,
    t.lead_unit_name,
    (coop.get(t.id) ?? []).map((c) => c.name).join('、'),
    people.get(t.id) ?? '',
    t.start_date,
    t.due_date,
    CYCLE_WORD[t.cycle],
    (indicators.get(t.id) ?? [])
      .map((x) => indicatorText({ name: x.name, target: x.target, measureUnit: x.measure_unit }))
      .join('；'),
  ]);
  const book = newBook();
  addTable(book, '任务分解表', '任务分解表', COLUMNS, rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const LEDGER_COLUMNS = [
  '序号',
  '工作要点条目',
  '具体任务',
  '牵头单位',
  '完成时限',
  '报送周期',
  '当前进度(%)',
  '红黄绿灯',
  '报告期',
  '报送期限',
  '报告状态',
  '报告进度(%)',
  '进展情况',
  '需协调解决的问题',
  '是否逾期报送',
] as const;
const REPORT_STATUS = {
  due: '待报送',
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  accepted: '已采纳',
};
const HEALTH = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '' };

/** The 进度台账: one row per task and period (the period's report as it stands), a task with none on one row. */
export async function exportLedger(s: Services, ctx: RequestContext, q: TaskExportQuery) {
  const tasks = await tasksFor(s, ctx, q, false);
  const [labels, reports] = await Promise.all([
    itemLabels(s, tasks),
    reportsOf(
      s.db.kysely,
      tasks.map((t) => t.id),
    ),
  ]);
  const byTask = group(reports);
  const rows: (string | number | null)[][] = [];
  tasks.forEach((t, i) => {
    const head = [
      i + 1,
      t.plan_item_id ? (labels.get(t.plan_item_id) ?? '') : '',
      t.title,
      t.lead_unit_name,
      t.due_date,
      CYCLE_WORD[t.cycle],
      t.progress,
      HEALTH[t.health],
    ];
    const list = byTask.get(t.id) ?? [];
    if (list.length === 0) rows.push([...head, '', '', '', '', '', '', '']);
    for (const r of list)
      rows.push([
        ...head,
        r.period_key,
        r.due_date,
        REPORT_STATUS[r.status],
        r.percent,
        r.narrative,
        r.problems,
        r.late ? '是' : '否',
      ]);
  });
  const book = newBook();
  addTable(book, '进度台账', '进度台账', LEDGER_COLUMNS, rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}
