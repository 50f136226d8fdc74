// The not-yet-reported board's totals without its lists (the leader's dashboard shows them): the same rows
// as the board (report.board.ts), counted in one pass, so the figure equals the board it opens.
import type { RequestContext } from '../../../core/access/actor.ts';
import type { Services } from '../../../core/services.ts';
import { boardFilter } from './report.board.ts';
import { countMissingTotals } from './report.totals.repository.ts';

export async function missingTotals(
  s: Services,
  ctx: RequestContext,
  q: { regionCode?: string; period?: string },
) {
  const f = await boardFilter(s, ctx, q);
  const row = await countMissingTotals(s.db.kysely, f);
  const total = Number(row?.total ?? 0);
  const returned = Number(row?.returned ?? 0);
  return { regionCode: f.code, missing: total - returned, returned, units: Number(row?.units ?? 0) };
}
