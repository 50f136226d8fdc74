/**
 * Chinese text similarity for proposals (议政建言): rank earlier proposals against a new one, so staff
 * reviewing it see likely duplicates. Pure functions, no I/O, no model, nothing downloaded.
 *
 * A proposal's features are the character bigrams of its Chinese text (robust to word segmentation and
 * to synonyms that share a character, 融资难/融资贵) plus, with less weight, its single characters (so a
 * synonym pair that shares one character still counts a little). Runs of Chinese text are split at
 * punctuation and at anything not Chinese, so no bigram spans a sentence break; very frequent function
 * characters (的, 了, 和 …) are dropped as unigrams and break bigrams. Latin words and numbers with
 * letters (5G, AI) are single features; plain numbers and years are dropped (they change every year
 * and say nothing about the subject).
 *
 * Weighting is TF-IDF with a sublinear term frequency, 1 + ln(tf), and idf = ln((N + 1) / (df + 0.5))
 * clipped at zero: a feature in nearly every proposal (建议, 情况, 分析, 发展 …) weighs nothing, so the
 * 情况/分析/建议 boilerplate does not make every proposal look alike. The score is the cosine of the two
 * weighted vectors, in [0, 1]; order of sentences and paragraphs does not matter, an added paragraph
 * lowers it only by its share of the text. docs/decisions/proposal-similarity.md says why and gives the
 * figures.
 */

/** The text of one proposal as the similarity sees it. */
export interface ProposalText {
  title: string;
  /** 情况, 分析, 建议 (any of them may be empty). */
  parts: readonly string[];
}

/** Bounds on what one ranking may cost. */
export const SIMILARITY_LIMITS = {
  /** Characters of one proposal read (title and parts together); a proposal is 1–5 thousand. */
  textChars: 20_000,
  /** Earlier proposals ranked in one request (5,000 a year for five years, with room). */
  candidates: 40_000,
  /** Matches returned at most. */
  top: 50,
} as const;

/** Features of one text with their counts. Keys: `b:` bigram, `u:` single character, `w:` Latin word. */
export type TermCounts = ReadonlyMap<string, number>;

// A unigram says less than a bigram: it is shared by many unrelated texts.
const UNIGRAM_WEIGHT = 0.4;
// The title names the subject; its features count as if written this many times.
const TITLE_REPEAT = 2;

// Function characters: dropped as unigrams, and a bigram holding one is dropped too ("的发", "和完").
const STOP_CHARACTERS = new Set(
  Array.from('的了和与及等是在对为之其而并或于把被也就都这那们着以将从向由所则即此该'),
);
// Heading numbers (一、二、三、), counts and dates say nothing alone; in bigrams (统一, 年轻) they stay.
const NOT_UNIGRAMS = new Set(Array.from('一二三四五六七八九十百千万亿年月日个第'));

const HAN = /\p{Script=Han}/u;
// A run of Chinese characters, or a run of Latin letters and digits.
const TOKEN_RUN = /\p{Script=Han}+|[a-z0-9]+/gu;
const ONLY_DIGITS = /^[0-9]+$/;
const MAX_WORD = 32;

function addTo(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

function countText(text: string, counts: Map<string, number>, repeat: number): void {
  // NFKC folds full-width letters and digits (５Ｇ) into their ASCII forms.
  const normalised = text.normalize('NFKC').toLowerCase();
  for (const match of normalised.matchAll(TOKEN_RUN)) {
    const run = match[0];
    if (!HAN.test(run.charAt(0))) {
      // Cut at MAX_WORD: a stored feature has a bounded length (a run of letters is no word past that).
      if (!ONLY_DIGITS.test(run)) addTo(counts, `w:${run.slice(0, MAX_WORD)}`, repeat);
      continue;
    }
    const chars = Array.from(run);
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] as string;
      if (STOP_CHARACTERS.has(c)) continue;
      if (!NOT_UNIGRAMS.has(c)) addTo(counts, `u:${c}`, repeat);
      const next = chars[i + 1];
      if (next !== undefined && !STOP_CHARACTERS.has(next)) addTo(counts, `b:${c}${next}`, repeat);
    }
  }
}

/** The text read from a proposal: title first, then the parts, cut at the limit. */
function boundedParts(proposal: ProposalText): { title: string; body: string } {
  const title = proposal.title.slice(0, SIMILARITY_LIMITS.textChars);
  const body = proposal.parts.join('\n').slice(0, SIMILARITY_LIMITS.textChars - title.length);
  return { title, body };
}

/** The features of a proposal with their counts (title counted twice). Reads at most `textChars`. */
export function termCounts(proposal: ProposalText): TermCounts {
  const { title, body } = boundedParts(proposal);
  const counts = new Map<string, number>();
  countText(title, counts, TITLE_REPEAT);
  countText(body, counts, 1);
  return counts;
}

/** How many documents hold each feature, and how many documents there are. */
export interface DocumentFrequencies {
  readonly documents: number;
  frequency(term: string): number;
}

/** Document frequencies counted over the given term counts (the in-memory corpus). */
export function documentFrequencies(all: Iterable<TermCounts>): DocumentFrequencies {
  const df = new Map<string, number>();
  let documents = 0;
  for (const counts of all) {
    documents++;
    for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { documents, frequency: (term) => df.get(term) ?? 0 };
}

function inverseFrequency(term: string, dfs: DocumentFrequencies): number {
  // A term never seen (df 0) is as rare as can be; one in every document weighs nothing.
  const idf = Math.log((dfs.documents + 1) / (dfs.frequency(term) + 0.5));
  return Math.max(0, idf);
}

/** A proposal's weighted feature vector, scaled to length 1 (an empty text gives an empty vector). */
export type UnitVector = ReadonlyMap<string, number>;

function unitVector(counts: TermCounts, dfs: DocumentFrequencies): UnitVector {
  const vector = new Map<string, number>();
  let squares = 0;
  for (const [term, count] of counts) {
    const kind = term.startsWith('u:') ? UNIGRAM_WEIGHT : 1;
    const weight = (1 + Math.log(count)) * inverseFrequency(term, dfs) * kind;
    if (weight <= 0) continue;
    vector.set(term, weight);
    squares += weight * weight;
  }
  const norm = Math.sqrt(squares);
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

/**
 * The `size` features that weigh most in a proposal (tf·idf), heaviest first: what a stored term index
 * keeps per proposal to find candidates without reading every earlier proposal.
 */
export function signatureTerms(counts: TermCounts, dfs: DocumentFrequencies, size: number): string[] {
  return [...unitVector(counts, dfs)]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([term]) => term);
}

/** Cosine of two unit vectors, in [0, 1]. */
function cosine(a: UnitVector, b: UnitVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  // Rounding can push the cosine of a text with itself a hair past 1.
  return Math.min(1, sum);
}

export interface Candidate<Id> {
  id: Id;
  counts: TermCounts;
}

export interface Match<Id> {
  id: Id;
  /** Cosine similarity in [0, 1], rounded to three places. */
  score: number;
}

export interface RankOptions {
  /** Matches returned (at most SIMILARITY_LIMITS.top). */
  top?: number;
  /** Matches scoring below this are left out. */
  minScore?: number;
  /** Document frequencies over the whole collection (a stored index); counted over the candidates when left out. */
  frequencies?: DocumentFrequencies;
}

/** A bad call (a programming error, not a user's input): the route bounds what it passes. */
export class SimilarityLimitError extends RangeError {}

/**
 * The candidates most similar to `query`, best first (ties by the order given). Document frequencies
 * are counted over the candidates and the query unless a stored collection's are passed.
 */
export function rankSimilar<Id>(
  query: TermCounts,
  candidates: readonly Candidate<Id>[],
  options: RankOptions = {},
): Match<Id>[] {
  if (candidates.length > SIMILARITY_LIMITS.candidates)
    throw new SimilarityLimitError(
      `at most ${SIMILARITY_LIMITS.candidates} candidates per ranking, got ${candidates.length}`,
    );
  const top = Math.min(options.top ?? 10, SIMILARITY_LIMITS.top);
  const minScore = options.minScore ?? 0;
  const dfs = options.frequencies ?? documentFrequencies([query, ...candidates.map((c) => c.counts)]);
  const queryVector = unitVector(query, dfs);
  const matches: (Match<Id> & { at: number })[] = [];
  candidates.forEach((candidate, at) => {
    const score = cosine(queryVector, unitVector(candidate.counts, dfs));
    if (score > 0 && score >= minScore) matches.push({ id: candidate.id, score, at });
  });
  matches.sort((a, b) => b.score - a.score || a.at - b.at);
  return matches.slice(0, top).map(({ id, score }) => ({ id, score: Math.round(score * 1000) / 1000 }));
}
