import { describe, expect, it } from 'vitest';
import {
  rankSimilar,
  SIMILARITY_LIMITS,
  SimilarityLimitError,
  termCounts,
  type ProposalText,
} from './similar.ts';
import { distractors, HAND_WRITTEN, nearDistractors, UNRELATED } from './testing/proposals.ts';

interface Earlier {
  id: string;
  text: ProposalText;
}

// The earlier proposals: 240 generated distractors on 24 topics, the near neighbours, and every
// hand-written original.
function collection(): Earlier[] {
  const earlier: Earlier[] = [
    ...distractors(240).map((text, i) => ({ id: `d${i}`, text })),
    ...nearDistractors().map((text, i) => ({ id: `n${i}`, text })),
    ...HAND_WRITTEN.map((h) => ({ id: h.name, text: h.original })),
  ];
  return earlier;
}

const candidatesOf = (earlier: Earlier[]) => earlier.map((e) => ({ id: e.id, counts: termCounts(e.text) }));

describe('proposal similarity', () => {
  const earlier = collection();
  const candidates = candidatesOf(earlier);

  it('has at least 200 distractors of varied subjects', () => {
    const titles = new Set(earlier.map((e) => e.text.title));
    expect(earlier.length).toBeGreaterThanOrEqual(200);
    expect(titles.size).toBeGreaterThanOrEqual(25);
  });

  it.each(HAND_WRITTEN.map((h) => [h.name, h] as const))(
    'finds the reworded %s proposal among the top three',
    (name, h) => {
      const matches = rankSimilar(termCounts(h.reworded), candidates, { top: 3 });
      expect(matches.map((m) => m.id)).toContain(name);
      // In practice it comes first, clearly ahead of the rest.
      expect(matches[0]?.id).toBe(name);
      expect(matches[0]?.score).toBeGreaterThan(0.5);
      expect(matches[1]?.score ?? 0).toBeLessThan(0.3);
    },
  );

  it('scores an unrelated proposal low against every earlier one', () => {
    const [best] = rankSimilar(termCounts(UNRELATED), candidates, { top: 1 });
    expect(best?.score ?? 0).toBeLessThan(0.15);
  });

  it('gives 1 for the same text, whatever the order of its parts', () => {
    const original = HAND_WRITTEN[0]!.original;
    const shuffled = { title: original.title, parts: [...original.parts].reverse() };
    const [match] = rankSimilar(termCounts(shuffled), [
      { id: 'same', counts: termCounts(original) },
      ...candidates,
    ]);
    expect(match).toEqual({ id: 'same', score: 1 });
  });

  it('ignores the 情况/分析/建议 boilerplate, numbers, years and punctuation', () => {
    // A proposal of headings only resembles no earlier proposal: every one has them.
    const headings = {
      title: '关于……的建议',
      parts: ['一、基本情况。2023年，10%。', '二、原因分析：', '三、对策建议！'],
    };
    const [best] = rankSimilar(termCounts(headings), candidates, { top: 1 });
    expect(best?.score ?? 0).toBeLessThan(0.15);
    // Full-width Latin folds into ASCII: ５Ｇ and 5G are one feature, plain numbers none.
    expect([...termCounts({ title: '５Ｇ基站', parts: ['2025年建成5G基站100个'] }).keys()]).toEqual(
      expect.arrayContaining(['w:5g', 'b:基站']),
    );
    expect(termCounts({ title: '', parts: ['2025，100。'] }).size).toBe(0);
  });

  it('never reads more than the bounded length and refuses too many candidates', () => {
    const long: ProposalText = { title: '标题', parts: ['乡'.repeat(100_000), '振兴'.repeat(1000)] };
    const counts = termCounts(long);
    expect(counts.get('u:乡')).toBe(SIMILARITY_LIMITS.textChars - 2);
    expect(counts.has('b:振兴')).toBe(false);
    const tooMany = Array.from({ length: SIMILARITY_LIMITS.candidates + 1 }, (_, id) => ({ id, counts }));
    expect(() => rankSimilar(counts, tooMany)).toThrow(SimilarityLimitError);
    expect(rankSimilar(counts, [], { top: 1000 })).toEqual([]);
  });

  it('returns nothing for an empty text and keeps the top bounded', () => {
    expect(rankSimilar(termCounts({ title: '', parts: [] }), candidates)).toEqual([]);
    const matches = rankSimilar(termCounts(HAND_WRITTEN[1]!.reworded), candidates, { top: 10_000 });
    expect(matches.length).toBe(SIMILARITY_LIMITS.top);
  });
});
