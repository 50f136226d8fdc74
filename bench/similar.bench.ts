/**
 * Proposal similarity speed: `node --import tsx bench/similar.bench.ts`. Staff review at about 5,000
 * proposals a year for five years, so a ranking may face 25,000 earlier proposals. Measures
 * (1) reading one proposal's features, (2) ranking by reading every earlier proposal's text,
 * (3) ranking over every earlier proposal's features kept in memory, and (4) a two-stage ranking through
 * a term index (each proposal's 64 heaviest features → a short list of 200 → exact cosine), the shape a
 * stored index would take (docs/decisions/proposal-similarity.md).
 */
import {
  documentFrequencies,
  type DocumentFrequencies,
  rankSimilar,
  signatureTerms,
  termCounts,
  type ProposalText,
  type TermCounts,
} from '../server/modules/cases/text/similar.ts';
import { distractors, HAND_WRITTEN } from '../server/modules/cases/text/testing/proposals.ts';
import { measure, report, type BenchResult } from './measure.ts';

const SIGNATURE = 64;
const QUERY_TERMS = 40;
const SHORT_LIST = 200;

/** `count` proposals of about 2,000 characters (real ones run 1,500–3,000), built from the generator. */
function proposals(count: number): ProposalText[] {
  const pieces = distractors(count * 4, 11);
  return Array.from({ length: count }, (_, i) => {
    const own = pieces.slice(i * 4, i * 4 + 4);
    return { title: own[0]!.title, parts: own.flatMap((p) => p.parts) };
  });
}

// `dfs` stands for a stored table of document frequencies (term → proposals holding it).
function twoStage(
  query: TermCounts,
  all: TermCounts[],
  postings: Map<string, number[]>,
  dfs: DocumentFrequencies,
) {
  const scores = new Map<number, number>();
  for (const term of signatureTerms(query, dfs, QUERY_TERMS))
    for (const id of postings.get(term) ?? []) scores.set(id, (scores.get(id) ?? 0) + 1);
  const shortList = [...scores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, SHORT_LIST)
    .map(([id]) => ({ id, counts: all[id]! }));
  return rankSimilar(query, shortList, { frequencies: dfs, top: 10 });
}

export async function main(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const query = HAND_WRITTEN[0]!.reworded;
  for (const size of [5_000, 25_000]) {
    const texts = [...proposals(size - 1), HAND_WRITTEN[0]!.original];
    const counts = texts.map(termCounts);
    // Ranking over every earlier proposal is measured once, at the smaller size: it is far too slow.
    if (size === 5_000) {
      results.push(
        await measure(`read text + rank, ${size} earlier`, 500, 1, () =>
          rankSimilar(
            termCounts(query),
            texts.map((text, id) => ({ id, counts: termCounts(text) })),
          ),
        ),
      );
      const candidates = counts.map((c, id) => ({ id, counts: c }));
      results.push(
        await measure(`features in memory, ${size} earlier`, 200, 1, () =>
          rankSimilar(termCounts(query), candidates),
        ),
      );
    }
    // The index: each proposal's heaviest features, with document frequencies over the collection.
    const dfs = documentFrequencies(counts);
    const postings = new Map<string, number[]>();
    counts.forEach((c, id) => {
      for (const term of signatureTerms(c, dfs, SIGNATURE)) {
        const ids = postings.get(term);
        if (ids) ids.push(id);
        else postings.set(term, [id]);
      }
    });
    const rows = [...postings.values()].reduce((n, ids) => n + ids.length, 0);
    console.log(`${size}: ${postings.size} indexed features, ${rows} index rows`);
    const found = twoStage(termCounts(query), counts, postings, dfs);
    console.log(
      `${size}: two-stage top match ${found[0]?.id} (expected ${size - 1}), score ${found[0]?.score}`,
    );
    results.push(
      await measure(`two-stage through the index, ${size}`, 50, 11, () =>
        twoStage(termCounts(query), counts, postings, dfs),
      ),
    );
  }
  results.push(await measure('read one proposal (~2,000 chars)', 5, 51, () => termCounts(proposals(1)[0]!)));
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) report(await main());
