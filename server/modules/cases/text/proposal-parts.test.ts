import { describe, expect, it } from 'vitest';
import { proposalParts, type Paragraph } from './proposal-parts.ts';

const lines = (...texts: string[]): Paragraph[] => texts.map((text) => ({ text }));

describe('proposal parts', () => {
  it('recognises the usual heading forms', () => {
    const forms: [string, 'situation' | 'analysis' | 'suggestions'][] = [
      ['一、情况', 'situation'],
      ['（一）基本情况：', 'situation'],
      ['1. 存在问题', 'situation'],
      ['一、存在的主要问题', 'situation'],
      ['【现状】', 'situation'],
      ['二、原因分析', 'analysis'],
      ['(2) 问题成因', 'analysis'],
      ['二、存在的主要问题及原因', 'analysis'],
      ['第二部分：分析', 'analysis'],
      ['三、对策建议', 'suggestions'],
      ['3、意见建议', 'suggestions'],
      ['三、进一步做好养老服务工作的几点建议', 'suggestions'],
      ['对策：', 'suggestions'],
    ];
    for (const [heading, part] of forms) {
      const draft = proposalParts(lines('标题', heading, '正文。'));
      expect({ heading, text: draft[part] }).toEqual({ heading, text: '正文。' });
    }
  });

  it('leaves sentences that begin with a part name in the text', () => {
    const draft = proposalParts(
      lines(
        '关于……的建议',
        '一、情况',
        '问题的根源在于投入不足。',
        '分析表明，需求增长较快。',
        '（一）建议设立专项资金。',
        '建议设立专项资金。',
        '三是建议部门加强协调。',
      ),
    );
    expect(draft.situation.split('\n')).toHaveLength(5);
    expect(draft.analysis).toBe('');
    expect(draft.suggestions).toBe('');
  });

  it('takes a short bold or heading-styled line ending in a part name as a heading, never the title', () => {
    const draft = proposalParts([
      { text: '关于加强养老服务的建议', bold: true },
      { text: '几点建议', bold: true },
      { text: '正文。' },
      { text: '问题产生的原因', heading: true },
      { text: '甲。' },
      { text: '完善养老护理员薪酬待遇的建议', bold: false },
    ]);
    expect(draft).toMatchObject({
      title: '关于加强养老服务的建议',
      suggestions: '正文。',
      analysis: '甲。\n完善养老护理员薪酬待遇的建议',
    });
  });
});
