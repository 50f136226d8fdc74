// The stored term index of proposals (migration 2026-12-03T06-proposal-terms, docs/decisions/
// proposal-similarity.md): rows only, the ranking is similar.ts.
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Which indexed proposals a ranking may return (the caller's scope: type, region subtree, earlier). */
export type TermScope = (eb: ExpressionBuilder<Database, 'proposal_terms'>) => Expression<SqlBool>;

// Bound parameters per statement (SQLite allows 32,766, PostgreSQL 65,535).
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += CHUNK) out.push(items.slice(at, at + CHUNK));
  return out;
}

export async function isIndexed(q: Q, caseId: number): Promise<boolean> {
  const row = await q
    .selectFrom('proposal_index')
    .select('case_id')
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function indexedCount(q: Q): Promise<number> {
  const row = await q
    .selectFrom('proposal_index')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Document frequencies of the given terms (terms no proposal holds are left out). */
export async function frequenciesOf(q: Q, terms: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const part of chunks(terms)) {
    const rows = await q
      .selectFrom('proposal_term_frequencies')
      .select(['term', 'documents'])
      .where('term', 'in', part)
      .execute();
    for (const row of rows) found.set(row.term, Number(row.documents));
  }
  return found;
}

/** Counts the proposal in (by = 1) or out (by = -1) of every term's frequency. */
export async function addFrequencies(trx: Transaction<Database>, terms: readonly string[], by: 1 | -1) {
  for (const part of chunks(terms)) {
    if (by === 1)
      await trx
        .insertInto('proposal_term_frequencies')
        .values(part.map((term) => ({ term, documents: 1 })))
        .onConflict((oc) =>
          oc
            .column('term')
            .doUpdateSet({ documents: (eb) => eb('proposal_term_frequencies.documents', '+', 1) }),
        )
        .execute();
    else {
      await trx
        .updateTable('proposal_term_frequencies')
        .set((eb) => ({ documents: eb('documents', '-', 1) }))
        .where('term', 'in', part)
        .execute();
      await trx
        .deleteFrom('proposal_term_frequencies')
        .where('term', 'in', part)
        .where('documents', '<=', 0)
        .execute();
    }
  }
}

export async function insertIndexed(
  trx: Transaction<Database>,
  caseId: number,
  signature: readonly string[],
  at: string,
) {
  await trx.insertInto('proposal_index').values({ case_id: caseId, indexed_at: at }).execute();
  if (signature.length > 0)
    await trx
      .insertInto('proposal_terms')
      .values(signature.map((term) => ({ term, case_id: caseId })))
      .execute();
}

export async function deleteIndexed(trx: Transaction<Database>, caseId: number) {
  await trx.deleteFrom('proposal_terms').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('proposal_index').where('case_id', '=', caseId).execute();
}

/** The proposals in scope sharing most of the given terms, most first (ties by id). */
export async function proposalsSharing(
  q: Q,
  terms: readonly string[],
  scope: TermScope | null,
  limit: number,
): Promise<number[]> {
  if (terms.length === 0) return [];
  let query = q
    .selectFrom('proposal_terms')
    .select(['case_id', (eb) => eb.fn.countAll<number | string>().as('shared')])
    .where('term', 'in', terms);
  if (scope) query = query.where(scope);
  const rows = await query
    .groupBy('case_id')
    .orderBy('shared', 'desc')
    .orderBy('case_id')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.case_id));
}
