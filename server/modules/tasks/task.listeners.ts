// Other modules that must hear when a task is completed (办结确认): a case turned into a task tells its
// proposer (modules/cases). Each listener runs inside the completing transaction, so what it writes
// (a timeline entry, an inbox message) stands or falls with the completion.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import type { TaskWithNames } from './task.repository.ts';

export type TaskCompletedListener = (
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
) => Promise<void>;

// A set: a module registering its listener again (a second app in the same process) adds nothing.
const listeners = new Set<TaskCompletedListener>();

/** Registers a listener, called in the transaction that confirms a task's completion. */
export function onTaskCompleted(listener: TaskCompletedListener): void {
  listeners.add(listener);
}

export async function taskCompleted(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  task: TaskWithNames,
): Promise<void> {
  for (const listener of listeners) await listener(trx, s, ctx, task);
}
