// From the sheet's rows to task inputs: every cell checked, every problem reported with its row and
// column in Chinese, and nothing decided for the clerk where a name does not match.
import type { TaskCreateInput } from '../task.schemas.ts';
import type { ItemMatcher, UnitMatcher } from './excel.match.ts';
import type { RowProblem, SheetRow } from './excel.sheet.ts';
import {
  clean,
  COLUMNS as COLUMN_NAMES,
  cycleOf,
  dateOf,
  indicatorsOf,
  namesOf,
  norm,
  type Column,
} from './excel.text.ts';

export interface RowContext {
  items: ItemMatcher;
  units: UnitMatcher;
  /** Active people of a unit, by unit id. */
  people: Map<number, { id: number; display_name: string }[]>;
  defaultStart: string;
}

export interface RowTask {
  row: number;
  input: TaskCreateInput;
  leadUnitName: string;
}

const text = (row: SheetRow, column: Column) => {
  const v = row.cells[column];
  return v === undefined ? '' : v instanceof Date ? null : clean(v);
};

export function rowsToTasks(rows: SheetRow[], rc: RowContext, problems: RowProblem[]): RowTask[] {
  const tasks: RowTask[] = [];
  // Cells already reported unreadable (a formula without a value…) are not reported again as empty.
  const unreadable = new Set(problems.map((p) => `${p.row}:${p.column}`));
  for (const row of rows) {
    let rowBad = COLUMN_NAMES.some((c) => unreadable.has(`${row.row}:${c}`));
    const bad = (column: string, problem: string) => {
      rowBad = true;
      if (!unreadable.has(`${row.row}:${column}`)) problems.push({ row: row.row, column, problem });
    };
    const title = text(row, '具体任务');
    if (title === null) bad('具体任务', '应为文字，不能是日期');
    else if (title.length < 2) bad('具体任务', '不能为空（至少 2 个字）');
    else if (title.length > 200) bad('具体任务', '超过 200 字，请精简为任务名称');

    const itemText = text(row, '工作要点条目');
    let planItemId = 0;
    if (!itemText) bad('工作要点条目', '不能为空，请填写条目的序号或标题');
    else {
      const item = rc.items.resolve(itemText);
      if (typeof item === 'string') bad('工作要点条目', item);
      else planItemId = item.id;
    }

    const leadName = text(row, '牵头单位');
    let leadUnitId = 0;
    if (!leadName) bad('牵头单位', '不能为空');
    else if (namesOf(leadName).length > 1) bad('牵头单位', '只能填写一个牵头单位，其余请填入“配合单位”');
    else {
      const lead = rc.units.resolve(leadName, row.row);
      if (typeof lead === 'string') bad('牵头单位', lead);
      else if (lead) leadUnitId = lead.id;
    }

    const coopIds = new Set<number>();
    for (const name of namesOf(text(row, '配合单位') ?? '')) {
      const unit = rc.units.resolve(name, row.row);
      if (typeof unit === 'string') bad('配合单位', unit);
      else if (unit && unit.id !== leadUnitId) coopIds.add(unit.id);
    }

    const dates = { start: rc.defaultStart, due: '' };
    for (const [column, key] of [
      ['开始时间', 'start'],
      ['完成时限', 'due'],
    ] as const) {
      const v = row.cells[column];
      if (v === undefined || (typeof v === 'string' && !v.trim())) {
        if (key === 'due') bad(column, '不能为空');
        continue;
      }
      const date = dateOf(v);
      if (date) dates[key] = date;
      else bad(column, `“${String(v)}”不是有效日期，请写成 2026-03-01、2026/3/1 或 2026年3月1日`);
    }
    if (dates.due && dates.due < dates.start) bad('完成时限', '完成时限早于开始时间');

    const cycleText = text(row, '报送周期') ?? '';
    const cycle = cycleText ? cycleOf(cycleText) : 'monthly';
    if (!cycle) bad('报送周期', `“${cycleText}”无法识别，请填写 每月、每季度、按里程碑 或 不定期`);

    const indicators = indicatorsOf(text(row, '指标及目标值') ?? '');
    if (typeof indicators === 'string') bad('指标及目标值', indicators);
    else if (indicators.length > 50) bad('指标及目标值', '指标不能超过 50 项');

    let responsibleUserId: number | null = null;
    const person = text(row, '责任人');
    if (person && leadUnitId) {
      const match = (rc.people.get(leadUnitId) ?? []).filter((p) => norm(p.display_name) === norm(person));
      if (match.length === 1) responsibleUserId = match[0]!.id;
      else bad('责任人', `“${person}”不是牵头单位的在用账户（可留空，或先为其开通账户）`);
    }

    if (rowBad || !leadUnitId || typeof indicators === 'string' || !cycle || !title) continue;
    tasks.push({
      row: row.row,
      leadUnitName: leadName!,
      input: {
        planItemId,
        parentId: null,
        source: 'plan',
        title,
        description: '',
        leadUnitId,
        cooperatingUnitIds: [...coopIds],
        responsibleUserId,
        startDate: dates.start,
        dueDate: dates.due,
        weight: 1,
        cycle,
        reportDay: 5,
        milestones: [],
        indicators: indicators.map((i) => ({ ...i, baseline: null, higherIsBetter: true })),
        assign: false,
      },
    });
  }
  return tasks;
}
