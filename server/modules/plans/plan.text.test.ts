import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snippetOf } from './search/search.service.ts';
import { queryTokensOf, searchTokensOf, similarity, wordDiff } from './plan.text.ts';

describe('plan text', () => {
  it('segments item text into a space-delimited word column', () => {
    expect(searchTokensOf('全面推进乡村振兴', '“万企兴万村”')).toBe(' 全面 推进 乡村 振兴 万 企 兴 万 村 ');
    expect(queryTokensOf('乡村振兴 乡村')).toEqual(['乡村', '振兴']);
    expect(queryTokensOf('%_，。')).toEqual([]);
  });

  it('rates a year-over-year rewording high and unrelated text low', () => {
    expect(similarity('做好2021年统一战线各项工作', '做好2022年统一战线各项工作')).toBe(1);
    expect(similarity('铸牢中华民族共同体意识', '引导民营企业家守法经营')).toBeLessThan(0.2);
  });

  it('word differences always rebuild both texts', () => {
    const text = fc.string({
      unit: fc.constantFrom('统', '战', '工', '作', '乡', '村', '振', '兴', '，', 'a', ' '),
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const diff = wordDiff(a, b);
        expect(
          diff
            .filter((d) => d.op !== 'insert')
            .map((d) => d.text)
            .join(''),
        ).toBe(a);
        expect(
          diff
            .filter((d) => d.op !== 'delete')
            .map((d) => d.text)
            .join(''),
        ).toBe(b);
      }),
    );
  });

  it('cuts a snippet around the first hit and marks every token in it', () => {
    const { snippet, highlights } = snippetOf(`${'前文'.repeat(40)}全面推进乡村振兴，服务乡村发展`, [
      '乡村',
      '振兴',
    ]);
    expect(snippet.startsWith('…')).toBe(true);
    expect(highlights.map((h) => snippet.slice(h.start, h.start + h.length))).toEqual([
      '乡村',
      '振兴',
      '乡村',
    ]);
  });
});
