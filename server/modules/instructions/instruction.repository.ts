// Rows of instructions and their follow-up threads.
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type {
  Database,
  InstructionFollowUpTable,
  InstructionKind,
  InstructionStatus,
  InstructionTable,
} from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertInstruction(trx: Q, row: Insertable<InstructionTable>): Promise<number> {
  return (await trx.insertInto('instructions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function findInstruction(db: Q, id: number) {
  return db.selectFrom('instructions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Applies the change if the instruction is still at `version`; false when someone changed it first. */
export async function updateInstructionAtVersion(
  trx: Q,
  id: number,
  version: number,
  patch: Updateable<InstructionTable>,
): Promise<boolean> {
  const res = await trx
    .updateTable('instructions')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertFollowUp(trx: Q, row: Insertable<InstructionFollowUpTable>): Promise<number> {
  return (
    await trx.insertInto('instruction_follow_ups').values(row).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export function listFollowUps(db: Q, instructionIds: readonly number[]) {
  if (!instructionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('instruction_follow_ups')
    .selectAll()
    .where('instruction_id', 'in', [...instructionIds])
    .orderBy('instruction_id')
    .orderBy('id')
    .execute();
}

export function listOnTarget(db: Q, targetType: string, targetId: number) {
  return db
    .selectFrom('instructions')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('id', 'desc')
    .execute();
}

/** The instructions on a task or on anything of it (its reports, its notices), newest first. */
export function listOnTask(db: Q, taskId: number) {
  return db
    .selectFrom('instructions')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id', 'desc')
    .execute();
}

/** Who reads the list: a region subtree, one unit's, or nothing. */
export type ListScope =
  { kind: 'all' } | { kind: 'region'; path: string } | { kind: 'unit'; unitId: number } | { kind: 'none' };

export interface ListFilter {
  scope: ListScope;
  kind?: InstructionKind | undefined;
  status?: readonly InstructionStatus[] | undefined;
  authorId?: number | undefined;
  // A unit's own instructions, or those its region's staff manage.
  unitId?: number | undefined;
  managerPath?: string | undefined;
  // Objects of this region's subtree; written within [from, to] (dates, inclusive).
  regionPath?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/**
 * A page of the list, newest first. The page's ids are picked first (a region's subtree from
 * instructions_region alone: its paths and ids, not every instruction's text), then only those rows read.
 */
export function listInstructions(db: Q, f: ListFilter) {
  let q = db.selectFrom('instructions').select('id');
  const s = f.scope;
  if (s.kind === 'region')
    q = q.where((eb) => eb.and([eb('region_path', '>=', s.path), eb('region_path', '<', `${s.path}0`)]));
  else if (s.kind === 'unit') q = q.where('unit_id', '=', s.unitId);
  else if (s.kind === 'none') q = q.where((eb) => eb.lit(false));
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status?.length) q = q.where('status', 'in', [...f.status]);
  if (f.authorId !== undefined) q = q.where('author_id', '=', f.authorId);
  if (f.unitId !== undefined) q = q.where('unit_id', '=', f.unitId);
  const path = f.managerPath;
  if (path !== undefined)
    q = q.where((eb) =>
      eb.and([eb('manager_region_path', '>=', path), eb('manager_region_path', '<', `${path}0`)]),
    );
  const region = f.regionPath;
  if (region !== undefined)
    q = q.where((eb) => eb.and([eb('region_path', '>=', region), eb('region_path', '<', `${region}0`)]));
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  // A timestamp of the day `to` sorts before `${to}T99` (as the 督办通报 compares its period).
  if (f.to !== undefined) q = q.where('created_at', '<', `${f.to}T99`);
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
  return db
    .selectFrom('instructions')
    .selectAll()
    .where('id', 'in', q.orderBy('id', 'desc').limit(f.limit))
    .orderBy('id', 'desc')
    .execute();
}

export async function countInstructions(
  db: Q,
  f: { regionPath?: string; authorId?: number; status: readonly InstructionStatus[] },
): Promise<number> {
  let q = db
    .selectFrom('instructions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', 'in', [...f.status]);
  const path = f.regionPath;
  if (path !== undefined)
    q = q.where((eb) => eb.and([eb('region_path', '>=', path), eb('region_path', '<', `${path}0`)]));
  if (f.authorId !== undefined) q = q.where('author_id', '=', f.authorId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** A region's path by its code; undefined for an unknown code. */
export async function findRegionPath(db: Q, code: string): Promise<string | undefined> {
  return (await db.selectFrom('regions').select('path').where('code', '=', code).executeTakeFirst())?.path;
}

/** The instructions written within [from, to] on objects of a region subtree, counted by kind and status. */
export function countWrittenBetween(db: Q, regionPath: string, from: string, to: string) {
  return db
    .selectFrom('instructions')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where((eb) => eb.and([eb('region_path', '>=', regionPath), eb('region_path', '<', `${regionPath}0`)]))
    .where('created_at', '>=', from)
    .where('created_at', '<', `${to}T99`)
    .groupBy(['kind', 'status'])
    .execute();
}
