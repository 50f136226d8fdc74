// What one write of a task moves in each counter table (task.counts.repository.ts): the task's counted
// facts before the write are taken out (−1) and those after it put in (+1), summed by each table's key,
// so that a key the write did not change cancels out and costs no statement. What is left is one row per
// key, written by one upsert per table (a submission changing a task's colour moved some 18 counter rows
// with one statement each; it now writes at most one statement per table).
import type { Health, TaskStatus } from '../../db/schema.ts';

/** The facts of a task row that its counters are made of (task.counts.repository.ts reads them). */
export interface Counted {
  region_path: string;
  year: number;
  section_id: number;
  status: TaskStatus;
  health: Health;
  undecomposed: number;
  lead_unit_id: number;
  plan_item_id: number | null;
  parent_id: number | null;
  weight: number;
  progress: number;
  manager_region_path: string;
  reports_submitted: number;
}

type Sign = 1 | -1;

/** Rows of one table by key, their numeric columns summed; rows whose sums are all zero are dropped. */
class Moves<R extends object> {
  readonly #rows = new Map<string, R>();
  constructor(private readonly sums: readonly (keyof R)[]) {}

  add(key: string, row: R, sign: Sign): void {
    const have = this.#rows.get(key);
    if (!have) {
      const copy = { ...row };
      for (const k of this.sums) (copy[k] as number) = (row[k] as number) * sign;
      this.#rows.set(key, copy);
    } else for (const k of this.sums) (have[k] as number) += (row[k] as number) * sign;
  }

  rows(): R[] {
    return [...this.#rows.values()].filter((r) => this.sums.some((k) => r[k] !== 0));
  }
}

/** The region paths at and above `path`, root first: '370000', '370000/370100', … */
function subtreesOf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** The subtrees whose staff both see the task and manage it: those at or above both regions. */
function reviewScopesOf(c: Counted): string[] {
  if (c.reports_submitted <= 0) return [];
  const managing = new Set(subtreesOf(c.manager_region_path));
  return subtreesOf(c.region_path).filter((p) => managing.has(p));
}

export const ROLLUP_SUMS = [
  'tasks',
  'counted',
  'weight_sum',
  'weighted_sum',
  'plain_sum',
  'green',
  'yellow',
  'red',
  'none',
] as const;
type RollupShare = { plan_item_id: number } & Record<(typeof ROLLUP_SUMS)[number], number>;

/** A top-level task's share of its plan item's roll-up (the rules of rules/rollup.ts, as sums). */
function shareOf(c: Counted): RollupShare | undefined {
  if (c.parent_id !== null || c.plan_item_id === null) return undefined;
  const counts = c.status !== 'cancelled';
  const progress = c.status === 'completed' ? 100 : c.progress;
  return {
    plan_item_id: c.plan_item_id,
    tasks: 1,
    counted: counts ? 1 : 0,
    weight_sum: counts ? c.weight : 0,
    weighted_sum: counts ? c.weight * progress : 0,
    plain_sum: counts ? progress : 0,
    green: c.health === 'green' ? 1 : 0,
    yellow: c.health === 'yellow' ? 1 : 0,
    red: c.health === 'red' ? 1 : 0,
    none: c.health === 'none' ? 1 : 0,
  };
}

const COLOURS = { green: 0, yellow: 0, red: 0, none: 0 } as const;

/** Every counter row the change from `before` to `after` moves (undefined: no row, an insert). */
export function movesOf(before: Counted | undefined, after: Counted | undefined) {
  const counts = new Moves<{
    region_path: string;
    year: number;
    section_id: number;
    status: TaskStatus;
    health: Health;
    undecomposed: number;
    n: number;
  }>(['n']);
  const units = new Moves<{
    region_path: string;
    year: number;
    lead_unit_id: number;
    status: TaskStatus;
    health: Health;
    n: number;
  }>(['n']);
  const scopes = new Moves<{
    scope_path: string;
    parent_path: string;
    year: number;
    status: TaskStatus;
    health: Health;
    undecomposed: number;
    n: number;
  }>(['n']);
  const sections = new Moves<{
    scope_path: string;
    year: number;
    section_id: number;
    green: number;
    yellow: number;
    red: number;
    none: number;
  }>(['green', 'yellow', 'red', 'none']);
  const reviews = new Moves<{ scope_path: string; health: Health; n: number }>(['n']);
  const rollups = new Moves<RollupShare>(ROLLUP_SUMS);

  const take = (c: Counted, sign: Sign) => {
    const { region_path, year, section_id, status, health, undecomposed, lead_unit_id } = c;
    counts.add(
      [region_path, year, section_id, status, health, undecomposed].join('|'),
      { region_path, year, section_id, status, health, undecomposed, n: 1 },
      sign,
    );
    units.add(
      [region_path, year, lead_unit_id, status, health].join('|'),
      { region_path, year, lead_unit_id, status, health, n: 1 },
      sign,
    );
    for (const [i, scope] of subtreesOf(region_path).entries()) {
      const parent_path = i === 0 ? '' : scope.slice(0, scope.lastIndexOf('/'));
      scopes.add(
        [scope, year, status, health, undecomposed].join('|'),
        { scope_path: scope, parent_path, year, status, health, undecomposed, n: 1 },
        sign,
      );
      sections.add(
        [scope, year, section_id].join('|'),
        { scope_path: scope, year, section_id, ...COLOURS, [health]: 1 },
        sign,
      );
    }
    for (const scope of reviewScopesOf(c))
      reviews.add(`${scope}|${health}`, { scope_path: scope, health, n: 1 }, sign);
    const share = shareOf(c);
    if (share) rollups.add(String(share.plan_item_id), share, sign);
  };
  if (before) take(before, -1);
  if (after) take(after, 1);
  return {
    counts: counts.rows(),
    units: units.rows(),
    scopes: scopes.rows(),
    sections: sections.rows(),
    reviews: reviews.rows(),
    rollups: rollups.rows(),
  };
}
