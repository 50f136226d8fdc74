// Task rows → API objects.
import { z } from 'zod';
import type { TaskSummaryRow } from './task.repository.ts';

const reasonsSchema = z.array(z.object({ code: z.string(), message: z.string() }));

/** The stored colour reasons, read through their schema (a malformed value reads as none). */
export function reasonsOf(json: string): z.infer<typeof reasonsSchema> {
  try {
    const parsed = reasonsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Assigned to a lower region's 统战部, still open, and not yet decomposed into child tasks there. */
export function isUndecomposed(t: TaskSummaryRow): boolean {
  return (
    t.lead_unit_kind === 'department' &&
    t.region_code !== t.manager_region_code &&
    t.child_count === 0 &&
    ['assigned', 'accepted', 'completion_requested'].includes(t.status)
  );
}

export function taskToSummary(t: TaskSummaryRow) {
  return {
    id: t.id,
    year: t.year,
    title: t.title,
    source: t.source,
    status: t.status,
    health: t.health,
    healthReasons: reasonsOf(t.health_reasons),
    progress: t.progress,
    startDate: t.start_date,
    dueDate: t.due_date,
    cycle: t.cycle,
    regionCode: t.region_code,
    regionName: t.region_name,
    leadUnit: { id: t.lead_unit_id, name: t.lead_unit_name, regionCode: t.lead_unit_region_code },
    planId: t.plan_id,
    planItemId: t.plan_item_id,
    parentId: t.parent_id,
    childCount: t.child_count,
    undecomposed: isUndecomposed(t),
    version: t.version,
  };
}
