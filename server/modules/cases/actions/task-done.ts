// When the task an adopted case became is completed (the tasks module's completion, onTaskCompleted),
// the case's timeline says so and the proposer, the co-signers and the followers are told — in the
// completing transaction.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import type { Services } from '../../../core/services.ts';
import type { Database } from '../../../db/schema.ts';
import type { CaseState } from '../engine/vocabulary.ts';
import { loadAround } from '../case.facts.ts';
import { listCasesOfTask } from '../case.repository.ts';
import { recordCaseEvent } from '../case.timeline.ts';
import { submittingSide } from './action.notify.ts';

export async function caseTaskCompleted(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  task: { id: number; title: string },
): Promise<void> {
  for (const c of await listCasesOfTask(trx, task.id)) {
    const state = c.state as CaseState;
    await recordCaseEvent(trx, s, ctx, c.id, {
      action: 'task_completed',
      from: state,
      to: state,
      payload: { taskId: task.id, taskTitle: task.title },
    });
    await s.notify(trx, {
      recipients: submittingSide(c, await loadAround(trx, c)),
      kind: 'case.task_done',
      title: `您提出的《${c.title}》转为的任务《${task.title}》已办结`,
      object: { type: 'case', id: c.id },
    });
  }
}
