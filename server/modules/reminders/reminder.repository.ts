// Reads of the deadlines the reminder job watches, and the ledger of steps taken. The deadlines are the
// tasks module's rows, read here by date only (what is due in a window), the way the job needs them.
import type { Kysely, Transaction } from 'kysely';
import type { Database, TaskStatus } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

// A task is reminded while its lead unit works on it: assigned (not yet signed) or accepted. One whose
// completion was requested waits for the staff, not the unit.
const WORKING: TaskStatus[] = ['assigned', 'accepted'];

export interface Window {
  from: string;
  to: string;
}

export function listTasksDueIn(db: Q, w: Window) {
  return db
    .selectFrom('tasks')
    .select(['id', 'title', 'due_date', 'manager_region_path', 'lead_unit_id'])
    .where('status', 'in', WORKING)
    .where('due_date', '>=', w.from)
    .where('due_date', '<=', w.to)
    .orderBy('id')
    .execute();
}

export function listMilestonesDueIn(db: Q, w: Window) {
  return db
    .selectFrom('task_milestones as m')
    .innerJoin('tasks as t', 't.id', 'm.task_id')
    .select([
      'm.id',
      'm.title',
      'm.due_date',
      't.id as task_id',
      't.title as task_title',
      't.manager_region_path',
      't.lead_unit_id',
    ])
    .where('m.done_date', 'is', null)
    .where('m.due_date', '>=', w.from)
    .where('m.due_date', '<=', w.to)
    .where('t.status', 'in', WORKING)
    .orderBy('m.id')
    .execute();
}

// Reports not yet submitted ('due', or a 'draft' not sent) of tasks still reporting.
export function listReportsDueIn(db: Q, w: Window) {
  return db
    .selectFrom('progress_reports as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .select([
      'r.id',
      'r.period_key',
      'r.due_date',
      'r.manager_region_path',
      'r.lead_unit_id',
      't.id as task_id',
      't.title as task_title',
    ])
    .where('r.status', 'in', ['due', 'draft'])
    .where('r.due_date', '>=', w.from)
    .where('r.due_date', '<=', w.to)
    .where('t.status', 'in', [...WORKING, 'completion_requested'])
    .orderBy('r.id')
    .execute();
}

export interface LedgerKey {
  objectType: string;
  objectId: string;
  deadlineKind: string;
  dueDate: string;
}

/** The steps already taken for each deadline of the list, keyed by `keyOf`. */
export async function listTakenSteps(db: Q, keys: readonly LedgerKey[]): Promise<Map<string, Set<number>>> {
  const taken = new Map<string, Set<number>>();
  // Few deadlines share a day's window; read them per object type in chunks of ids.
  const byType = new Map<string, string[]>();
  for (const k of keys) byType.set(k.objectType, [...(byType.get(k.objectType) ?? []), k.objectId]);
  for (const [type, ids] of byType) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('reminder_ledger')
        .select(['object_type', 'object_id', 'deadline_kind', 'due_date', 'step'])
        .where('object_type', '=', type)
        .where('object_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) {
        const key = keyOf({
          objectType: r.object_type,
          objectId: r.object_id,
          deadlineKind: r.deadline_kind,
          dueDate: r.due_date,
        });
        taken.set(key, (taken.get(key) ?? new Set()).add(r.step));
      }
    }
  }
  return taken;
}

export const keyOf = (k: LedgerKey) => `${k.objectType}|${k.objectId}|${k.deadlineKind}|${k.dueDate}`;

/**
 * Claims a step: inserts its ledger row unless another run has (ON CONFLICT DO NOTHING: a raised
 * violation would abort the transaction on PostgreSQL). On PostgreSQL a concurrent insert of the same key
 * waits for the first transaction and then does nothing, so exactly one run sends. Returns whether this
 * run claimed it.
 */
export async function claimStep(
  trx: Transaction<Database>,
  row: LedgerKey & { step: number; outcome: 'sent' | 'skipped'; recipients: number; sentAt: string },
): Promise<boolean> {
  const result = await trx
    .insertInto('reminder_ledger')
    .values({
      object_type: row.objectType,
      object_id: row.objectId,
      deadline_kind: row.deadlineKind,
      due_date: row.dueDate,
      step: row.step,
      outcome: row.outcome,
      recipients: row.recipients,
      sent_at: row.sentAt,
    })
    .onConflict((oc) =>
      oc.columns(['object_type', 'object_id', 'deadline_kind', 'due_date', 'step']).doNothing(),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function setRecipientCount(
  trx: Transaction<Database>,
  key: LedgerKey & { step: number },
  n: number,
) {
  await trx
    .updateTable('reminder_ledger')
    .set({ recipients: n })
    .where('object_type', '=', key.objectType)
    .where('object_id', '=', key.objectId)
    .where('deadline_kind', '=', key.deadlineKind)
    .where('due_date', '=', key.dueDate)
    .where('step', '=', key.step)
    .execute();
}

export function findUnitForEscalation(db: Q, unitId: number) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'head_user_id'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}
