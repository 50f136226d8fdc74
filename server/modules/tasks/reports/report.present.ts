// A report row as the API shows it: its period, state and content, in the shape report.schemas.ts names.
import { z } from 'zod';
import type { ProgressReportRow } from '../../../db/schema.ts';
import { periodLabel, type PeriodMilestone } from '../rules/periods.ts';

const actualsSchema = z.array(z.object({ indicatorId: z.number(), actual: z.number() }));
const reachedSchema = z.array(z.object({ milestoneId: z.number(), doneDate: z.string() }));

function parsed<T>(schema: z.ZodType<T>, text: string): T | [] {
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : [];
  } catch {
    return []; // a malformed stored list shows as empty
  }
}

export function indicatorActualsOf(row: Pick<ProgressReportRow, 'indicator_values'>) {
  return parsed(actualsSchema, row.indicator_values);
}

export function milestonesReachedOf(row: Pick<ProgressReportRow, 'milestones_reached'>) {
  return parsed(reachedSchema, row.milestones_reached);
}

export function presentSummary(row: ProgressReportRow, milestones: readonly PeriodMilestone[]) {
  return {
    id: row.id,
    periodKey: row.period_key,
    periodLabel: periodLabel(row.period_key, milestones),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
    status: row.status,
    late: row.late === 1,
    percent: row.percent,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
    reviewComment: row.review_comment,
    version: row.version,
  };
}
