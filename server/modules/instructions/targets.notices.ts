// 督办单 notices as instruction targets, and followed (关注) like tasks. The notices module's own scope
// rule, step policy and timeline are used as they are: a leader instructs on a notice they may open, its
// lead unit reports back, the issuing region's staff confirm; the watch-list re-checks that scope on read.
import { regionStaff, unitHandlers, type Recipient } from '../../core/notify/recipients.ts';
import {
  mayTakeStep,
  noticeEventsFeed,
  noticeResource,
  recordNoticeEvent,
  visibleNoticeSummaries,
  type NoticeEventKind,
  type NoticeWithNames,
} from '../notices/index.ts';
import { registerTarget, type TargetFacts, type TimelineEvent } from './targets.ts';

type Facts = TargetFacts & { notice: NoticeWithNames };

// How a followed notice reads in 我的关注, as on its page: 《task》（重点督办单）.
const titleOf = (taskTitle: string, levelLabel: string) =>
  `${taskTitle}（${levelLabel === '挂牌督办' ? '挂牌督办' : `${levelLabel}督办单`}）`;

const TIMELINE: Record<TimelineEvent, NoticeEventKind> = {
  created: 'instruction_created',
  followed_up: 'instruction_followed_up',
  more_requested: 'instruction_more_requested',
  done: 'instruction_done',
};

function noticeFacts(n: NoticeWithNames): Facts {
  return {
    // The notice belongs to its task: the task page lists the instructions on its notices too.
    taskId: n.task_id,
    // Read after the type's label: 督办单《task title》.
    title: n.task_title,
    link: `/notices/${n.id}`,
    regionPath: n.region_path,
    managerRegionPath: n.manager_region_path,
    unitId: n.lead_unit_id,
    unitName: n.lead_unit_name,
    notice: n,
  };
}

// The lead unit's handlers; a region's 统战部 acts through its staff (as for signing and responding).
function unitRecipients(f: Facts): Recipient[] {
  return f.notice.lead_unit_kind === 'department'
    ? [unitHandlers(f.unitId), regionStaff(f.notice.region_code)]
    : [unitHandlers(f.unitId)];
}

export function registerNoticeTarget(): void {
  registerTarget({
    type: 'notice',
    label: '督办单',
    resource: noticeResource,
    facts: (_s, notice) => Promise.resolve(noticeFacts(notice)),
    actsForUnit: (actor, f) => mayTakeStep(actor, 'lead', f.notice),
    // The issuing region's staff: those who review and close the notice.
    manages: (actor, f) => mayTakeStep(actor, 'manager', f.notice),
    unitRecipients,
    managerRecipients: (f) => [regionStaff(f.notice.manager_region_code)],
    record: (trx, s, ctx, f, event, detail) =>
      recordNoticeEvent(trx, s, ctx, f.notice.id, TIMELINE[event], detail),
    watch: {
      summaries: async (s, actor, ids) => {
        const found = await visibleNoticeSummaries(s, actor, ids);
        return new Map(
          [...found].map(([id, n]) => [
            id,
            {
              id,
              title: titleOf(n.taskTitle, n.levelLabel),
              link: `/notices/${id}`,
              state: n.statusLabel,
              health: n.colour === 'none' ? null : n.colour,
              dueDate: n.activeDue,
              unitName: n.leadUnitName,
            },
          ]),
        );
      },
      feed: async (s, ids, start, limit) =>
        (await noticeEventsFeed(s, ids, start, limit)).map((e) => ({
          targetId: e.noticeId,
          targetTitle: titleOf(e.taskTitle, e.levelLabel),
          link: `/notices/${e.noticeId}`,
          eventId: e.id,
          at: e.at,
          label: e.label,
          actorName: e.actorName,
        })),
    },
  });
}
