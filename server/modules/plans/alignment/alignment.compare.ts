// Comparing two plans item by item (year over year, or a county's against the province's). Items are
// matched one-to-one by text similarity (Dice over words and character bigrams, greedy by best score),
// never by position; a matched pair is "moved" when it sits under a different parent or out of order.
import { dice, featuresOf, wordDiff, type DiffSegment } from '../plan.text.ts';

export interface CompareItem {
  id: number;
  parentId: number | null;
  /** Pre-order index in its plan. */
  ord: number;
  position: number;
  number: string | null;
  heading: string;
  body: string;
  /**
   * Identity across the two sides when it is known (a version and the current plan share item ids; a
   * revision's item names the published item it was copied from): equal keys pair before any scoring.
   */
  key?: number | null | undefined;
}

export type CompareKind = 'matched' | 'changed' | 'added' | 'removed';

export interface CompareEntry {
  kind: CompareKind;
  /** For matched and changed items: under another parent, or in another order among its siblings. */
  moved: 'parent' | 'order' | null;
  score: number | null;
  left: CompareItem | null;
  right: CompareItem | null;
  diff: { heading: DiffSegment[]; body: DiffSegment[] } | null;
}

const MATCH_THRESHOLD = 0.4;
const HEADING_THRESHOLD = 0.8;

const textOf = (i: CompareItem) => `${i.heading}\n${i.body}`;
const headingOf = (i: CompareItem) => i.heading;

interface Pair {
  l: number;
  r: number;
  score: number;
}

/**
 * Scores pairs by their whole text and by their headings alone, keeping the better of the two: an item
 * whose heading stayed while its body was rewritten (or dropped) is still the same item.
 */
function candidatePairs(left: CompareItem[], right: CompareItem[], threshold: number): Pair[] {
  const best = new Map<string, Pair>();
  // Headings are short, so sharing a few characters means little: alone they must be near-identical.
  const passes = [
    { text: textOf, min: threshold },
    { text: headingOf, min: Math.max(threshold, HEADING_THRESHOLD) },
  ];
  for (const { text, min } of passes) {
    for (const p of scoredPairs(left.map(text), right.map(text), min)) {
      const headingsOnly = !left[p.l]!.body.trim() && !right[p.r]!.body.trim();
      if (headingsOnly && p.score < HEADING_THRESHOLD) continue;
      const key = `${p.l}:${p.r}`;
      if ((best.get(key)?.score ?? -1) < p.score) best.set(key, p);
    }
  }
  // Best score first; on a tie, the pair closest in relative position.
  const rel = (p: Pair) => Math.abs(p.l / Math.max(1, left.length) - p.r / Math.max(1, right.length));
  return [...best.values()].sort((a, b) => b.score - a.score || rel(a) - rel(b));
}

/** Scores every pair sharing a feature (through an inverted index) and keeps those at or above the threshold. */
function scoredPairs(left: string[], right: string[], threshold: number): Pair[] {
  const lf = left.map((t) => featuresOf(t));
  const rf = right.map((t) => featuresOf(t));
  const index = new Map<string, number[]>();
  rf.forEach((features, r) => {
    for (const f of features) {
      const list = index.get(f);
      if (list) list.push(r);
      else index.set(f, [r]);
    }
  });
  const pairs: Pair[] = [];
  lf.forEach((features, l) => {
    const shared = new Map<number, number>();
    for (const f of features) for (const r of index.get(f) ?? []) shared.set(r, (shared.get(r) ?? 0) + 1);
    for (const [r, n] of shared) {
      const score = (2 * n) / (features.size + rf[r]!.size);
      if (score >= threshold) pairs.push({ l, r, score });
    }
  });
  return pairs;
}

/** Pairs of items carrying the same key (see CompareItem.key), scored by their text. */
function keyedPairs(left: CompareItem[], right: CompareItem[]): Pair[] {
  const rightOfKey = new Map<number, number>();
  right.forEach((item, r) => {
    if (item.key != null && !rightOfKey.has(item.key)) rightOfKey.set(item.key, r);
  });
  const pairs: Pair[] = [];
  left.forEach((item, l) => {
    const r = item.key == null ? undefined : rightOfKey.get(item.key);
    if (r === undefined) return;
    const score = dice(featuresOf(textOf(item)), featuresOf(textOf(right[r]!)));
    pairs.push({ l, r, score: textOf(item) === textOf(right[r]!) ? 1 : score });
  });
  return pairs;
}

/**
 * One-to-one matching: items with equal keys first, then greedy by best score. Returns right index per
 * left index (or -1).
 */
function matchItems(left: CompareItem[], right: CompareItem[], threshold = MATCH_THRESHOLD) {
  const leftToRight = new Array<number>(left.length).fill(-1);
  const rightToLeft = new Array<number>(right.length).fill(-1);
  const scores = new Array<number>(left.length).fill(0);
  for (const p of [...keyedPairs(left, right), ...candidatePairs(left, right, threshold)]) {
    if (leftToRight[p.l] !== -1 || rightToLeft[p.r] !== -1) continue;
    leftToRight[p.l] = p.r;
    rightToLeft[p.r] = p.l;
    scores[p.l] = p.score;
  }
  return { leftToRight, rightToLeft, scores };
}

/** Indices (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i !== -1; i = prev[i]!) keep.add(i);
  return keep;
}

function movedKinds(
  left: CompareItem[],
  right: CompareItem[],
  leftToRight: number[],
): Array<'parent' | 'order' | null> {
  const leftIdx = new Map(left.map((item, i) => [item.id, i]));
  const moved = new Array<'parent' | 'order' | null>(left.length).fill(null);
  const groups = new Map<string, number[]>();
  left.forEach((item, l) => {
    const r = leftToRight[l]!;
    if (r === -1) return;
    const lp = item.parentId === null ? -1 : (leftIdx.get(item.parentId) ?? -1);
    // The right-hand parent the match should have: root for a root, the parent's match otherwise
    // (undefined when the parent itself was removed, which always counts as moved).
    const parentMatch = lp === -1 ? -1 : leftToRight[lp]!;
    const expectedId = lp === -1 ? null : parentMatch === -1 ? undefined : right[parentMatch]!.id;
    const actual = right[r]!.parentId;
    if (expectedId !== actual) moved[l] = 'parent';
    else groups.set(String(actual), [...(groups.get(String(actual)) ?? []), l]);
  });
  for (const members of groups.values()) {
    const ordered = members.sort((a, b) => left[a]!.ord - left[b]!.ord);
    const keep = longestIncreasing(ordered.map((l) => right[leftToRight[l]!]!.ord));
    ordered.forEach((l, k) => {
      if (!keep.has(k)) moved[l] = 'order';
    });
  }
  return moved;
}

const same = (a: CompareItem, b: CompareItem) =>
  a.heading.trim() === b.heading.trim() && a.body.trim() === b.body.trim();

export function compareItems(left: CompareItem[], right: CompareItem[], threshold = MATCH_THRESHOLD) {
  const l = [...left].sort((a, b) => a.ord - b.ord);
  const r = [...right].sort((a, b) => a.ord - b.ord);
  const { leftToRight, rightToLeft, scores } = matchItems(l, r, threshold);
  const moved = movedKinds(l, r, leftToRight);
  const entries: CompareEntry[] = r.map((item, ri) => {
    const li = rightToLeft[ri]!;
    if (li === -1) return { kind: 'added', moved: null, score: null, left: null, right: item, diff: null };
    const before = l[li]!;
    const unchanged = same(before, item);
    return {
      kind: unchanged ? 'matched' : 'changed',
      moved: moved[li]!,
      score: Math.round(scores[li]! * 1000) / 1000,
      left: before,
      right: item,
      diff: unchanged
        ? null
        : { heading: wordDiff(before.heading, item.heading), body: wordDiff(before.body, item.body) },
    };
  });
  return {
    entries: placeRemoved(entries, l, leftToRight),
    summary: summarise(entries, l, leftToRight, moved),
  };
}

// Each removed item goes right after the entry of the nearest earlier left item that was matched.
function placeRemoved(entries: CompareEntry[], left: CompareItem[], leftToRight: number[]): CompareEntry[] {
  const out = [...entries];
  let anchor = -1;
  left.forEach((item, li) => {
    if (leftToRight[li] !== -1) {
      anchor = out.findIndex((e) => e.left?.id === item.id);
      return;
    }
    out.splice(anchor + 1, 0, {
      kind: 'removed',
      moved: null,
      score: null,
      left: item,
      right: null,
      diff: null,
    });
    anchor++;
  });
  return out;
}

function summarise(
  entries: CompareEntry[],
  left: CompareItem[],
  leftToRight: number[],
  moved: Array<string | null>,
) {
  const count = (k: CompareKind) => entries.filter((e) => e.kind === k).length;
  return {
    matched: count('matched'),
    changed: count('changed'),
    added: count('added'),
    removed: leftToRight.filter((r) => r === -1).length,
    moved: moved.filter((m) => m !== null).length,
    leftItems: left.length,
    rightItems: entries.length,
  };
}
