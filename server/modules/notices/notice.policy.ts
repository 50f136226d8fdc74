// Who sees a notice and who takes which step.
//
// See: staff and leaders, the notices on tasks whose lead unit lies in their region's subtree (as for
// tasks); a unit's people, the notices their unit leads and those copied to it (抄送, read only).
// Steps: the issuing region's staff (manager) issue, review and close; the task's lead unit (its people,
// or its region's staff when it is that region's 统战部) signs, responds and reports it fixed; a leader
// whose region subtree holds the issuing region agrees to delist (摘牌) a 挂牌督办 notice.
import type { Actor } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { isInSubtree, regionInScope } from '../../core/access/scope.ts';
import type { Services } from '../../core/services.ts';
import { actsForLeadUnit } from '../tasks/index.ts';
import type { NoticeActor } from './notice.rules.ts';
import { recordVisibilityOf } from '../../core/access/visibility.ts';
import {
  findNoticeById,
  isCopiedTo,
  type NoticeVisibility,
  type NoticeWithNames,
} from './notice.repository.ts';

/** What notices the reader sees (core/access/visibility.ts). */
export const noticeVisibility: (actor: Actor | null) => NoticeVisibility = recordVisibilityOf;

type NoticeFacts = Pick<
  NoticeWithNames,
  'region_path' | 'manager_region_path' | 'lead_unit_id' | 'lead_unit_kind'
>;

export function mayTakeStep(actor: Actor | null, who: NoticeActor, notice: NoticeFacts): boolean {
  if (!actor) return false;
  switch (who) {
    case 'manager':
      return actor.permissions.has('work.manage') && regionInScope(actor.scope, notice.manager_region_path);
    case 'lead':
      return actsForLeadUnit(actor, notice);
    case 'leader':
      return actor.roles.includes('leader') && regionInScope(actor.scope, notice.manager_region_path);
  }
}

/** 撤回: the person who issued it, while still staff over the issuing region (a moved person no longer acts for it). */
export function mayWithdraw(
  actor: Actor | null,
  notice: NoticeFacts & Pick<NoticeWithNames, 'issued_by'>,
): boolean {
  return actor?.userId === notice.issued_by && mayTakeStep(actor, 'manager', notice);
}

export const WHO_MESSAGE: Record<NoticeActor, string> = {
  manager: '只有下发该督办单的地区统战部工作人员可以进行此操作',
  lead: '只有被督办的牵头单位可以进行此操作',
  leader: '只有下发地区的部领导可以决定是否摘牌',
};

/** A notice as a scoped record: routes keyed by a notice id name it (keyedBy(noticeResource, 'id')). */
export const noticeResource = scopedResource<NoticeWithNames, number>({
  type: 'notice',
  notFound: 'NOTICE_NOT_FOUND',
  find: (s: Services, id) => findNoticeById(s.db.kysely, id),
  inScope: async (s, ctx, notice) => {
    const v = noticeVisibility(ctx.actor);
    switch (v.kind) {
      case 'all':
        return true;
      case 'region':
        return isInSubtree(notice.region_path, v.path);
      case 'unit':
        return notice.lead_unit_id === v.unitId || (await isCopiedTo(s.db.kysely, notice.id, v.unitId));
      case 'none':
        return false;
    }
  },
});
