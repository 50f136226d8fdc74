/**
 * Similar proposals through the stored term index on a real SQLite file:
 * `node --import tsx bench/similar.db.bench.ts [size]` (default 25,000, five years at 5,000 a year).
 * Loads the index in bulk (the rows indexProposal would write one proposal at a time), then measures
 * one ranking (look up 40 terms, short-list 50, rank exactly; the short list's text comes from memory
 * here, the cases table in the route) and indexing one more proposal, as submission would.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest } from '../server/db/connect.ts';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { indexProposal, similarProposals } from '../server/modules/cases/text/similar.index.ts';
import {
  documentFrequencies,
  signatureTerms,
  termCounts,
  type ProposalText,
} from '../server/modules/cases/text/similar.ts';
import { distractors, HAND_WRITTEN } from '../server/modules/cases/text/testing/proposals.ts';
import { measure, report, type BenchResult } from './measure.ts';

function proposals(count: number): ProposalText[] {
  const pieces = distractors(count * 4, 11);
  return Array.from({ length: count }, (_, i) => {
    const own = pieces.slice(i * 4, i * 4 + 4);
    return { title: own[0]!.title, parts: own.flatMap((p) => p.parts) };
  });
}

export async function main(size = 25_000): Promise<BenchResult[]> {
  const file = join(tmpdir(), `luoshi-similar-bench-${process.pid}.db`);
  const db = createSqliteDb(file);
  try {
    await migrateToLatest(db);
    const texts = new Map<number, ProposalText>();
    [...proposals(size - 1), HAND_WRITTEN[0]!.original].forEach((text, i) => texts.set(i + 1, text));
    const counts = new Map([...texts].map(([id, text]) => [id, termCounts(text)]));
    const dfs = documentFrequencies(counts.values());
    const started = performance.now();
    await db.dialect.withRelaxedDurability(db.kysely, () =>
      db.kysely.transaction().execute(async (trx) => {
        const frequencies = new Map<string, number>();
        for (const c of counts.values())
          for (const term of c.keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
        const rows = [...frequencies].map(([term, documents]) => ({ term, documents }));
        for (let at = 0; at < rows.length; at += 400)
          await trx
            .insertInto('proposal_term_frequencies')
            .values(rows.slice(at, at + 400))
            .execute();
        for (const [id, c] of counts) {
          await trx
            .insertInto('proposal_index')
            .values({ case_id: id, indexed_at: '2026-01-01T00:00:00Z' })
            .execute();
          await trx
            .insertInto('proposal_terms')
            .values(signatureTerms(c, dfs, 64).map((term) => ({ term, case_id: id })))
            .execute();
        }
      }),
    );
    console.log(`${size} proposals indexed in bulk in ${Math.round(performance.now() - started)} ms`);
    const loadTexts = (ids: number[]) => Promise.resolve(new Map(ids.map((id) => [id, texts.get(id)!])));
    const [found] = await similarProposals(db.kysely, HAND_WRITTEN[0]!.reworded, { scope: null, loadTexts });
    console.log(`top match ${found?.id} (expected ${size}), score ${found?.score}`);
    const common = texts.get(1)!;
    const results = [
      await measure(`ranking, reworded proposal, ${size}`, 50, 11, () =>
        similarProposals(db.kysely, HAND_WRITTEN[0]!.reworded, { scope: null, loadTexts }),
      ),
      // A proposal on the corpus's own topics: its terms' postings are the longest.
      await measure(`ranking, common-topic proposal, ${size}`, 50, 11, () =>
        similarProposals(db.kysely, common, { scope: null, loadTexts }),
      ),
    ];
    let next = size;
    results.push(
      await measure('indexing one submitted proposal', 50, 11, () =>
        db.kysely
          .transaction()
          .execute((trx) => indexProposal(trx, ++next, HAND_WRITTEN[1]!.original, new Date())),
      ),
    );
    return results;
  } finally {
    await db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) report(await main(Number(process.argv[2] ?? 25_000)));
