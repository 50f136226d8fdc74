// What follows every change of a task, in the same transaction: its colour, and up the tree each
// ancestor's progress (the weighted roll-up of its children) and colour.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { openReportPeriods } from './reports/report.open.ts';
import { rollupProgress } from './rules/rollup.ts';
import { healthSettings, refreshHealth } from './task.health.ts';
import { findTaskById, listChildren, updateTask } from './task.repository.ts';

export type TaskChange =
  'created' | 'assigned' | 'edited' | 'signed' | 'progress' | 'completed' | 'cancelled' | 'reopened';

export async function afterTaskChange(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  taskId: number,
  _change: TaskChange,
): Promise<void> {
  const settings = await healthSettings(trx);
  let task = await findTaskById(trx, taskId);
  if (!task) return;
  // The report rows of the periods opened so far, before the colour rules read them.
  await openReportPeriods(trx, s, task);
  await refreshHealth(trx, s, ctx, task, settings);
  // Up the tree (province → city → county: a few levels at most).
  for (let hops = 0; task?.parent_id && hops < 10; hops++) {
    const parent = await findTaskById(trx, task.parent_id);
    if (!parent) return;
    const progress = rollupProgress(await listChildren(trx, parent.id));
    if (progress !== null && progress !== parent.progress && parent.status !== 'completed') {
      await updateTask(trx, parent.id, { progress });
      await refreshHealth(trx, s, ctx, { ...parent, progress }, settings);
    }
    task = parent;
  }
}
