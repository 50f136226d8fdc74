// A plan item's roll-up (report once): its top-level tasks' weighted progress and their colours, as kept
// on every task change by task.counts.repository.ts. An item with no task yet reads as empty.
import type { Services } from '../../core/services.ts';
import { findPlanItemRollups } from './task.counts.read.repository.ts';

export async function getPlanItemRollup(s: Services, planItemId: number) {
  const [row] = await findPlanItemRollups(s.db.kysely, [planItemId]);
  return {
    planItemId,
    tasks: row?.tasks ?? 0,
    progress: row && row.counted > 0 ? row.progress : null,
    counts: {
      green: row?.green ?? 0,
      yellow: row?.yellow ?? 0,
      red: row?.red ?? 0,
      none: row?.none ?? 0,
    },
  };
}
