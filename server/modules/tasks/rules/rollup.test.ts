import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaskStatus } from './health.ts';
import { planItemProgress, type RollupChild, rollupProgress } from './rollup.ts';

const child = (progress: number, weight = 1, status: TaskStatus = 'accepted'): RollupChild => ({
  progress,
  weight,
  status,
});

describe('rollupProgress', () => {
  it.each<[string, RollupChild[], number | null]>([
    ['no children', [], null],
    ['one child', [child(37)], 37],
    ['equal weights', [child(20), child(60)], 40],
    ['weights count', [child(20, 3), child(60, 1)], 30],
    ['rounded down, never up', [child(33), child(34)], 33],
    ['100% only when every child is done', [child(100), child(100), child(99)], 99],
    ['a zero weight does not count', [child(0, 0), child(80, 2)], 80],
    ['all weights zero: all count equally', [child(0, 0), child(50, 0)], 25],
    ['cancelled children do not count', [child(0, 5, 'cancelled'), child(70)], 70],
    ['all cancelled: nothing to roll up', [child(40, 1, 'cancelled')], null],
    ['completed counts as 100', [child(60, 1, 'completed'), child(50)], 75],
    [
      'completion requested keeps its reported progress',
      [child(90, 1, 'completion_requested'), child(50)],
      70,
    ],
    ['draft children count with their progress', [child(0, 1, 'draft'), child(80)], 40],
  ])('%s', (_name, children, expected) => {
    expect(rollupProgress(children)).toBe(expected);
  });

  it('refuses progress outside 0–100 and negative or fractional weights', () => {
    expect(() => rollupProgress([child(101)])).toThrow(RangeError);
    expect(() => rollupProgress([child(50.5)])).toThrow(RangeError);
    expect(() => rollupProgress([child(50, -1)])).toThrow(RangeError);
    expect(() => rollupProgress([child(50, 0.5)])).toThrow(RangeError);
  });

  it('a plan item rolls up its top tasks the same way', () => {
    expect(planItemProgress([child(20, 3), child(60, 1)])).toBe(30);
  });
});

const childArb = fc.record({
  progress: fc.integer({ min: 0, max: 100 }),
  weight: fc.integer({ min: 0, max: 1000 }),
  status: fc.constantFrom<TaskStatus>(
    'draft',
    'assigned',
    'accepted',
    'completion_requested',
    'completed',
    'cancelled',
  ),
});

describe('rollupProgress (properties)', () => {
  it('lies between the lowest and highest counted child, and is a whole percent', () => {
    fc.assert(
      fc.property(fc.array(childArb, { maxLength: 30 }), (children) => {
        const result = rollupProgress(children);
        const counted = children
          .filter((c) => c.status !== 'cancelled')
          .map((c) => (c.status === 'completed' ? 100 : c.progress));
        if (counted.length === 0) {
          expect(result).toBeNull();
          return;
        }
        expect(Number.isInteger(result)).toBe(true);
        expect(result!).toBeGreaterThanOrEqual(Math.min(...counted));
        expect(result!).toBeLessThanOrEqual(Math.max(...counted));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the children, and scaling every weight changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(childArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 9 }),
        (children, k) => {
          const result = rollupProgress(children);
          expect(rollupProgress([...children].reverse())).toBe(result);
          expect(rollupProgress(children.map((c) => ({ ...c, weight: c.weight * k })))).toBe(result);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is 100 exactly when every counted child is complete', () => {
    fc.assert(
      fc.property(fc.array(childArb, { minLength: 1, maxLength: 30 }), (children) => {
        const result = rollupProgress(children);
        const counted = children.filter((c) => c.status !== 'cancelled');
        const weighted = counted.some((c) => c.weight > 0);
        const allDone = counted
          .filter((c) => !weighted || c.weight > 0)
          .every((c) => c.status === 'completed' || c.progress === 100);
        if (result !== null) expect(result === 100).toBe(allDone);
      }),
      { numRuns: 300 },
    );
  });
});
