// The cases' rows: Kysely only, no rules (the services hold them).
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { CaseEventTable, CaseRow, CaseTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type CaseWithNames = CaseRow & {
  region_name: string;
  submitter_org_name: string;
  lead_unit_name: string | null;
};

export function withNames(db: Q) {
  return db
    .selectFrom('cases as c')
    .innerJoin('regions as r', 'r.code', 'c.region_code')
    .innerJoin('units as o', 'o.id', 'c.submitter_org_id')
    .leftJoin('units as lu', 'lu.id', 'c.lead_unit_id')
    .selectAll('c')
    .select(['r.name as region_name', 'o.name as submitter_org_name', 'lu.name as lead_unit_name']);
}

export function findCaseById(db: Q, id: number): Promise<CaseWithNames | undefined> {
  return withNames(db).where('c.id', '=', id).executeTakeFirst();
}

export async function insertCase(trx: Q, row: Insertable<CaseTable>): Promise<number> {
  return (await trx.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes the case only at the version the caller read; false when someone else changed it first. */
export async function updateCaseAtVersion(
  trx: Q,
  id: number,
  version: number,
  patch: Updateable<CaseTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('cases')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCaseEvent(trx: Q, row: Insertable<CaseEventTable>): Promise<void> {
  await trx.insertInto('case_events').values(row).execute();
}

export function listCaseEvents(db: Q, caseId: number) {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function listSigners(db: Q, caseId: number) {
  return db
    .selectFrom('case_signers')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('invited_at')
    .orderBy('user_id')
    .execute();
}

export function listHandlers(db: Q, caseId: number) {
  return db
    .selectFrom('case_handlers as h')
    .innerJoin('units as u', 'u.id', 'h.unit_id')
    .selectAll('h')
    .select('u.name as unit_name')
    .where('h.case_id', '=', caseId)
    .orderBy('h.role', 'desc')
    .orderBy('h.unit_id')
    .execute();
}

export function listAnswers(db: Q, caseId: number) {
  return db
    .selectFrom('case_answers as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .selectAll('a')
    .select('u.name as unit_name')
    .where('a.case_id', '=', caseId)
    .orderBy('a.id')
    .execute();
}

export function listRatings(db: Q, caseId: number) {
  return db
    .selectFrom('case_ratings')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('rated_at')
    .orderBy('rater_id')
    .execute();
}

export function listCaseInstructions(db: Q, caseId: number) {
  return db.selectFrom('case_instructions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

/** The cases merged into this one (they follow it). */
export function listMergedInto(db: Q, mainId: number) {
  return withNames(db).where('c.merged_into_id', '=', mainId).orderBy('c.id').execute();
}

export async function isSigner(db: Q, caseId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('case_signers')
    .select('user_id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isHandlingUnit(db: Q, caseId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('case_handlers')
    .select('unit_id')
    .where('case_id', '=', caseId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A case of this organisation was merged into this one: its submitters follow the main one. */
export async function hasFollowerFrom(db: Q, mainId: number, orgId: number): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('merged_into_id', '=', mainId)
    .where('submitter_org_id', '=', orgId)
    .executeTakeFirst();
  return row !== undefined;
}

export function listCasesOfTask(db: Q, taskId: number) {
  return withNames(db).where('c.task_id', '=', taskId).execute();
}

/** Cases waiting for their lead unit's answer (办理中, or reopened after 不满意) due by `to`. */
export function listCasesAwaitingAnswer(db: Q, from: string, to: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'type', 'title', 'due_date', 'region_code', 'lead_unit_id'])
    .where('state', 'in', ['forwarded', 'reopened'])
    .where('lead_unit_id', 'is not', null)
    .where('due_date', '>=', from)
    .where('due_date', '<=', to)
    .execute();
}

/** The cases of a type that name a contact and are still open (not closed, declined, kept or merged). */
export function findOpenCasesWithContact(
  db: Q,
  type: string,
  contactId: number,
  openStates: readonly string[],
) {
  return db
    .selectFrom('cases')
    .select(['id', 'title', 'state'])
    .where('type', '=', type)
    .where('contact_id', '=', contactId)
    .where('state', 'in', openStates)
    .orderBy('id')
    .execute();
}
