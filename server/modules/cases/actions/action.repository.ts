// The rows the actions write besides the case itself: co-signers, handling units, answers, ratings, 批示.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type {
  CaseAnswerTable,
  CaseHandlerTable,
  CaseInstructionTable,
  CaseRatingTable,
  CaseSignerTable,
  Database,
} from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The active users among these holding the submitter role (who may co-sign a proposal). */
export function findSubmitterUsers(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .where('u.id', 'in', ids)
    .where('u.status', '=', 'active')
    .where('r.role', '=', 'submitter')
    .execute();
}

export async function insertSigners(trx: Q, rows: Insertable<CaseSignerTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('case_signers').values(rows).execute();
}

export async function setSignerStatus(trx: Q, caseId: number, userId: number, status: string, at: string) {
  await trx
    .updateTable('case_signers')
    .set({ status, responded_at: at })
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .execute();
}

export function findActiveUnits(db: Q, ids: readonly number[]) {
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
}

export async function deleteHandlers(trx: Q, caseId: number): Promise<void> {
  await trx.deleteFrom('case_handlers').where('case_id', '=', caseId).execute();
}

export async function insertHandlers(trx: Q, rows: Insertable<CaseHandlerTable>[]): Promise<void> {
  await trx.insertInto('case_handlers').values(rows).execute();
}

export async function insertAnswer(trx: Q, row: Insertable<CaseAnswerTable>): Promise<void> {
  await trx.insertInto('case_answers').values(row).execute();
}

export async function insertRating(trx: Q, row: Insertable<CaseRatingTable>): Promise<void> {
  await trx.insertInto('case_ratings').values(row).execute();
}

export async function insertInstruction(trx: Q, row: Insertable<CaseInstructionTable>): Promise<void> {
  await trx.insertInto('case_instructions').values(row).execute();
}
