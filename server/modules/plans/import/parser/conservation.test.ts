import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, parsePlanTraced, type PlanNode, type PlanOutline } from './index.ts';
import { squeeze } from './text.ts';
import { conservationProblem } from './testing/conservation.ts';
import { noiseArb, planArb, planLines, renderNoisy } from './testing/generate.ts';

function expectShape(outline: PlanOutline): void {
  expect(typeof outline.title).toBe('string');
  expect(outline.year === null || Number.isInteger(outline.year)).toBe(true);
  expect(typeof outline.preamble).toBe('string');
  expect(typeof outline.closing).toBe('string');
  expect(Array.isArray(outline.nodes)).toBe(true);
  expect(outline.removed.every((r) => typeof r === 'string')).toBe(true);
  expect(outline.warnings.every((w) => typeof w.message === 'string' && Number.isInteger(w.offset))).toBe(
    true,
  );
  const visit = (nodes: PlanNode[]): void => {
    for (const n of nodes) {
      expect(typeof n.heading).toBe('string');
      expect(Array.isArray(n.lead) && Array.isArray(n.cooperating) && Array.isArray(n.proposedTasks)).toBe(
        true,
      );
      visit(n.children);
    }
  };
  visit(outline.nodes);
}

function expectConserved(text: string): void {
  const traced = parsePlanTraced(text);
  expect(conservationProblem(text, traced)).toBeNull();
  expectShape(traced.outline);
}

describe('conservation on generated documents', () => {
  it('holds for well-formed documents, which parse to the tree they were built from', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const text = planLines(plan).join('\n');
        expectConserved(text);
        const outline = parsePlan(text);
        expect(outline.title).toBe(plan.title);
        expect(outline.year).toBe(plan.year);
        expect(outline.nodes.map((n) => squeeze(n.heading))).toEqual(
          plan.sections.map((s) => squeeze(s.heading)),
        );
        // An intro holding 一是…三是 gives the section three more children before its items.
        outline.nodes.forEach((node, i) => {
          const section = plan.sections[i];
          const inline = section?.intro.includes('一是') ? 3 : 0;
          expect(node.children.length).toBe((section?.items.length ?? 0) + inline);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('holds with boilerplate, page markers, broken lines and one-line documents', () => {
    fc.assert(
      fc.property(planArb, noiseArb, (plan, noise) => {
        const text = renderNoisy(plan, noise);
        expectConserved(text);
        const outline = parsePlan(text);
        // In a one-line document only the link lists are recognisable (captions and metadata need a
        // line of their own), and "推荐访问：…" runs to the end of the line, so it may take more with it.
        const recognisable = noise.boilerplate.filter(
          ({ line }) => !noise.oneLine || /^(推荐访问|上一篇|下一篇)/.test(line),
        );
        for (const { line } of recognisable)
          expect(outline.removed.some((r) => squeeze(r).includes(squeeze(line)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the section count when lines are broken mid-sentence', () => {
    fc.assert(
      fc.property(planArb, fc.array(fc.nat(), { maxLength: 4 }), (plan, breaks) => {
        const text = renderNoisy(plan, { boilerplate: [], breaks, oneLine: false, pageMarker: false });
        expect(parsePlan(text).nodes.length).toBe(plan.sections.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('any input at all', () => {
  it('never throws on arbitrary strings and conserves them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => expectConserved(text)),
      { numRuns: 300 },
    );
  });

  it('never throws on strings built from plan-like characters', () => {
    const chars = fc.constantFrom(
      ...'一二三四五六十、（）().．1234567890是要：:，,。；“”"〝〞 \n\t\u3000第页共等活动品牌牵头单位配合'.split(
        '',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 300 }).map((a) => a.join('')),
        (text) => expectConserved(text),
      ),
      { numRuns: 500 },
    );
  });

  it('handles empty, blank and binary-looking input', () => {
    for (const text of [
      '',
      ' ',
      '\n\n\t\u3000',
      '\u0000\u0001\uFFFD\uFFFE',
      Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)).toString('latin1'),
    ]) {
      expectConserved(text);
    }
  });

  it('handles 1 MB of random Unicode and a single 500 KB line', () => {
    const random = fc
      .sample(fc.string({ unit: 'grapheme', minLength: 1000, maxLength: 1000 }), { numRuns: 1000, seed: 7 })
      .join('');
    expectConserved(random.slice(0, 1_000_000));
    const line = '加强政治引领，“推动”一是落实。二、（三）1.等品牌活动 '.repeat(20_000).slice(0, 500_000);
    expectConserved(line);
  });
});
