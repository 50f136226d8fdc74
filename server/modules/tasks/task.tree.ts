// Every level below a task (上下贯通): each child's colour and progress, and which lower regions have not
// yet decomposed what was assigned to them.
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import { canSeeTask } from './task.policy.ts';
import { isUndecomposed } from './task.present.ts';
import { listSubtree, type TaskWithNames } from './task.repository.ts';

export async function getTaskTree(s: Services, ctx: RequestContext, root: TaskWithNames) {
  const rows = await listSubtree(s.db.kysely, root.id);
  // A reader sees the levels below as far as their own scope reaches (a handler: their unit's tasks).
  return rows
    .filter((t) => canSeeTask(ctx.actor, t, []))
    .map((t) => ({
      id: t.id,
      parentId: t.parent_id,
      depth: t.depth - root.depth,
      title: t.title,
      regionName: t.region_name,
      leadUnitName: t.lead_unit_name,
      status: t.status,
      health: t.health,
      progress: t.progress,
      dueDate: t.due_date,
      undecomposed: isUndecomposed(t),
    }));
}
