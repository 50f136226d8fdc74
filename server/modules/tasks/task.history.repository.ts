// A task's record over time, kept beside the task: its timeline events, adjustment requests and colour
// history. Kysely code only, rows out.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, Health } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertTaskEvent(
  trx: Q,
  e: {
    taskId: number;
    at: string;
    actorId: number | null;
    actorName: string | null;
    kind: string;
    detail?: object;
  },
): Promise<void> {
  await trx
    .insertInto('task_events')
    .values({
      task_id: e.taskId,
      at: e.at,
      actor_id: e.actorId,
      actor_name: e.actorName,
      kind: e.kind,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}

export function listTaskEvents(db: Q, taskId: number) {
  return db
    .selectFrom('task_events')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id')
    .limit(2000)
    .execute();
}

export function listAdjustments(db: Q, taskId: number) {
  return db
    .selectFrom('task_adjustments as a')
    .innerJoin('users as q', 'q.id', 'a.requested_by')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['q.display_name as requested_by_name', 'd.display_name as decided_by_name'])
    .where('a.task_id', '=', taskId)
    .orderBy('a.id')
    .execute();
}

export function findAdjustment(db: Q, taskId: number, id: number) {
  return db
    .selectFrom('task_adjustments')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAdjustment(
  trx: Q,
  row: Insertable<Database['task_adjustments']>,
): Promise<number> {
  const { id } = await trx
    .insertInto('task_adjustments')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Decides a pending request; false when it was decided already. */
export async function decideAdjustment(
  trx: Q,
  id: number,
  patch: { status: 'approved' | 'refused'; decided_by: number; decided_at: string; decision_comment: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('task_adjustments')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertHealthHistory(
  trx: Q,
  row: { task_id: number; at: string; health: Health; reasons: string },
): Promise<void> {
  await trx.insertInto('task_health_history').values(row).execute();
}

export function listHealthHistory(db: Q, taskId: number) {
  return db
    .selectFrom('task_health_history')
    .select(['at', 'health', 'reasons'])
    .where('task_id', '=', taskId)
    .orderBy('at')
    .limit(1000)
    .execute();
}
