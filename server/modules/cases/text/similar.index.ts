/**
 * Similar earlier proposals through the stored term index (docs/decisions/proposal-similarity.md): a scan
 * of every earlier proposal takes seconds at 5,000 a year, so each proposal is indexed once, when it is
 * submitted, in the caller's transaction — its 64 heaviest features as postings, all its features counted
 * in the document frequencies. A ranking looks up the new proposal's 40 heaviest features, keeps the 50
 * proposals in scope sharing most, reads their text through the caller and ranks them exactly.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import {
  rankSimilar,
  signatureTerms,
  SIMILARITY_LIMITS,
  termCounts,
  type DocumentFrequencies,
  type Match,
  type ProposalText,
  type TermCounts,
} from './similar.ts';
import * as repo from './similar.repository.ts';

const SIGNATURE_TERMS = 64;
const QUERY_TERMS = 40;
const MIN_QUERY_TERMS = 10;
// Reading and counting a proposal's text costs about half a millisecond: the exact ranking reads 50.
const SHORT_LIST = 50;

type Q = Kysely<Database> | Transaction<Database>;

async function storedFrequencies(q: Q, terms: Iterable<string>, pending = 0): Promise<DocumentFrequencies> {
  const [indexed, found] = await Promise.all([
    repo.indexedCount(q),
    repo.frequenciesOf(q, [...new Set(terms)]),
  ]);
  return { documents: indexed + pending, frequency: (term) => found.get(term) ?? 0 };
}

/** Puts a submitted proposal in the index (once: an indexed proposal is removed first, with its old text). */
export async function indexProposal(
  trx: Transaction<Database>,
  caseId: number,
  text: ProposalText,
  at: Date,
): Promise<void> {
  if (await repo.isIndexed(trx, caseId)) throw new Error(`proposal ${caseId} is indexed already`);
  const counts = termCounts(text);
  const terms = [...counts.keys()];
  await repo.addFrequencies(trx, terms, 1);
  // N counts this proposal too (its row is written below): the first proposal would otherwise weigh nothing.
  const signature = signatureTerms(counts, await storedFrequencies(trx, terms, 1), SIGNATURE_TERMS);
  await repo.insertIndexed(trx, caseId, signature, at.toISOString());
}

/** Takes a proposal out of the index; `text` is the text it was indexed with. */
export async function removeProposal(trx: Transaction<Database>, caseId: number, text: ProposalText) {
  if (!(await repo.isIndexed(trx, caseId))) return;
  await repo.addFrequencies(trx, [...termCounts(text).keys()], -1);
  await repo.deleteIndexed(trx, caseId);
}

/**
 * The query's heaviest features whose postings are short enough to read: a feature held by more than one
 * proposal in 20 says little (low idf) and would cost thousands of rows; when nearly all are that common,
 * the rarest few are read anyway.
 */
function lookUpTerms(counts: TermCounts, frequencies: DocumentFrequencies, indexed: boolean): string[] {
  // A feature no other proposal holds finds nothing (the query's own, when it is indexed itself).
  const own = indexed ? 1 : 0;
  const heaviest = signatureTerms(counts, frequencies, counts.size).filter(
    (term) => frequencies.frequency(term) > own,
  );
  const most = Math.max(200, Math.ceil(frequencies.documents / 20));
  const short = heaviest.filter((term) => frequencies.frequency(term) <= most).slice(0, QUERY_TERMS);
  if (short.length >= MIN_QUERY_TERMS) return short;
  const byRarity = [...heaviest].sort((a, b) => frequencies.frequency(a) - frequencies.frequency(b));
  return byRarity.slice(0, MIN_QUERY_TERMS);
}

export interface SimilarQuery {
  /** Which indexed proposals may be returned: the reviewer's scope, earlier proposals, not the query itself. */
  scope: repo.TermScope | null;
  /** The text of the short-listed proposals, by case id (those it leaves out are skipped). */
  loadTexts: (caseIds: number[]) => Promise<Map<number, ProposalText>>;
  top?: number;
  /** Matches scoring below this are left out (by default none but 0). */
  minScore?: number;
  /** The query is itself in the index (a submitted proposal): its own features find only itself. */
  indexed?: boolean;
}

/** The indexed proposals in scope most similar to `query`, best first, scores in [0, 1]. */
export async function similarProposals(
  q: Q,
  query: ProposalText,
  options: SimilarQuery,
): Promise<Match<number>[]> {
  const queryCounts = termCounts(query);
  const queryFrequencies = await storedFrequencies(q, queryCounts.keys());
  const lookUp = lookUpTerms(queryCounts, queryFrequencies, options.indexed ?? false);
  const ids = await repo.proposalsSharing(q, lookUp, options.scope, SHORT_LIST);
  if (ids.length === 0) return [];
  const texts = await options.loadTexts(ids);
  const candidates: { id: number; counts: TermCounts }[] = [];
  for (const id of ids) {
    const text = texts.get(id);
    if (text) candidates.push({ id, counts: termCounts(text) });
  }
  const frequencies = await storedFrequencies(q, [
    ...queryCounts.keys(),
    ...candidates.flatMap((c) => [...c.counts.keys()]),
  ]);
  return rankSimilar(queryCounts, candidates, {
    frequencies,
    top: Math.min(options.top ?? 10, SIMILARITY_LIMITS.top),
    ...(options.minScore === undefined ? {} : { minScore: options.minScore }),
  });
}
