// Search (全文检索) over the plan items a reader can see: the query is segmented into words exactly as
// item text is at save time, and every word must occur in the item's word column.
import type { RequestContext } from '../../../core/access/actor.ts';
import { encodeCursor, decodeCursor } from '../../../core/http/pagination.ts';
import type { Services } from '../../../core/services.ts';
import { searchItems } from './search.repository.ts';
import { visibilityOf } from '../plan.policy.ts';
import { queryTokensOf } from '../plan.text.ts';

const SNIPPET_RADIUS = 40;

/** A window of the text around the first hit, with every token occurrence in it marked by offsets. */
export function snippetOf(text: string, tokens: string[]) {
  const lower = text.toLowerCase();
  const first = Math.min(
    ...tokens.map((t) => lower.indexOf(t)).filter((i) => i >= 0),
    Number.MAX_SAFE_INTEGER,
  );
  const hit = first === Number.MAX_SAFE_INTEGER ? 0 : first;
  const start = Math.max(0, hit - SNIPPET_RADIUS);
  const end = Math.min(text.length, hit + SNIPPET_RADIUS * 2);
  const prefix = start > 0 ? '…' : '';
  const snippet = `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const highlights: Array<{ start: number; length: number }> = [];
  const window = snippet.toLowerCase();
  for (const t of tokens) {
    for (let i = window.indexOf(t); i >= 0; i = window.indexOf(t, i + t.length))
      highlights.push({ start: i, length: t.length });
  }
  return { snippet, highlights: highlights.sort((a, b) => a.start - b.start) };
}

export async function searchPlanItems(
  s: Services,
  ctx: RequestContext,
  q: { q: string; limit: number; cursor?: string | undefined },
) {
  const tokens = queryTokensOf(q.q);
  if (tokens.length === 0) return { tokens, items: [], nextCursor: null };
  const rows = await searchItems(s.db.kysely, {
    tokens,
    visibility: await visibilityOf(s, ctx.actor),
    beforeId: decodeCursor<number>(q.cursor, 'number'),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    tokens,
    items: page.map((r) => ({
      itemId: r.id,
      planId: r.plan_id,
      planTitle: r.title,
      planStatus: r.status,
      region: { code: r.region_code, name: r.region_name },
      year: r.year,
      number: r.number,
      heading: r.heading,
      ...snippetOf(`${r.heading}\u3000${r.body}`, tokens),
    })),
    nextCursor: rows.length > q.limit && page.length ? encodeCursor(page[page.length - 1]!.id) : null,
  };
}
