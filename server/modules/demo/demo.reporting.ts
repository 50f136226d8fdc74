// What a demo unit writes in a progress report: progress keeping the pace its story gives it, indicators
// moving with it, milestones reached by their day, and a few plain sentences.
import { reportContentBody } from '../tasks/index.ts';
import { daysFrom, plusDays } from './demo.calendar.ts';
import type { Reporting, TaskSpec } from './demo.script.ts';

export interface PeriodRow {
  periodKey: string;
  periodLabel: string;
  periodEnd: string;
  dueDate: string;
}

export type Outcome = 'on-time' | 'late' | 'returned' | 'missing';

/** How the period with this index goes, from the task's story. */
export function outcomeOf(reporting: Reporting, index: number): Outcome {
  if (reporting.stopFrom !== undefined && index >= reporting.stopFrom) return 'missing';
  if (reporting.returned?.includes(index)) return 'returned';
  if (reporting.late?.includes(index)) return 'late';
  return 'on-time';
}

/** The day the lead unit submits: a few days before the due date, or a few days after when late. */
export function submitDayOf(reporting: Reporting, row: PeriodRow, outcome: Outcome): string {
  if (outcome === 'late') return plusDays(row.dueDate, 3);
  const early = plusDays(row.dueDate, -(reporting.lead ?? 4));
  return early > row.periodEnd ? early : plusDays(row.periodEnd, 1);
}

function defaultPace(spec: TaskSpec): number {
  // A quarterly report lags the calendar by up to three months: units report a little ahead of it.
  return spec.reporting?.pace ?? (spec.cycle === 'quarterly' ? 1.15 : 1);
}

export function percentAt(spec: TaskSpec, start: string, due: string, periodEnd: string, before: number) {
  const share = Math.min(1, Math.max(0, daysFrom(start, periodEnd) / Math.max(1, daysFrom(start, due))));
  return Math.max(before, Math.min(99, Math.round(share * 100 * defaultPace(spec))));
}

function actualOf(baseline: number, target: number, percent: number): number {
  const value = baseline + ((target - baseline) * percent) / 100;
  return target < 20 ? Math.round(value * 10) / 10 : Math.round(value);
}

export interface ReportFacts {
  spec: TaskSpec;
  row: PeriodRow;
  percent: number;
  day: string;
  milestoneIds: Map<string, number>;
  indicatorIds: Map<string, number>;
  // The first submission of a period that will be returned: thin, as the reviewer will say.
  thin: boolean;
  late: boolean;
}

export function reportContent(f: ReportFacts) {
  const actuals = (f.spec.indicators ?? []).map((i) => ({
    indicatorId: f.indicatorIds.get(i.name)!,
    actual: actualOf(i.baseline, i.target, f.percent),
    text: `${i.name} ${actualOf(i.baseline, i.target, f.percent)}${i.unit}（目标 ${i.target}${i.unit}）`,
  }));
  const reached = (f.spec.milestones ?? []).flatMap((m) => {
    if (m.doneAfter === null) return [];
    const doneDate = plusDays(`${f.row.periodEnd.slice(0, 4)}-${m.due}`, m.doneAfter);
    return doneDate <= f.day ? [{ milestoneId: f.milestoneIds.get(m.title)!, doneDate, title: m.title }] : [];
  });
  const figures = actuals.length ? `累计${actuals.map((a) => a.text).join('，')}。` : '';
  const milestones = reached.length ? `已完成里程碑：${reached.map((m) => m.title).join('、')}。` : '';
  const narrative = f.thin
    ? `${f.row.periodLabel}工作按计划推进。`
    : `${f.row.periodLabel}，${f.spec.title}按计划推进，完成进度 ${f.percent}%。${figures}${milestones}`;
  return reportContentBody.parse({
    percent: f.percent,
    narrative,
    indicatorActuals: f.thin ? [] : actuals.map(({ indicatorId, actual }) => ({ indicatorId, actual })),
    milestonesReached: reached.map(({ milestoneId, doneDate }) => ({ milestoneId, doneDate })),
    problems: f.late ? '本期因牵头处室人员调整，材料汇总延迟，已明确专人负责报送。' : '',
    nextSteps: '按计划继续推进，加强与配合单位的沟通协调。',
  });
}
