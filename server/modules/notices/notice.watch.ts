// What the watch-list (关注, modules/instructions) needs from notices: summaries of the notices a reader
// still sees (the scope rule of noticeResource, applied to a list of ids at once) and the latest events
// of some notices for the change feed, keyed like the task feed (at desc, id desc).
import type { Actor } from '../../core/access/actor.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import { colourDates } from './notice.dates.ts';
import { noticeVisibility } from './notice.policy.ts';
import { NOTICE_EVENT_LABELS, type NoticeEventKind } from './notice.present.ts';
import { findNoticesByIds, listCopiedAmong, listNoticeEventsFeed } from './notice.repository.ts';
import { LEVEL_LABELS, noticeColour, STATUS_LABELS } from './notice.rules.ts';

export interface WatchedNoticeSummary {
  id: number;
  taskTitle: string;
  levelLabel: string;
  statusLabel: string;
  colour: string;
  activeDue: string | null;
  leadUnitName: string;
}

/** Of these notices, those the reader may see today, summarised (one moved out of scope drops out). */
export async function visibleNoticeSummaries(
  s: Services,
  actor: Actor | null,
  ids: readonly number[],
): Promise<Map<number, WatchedNoticeSummary>> {
  const out = new Map<number, WatchedNoticeSummary>();
  const v = noticeVisibility(actor);
  if (!ids.length || v.kind === 'none') return out;
  const [rows, dates, copied] = await Promise.all([
    findNoticesByIds(s.db.kysely, ids),
    colourDates(s),
    v.kind === 'unit' ? listCopiedAmong(s.db.kysely, ids, v.unitId) : Promise.resolve([]),
  ]);
  for (const n of rows) {
    const sees =
      v.kind === 'all' ||
      (v.kind === 'region' && isInSubtree(n.region_path, v.path)) ||
      (v.kind === 'unit' && (n.lead_unit_id === v.unitId || copied.includes(n.id)));
    if (!sees) continue;
    out.set(n.id, {
      id: n.id,
      taskTitle: n.task_title,
      levelLabel: LEVEL_LABELS[n.level],
      statusLabel: STATUS_LABELS[n.status],
      colour: noticeColour(n.status, n.active_due, dates.today, dates.yellowThrough),
      activeDue: n.active_due,
      leadUnitName: n.lead_unit_name,
    });
  }
  return out;
}

/** Where a feed page starts: events strictly after this one in (at desc, id desc) order. */
export interface NoticeFeedBefore {
  at: string;
  sameAt: number | 'all' | 'none';
}

export interface NoticeFeedEvent {
  id: number;
  at: string;
  noticeId: number;
  taskTitle: string;
  levelLabel: string;
  actorName: string | null;
  kind: string;
  label: string;
}

/** The latest events of these notices, newest first (the caller has checked the reader sees them). */
export async function noticeEventsFeed(
  s: Services,
  ids: readonly number[],
  before: NoticeFeedBefore | undefined,
  limit: number,
): Promise<NoticeFeedEvent[]> {
  if (!ids.length) return [];
  const rows = await listNoticeEventsFeed(s.db.kysely, ids, before, limit);
  return rows.map((e) => ({
    id: Number(e.id),
    at: e.at,
    noticeId: e.notice_id,
    taskTitle: e.task_title,
    levelLabel: LEVEL_LABELS[e.level],
    actorName: e.actor_name,
    kind: e.kind,
    label: NOTICE_EVENT_LABELS[e.kind as NoticeEventKind] ?? e.kind,
  }));
}
