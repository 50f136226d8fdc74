import type { TaskStatus } from './health.ts';

// Roll-ups (上下贯通): a parent task's progress from its children's, and a plan item's from its top
// tasks. Pure; the tasks module calls them in the transaction that accepts a report.

export interface RollupChild {
  /** Percent complete, an integer 0–100. */
  progress: number;
  /** The child's weight (权重), a non-negative integer. */
  weight: number;
  status: TaskStatus;
}

function check(child: RollupChild): void {
  if (!Number.isInteger(child.progress) || child.progress < 0 || child.progress > 100) {
    throw new RangeError(`进度应为 0–100 的整数：${child.progress}`);
  }
  if (!Number.isSafeInteger(child.weight) || child.weight < 0) {
    throw new RangeError(`权重应为非负整数：${child.weight}`);
  }
}

/**
 * The weighted average of the children's progress, rounded down to a whole percent, or null when no
 * child counts (no children, or all cancelled): the caller then keeps the parent's own progress.
 * - Cancelled children do not count; completed children count as 100 whatever their last report said.
 * - A child with weight 0 does not count, unless every counting child has weight 0: then all count
 *   equally (a tree where nobody set weights still rolls up).
 * - Rounding down is exact (integer arithmetic) and never overstates: a parent shows 100% only when
 *   every counting child is at 100%, and the result lies between the lowest and highest child.
 */
export function rollupProgress(children: readonly RollupChild[]): number | null {
  children.forEach(check);
  const counted = children
    .filter((c) => c.status !== 'cancelled')
    .map((c) => ({ progress: c.status === 'completed' ? 100 : c.progress, weight: c.weight }));
  if (counted.length === 0) return null;
  const weighted = counted.some((c) => c.weight > 0);
  let sum = 0;
  let total = 0;
  for (const c of counted) {
    const weight = weighted ? c.weight : 1;
    sum += weight * c.progress;
    total += weight;
  }
  // Integers below 2^53 as long as the weights sum below ~9e13: far beyond any real tree.
  return Math.floor(sum / total);
}

/** A plan item's progress: the same roll-up over its top-level tasks (those without a parent). */
export const planItemProgress = rollupProgress;
