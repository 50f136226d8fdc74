// What follows every change of a task, in the same transaction: the parent's roll-up up the tree.
// (Colours, reporting periods and inbox messages join here as their parts land.)
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { findTaskById, listChildren, updateTask } from './task.repository.ts';

export type TaskChange =
  'created' | 'assigned' | 'edited' | 'signed' | 'progress' | 'completed' | 'cancelled' | 'reopened';

export async function afterTaskChange(
  trx: Transaction<Database>,
  s: Services,
  _ctx: RequestContext,
  taskId: number,
  _change: TaskChange,
): Promise<void> {
  await rollUpFrom(trx, s, taskId);
}

/** Weighted mean of the children's progress: cancelled children left out, completed ones count 100. */
function rolledUpProgress(children: { progress: number; weight: number; status: string }[]): number | null {
  const counted = children.filter((c) => c.status !== 'cancelled' && c.status !== 'draft');
  const weight = counted.reduce((sum, c) => sum + c.weight, 0);
  if (!counted.length || weight === 0) return null;
  const total = counted.reduce((sum, c) => sum + (c.status === 'completed' ? 100 : c.progress) * c.weight, 0);
  return Math.floor(total / weight);
}

// Each ancestor's progress becomes the roll-up of its children, up to the root (the tree is shallow:
// province → city → county, a few levels at most).
async function rollUpFrom(trx: Transaction<Database>, s: Services, taskId: number): Promise<void> {
  let task = await findTaskById(trx, taskId);
  for (let hops = 0; task?.parent_id && hops < 10; hops++) {
    const parent = await findTaskById(trx, task.parent_id);
    if (!parent) return;
    const progress = rolledUpProgress(await listChildren(trx, parent.id));
    if (progress !== null && progress !== parent.progress && parent.status !== 'completed')
      await updateTask(trx, parent.id, { progress });
    task = parent;
  }
  void s;
}
