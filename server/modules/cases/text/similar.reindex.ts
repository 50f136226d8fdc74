// Bringing the similarity index in line with the cases (`luoshi cases reindex`): proposals submitted
// before the index existed are put in (backfill), merged, withdrawn or deleted ones taken out. `rebuild`
// empties the index and builds it again from the cases, which also resets the document frequencies
// (they drift only if rows were removed without their text). Runs in batches, one transaction each, so
// the server may keep serving; running it twice changes nothing the second time.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { indexProposal, removeProposal } from './similar.index.ts';
import { proposalTextOf } from './similar.service.ts';

// States in which a submitted proposal belongs in the index: anything but a draft or merged.
const OUT_OF_INDEX = ['draft', 'merged'] as const;
const BATCH = 200;

export interface ReindexResult {
  indexed: number;
  removed: number;
  total: number;
}

export async function reindexProposals(
  db: Kysely<Database>,
  opts: { rebuild?: boolean; now: Date; onProgress?: (done: number) => void },
): Promise<ReindexResult> {
  let removed = 0;
  if (opts.rebuild) {
    removed = Number(
      (
        await db
          .selectFrom('proposal_index')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('proposal_terms').execute();
      await trx.deleteFrom('proposal_index').execute();
      await trx.deleteFrom('proposal_term_frequencies').execute();
    });
  } else {
    // Indexed proposals that should not be: merged (before merging took them out) or back to draft.
    const stale = await db
      .selectFrom('proposal_index as i')
      .innerJoin('cases as c', 'c.id', 'i.case_id')
      .select(['c.id', 'c.title', 'c.body'])
      .where((eb) => eb.or([eb('c.state', 'in', OUT_OF_INDEX), eb('c.type', '!=', 'proposal')]))
      .execute();
    for (const c of stale) {
      await db.transaction().execute((trx) => removeProposal(trx, c.id, proposalTextOf(c)));
      removed++;
    }
  }
  let indexed = 0;
  let after = 0;
  for (;;) {
    const batch = await db
      .selectFrom('cases as c')
      .leftJoin('proposal_index as i', 'i.case_id', 'c.id')
      .select(['c.id', 'c.title', 'c.body'])
      .where('c.type', '=', 'proposal')
      .where('c.submitted_at', 'is not', null)
      .where('c.state', 'not in', OUT_OF_INDEX)
      .where('i.case_id', 'is', null)
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(BATCH)
      .execute();
    if (!batch.length) break;
    await db.transaction().execute(async (trx) => {
      for (const c of batch) await indexProposal(trx, c.id, proposalTextOf(c), opts.now);
    });
    indexed += batch.length;
    after = batch[batch.length - 1]!.id;
    opts.onProgress?.(indexed);
  }
  const total = Number(
    (
      await db
        .selectFrom('proposal_index')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { indexed, removed, total };
}
