// Who is told about a notice, in the step's transaction (core/notify): the lead unit's people and the
// units it is copied to when it is issued or closed; the issuing region's staff when the unit responds;
// the unit when staff send something back; the issuing region's leaders when staff ask to delist.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { MessageKind } from '../../core/notify/kinds.ts';
import { regionStaff, unitHandlers, type Recipient } from '../../core/notify/recipients.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { listCopies, type NoticeWithNames } from './notice.repository.ts';
import { LEVEL_LABELS } from './notice.rules.ts';

type Trx = Transaction<Database>;

/** A unit's people: its handlers, and its region's staff when it is that region's 统战部. */
function unitPeople(unit: { id: number; kind: string; region_code: string }): Recipient[] {
  return unit.kind === 'department'
    ? [unitHandlers(unit.id), regionStaff(unit.region_code)]
    : [unitHandlers(unit.id)];
}

function leadPeople(n: NoticeWithNames): Recipient[] {
  return unitPeople({ id: n.lead_unit_id, kind: n.lead_unit_kind, region_code: n.region_code });
}

function send(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  n: NoticeWithNames,
  recipients: Recipient[],
  kind: MessageKind,
  title: string,
  body = '',
) {
  return s.notify(trx, {
    recipients,
    kind,
    title,
    body,
    object: { type: 'notice', id: n.id },
    except: ctx.actor ? [ctx.actor.userId] : [],
  });
}

const name = (n: NoticeWithNames) => `《${n.task_title}》的${LEVEL_LABELS[n.level]}督办单`;

export async function announceIssued(trx: Trx, s: Services, ctx: RequestContext, n: NoticeWithNames) {
  await send(
    trx,
    s,
    ctx,
    n,
    leadPeople(n),
    'notice.issued',
    `${name(n)}已下发给${n.lead_unit_name}，请签收`,
    `请于 ${n.response_due} 前反馈整改措施。督办事由：${n.reason}`,
  );
  const copies = await listCopies(trx, n.id);
  if (copies.length > 0)
    await send(
      trx,
      s,
      ctx,
      n,
      copies.flatMap(unitPeople),
      'notice.issued',
      `${name(n)}抄送你单位（牵头单位：${n.lead_unit_name}）`,
      `督办事由：${n.reason}`,
    );
}

/** The lead unit and the copy-to units: the notice was withdrawn, with the reason; nothing to do. */
export async function announceWithdrawn(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  n: NoticeWithNames,
  reason: string,
) {
  const copies = await listCopies(trx, n.id);
  await send(
    trx,
    s,
    ctx,
    n,
    [...leadPeople(n), ...copies.flatMap(unitPeople)],
    'notice.withdrawn',
    `${name(n)}已撤回，无需办理`,
    `撤回原因：${reason}`,
  );
}

export async function announceResponded(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  n: NoticeWithNames,
  what: 'measures' | 'done',
) {
  await send(
    trx,
    s,
    ctx,
    n,
    [regionStaff(n.manager_region_code)],
    'notice.responded',
    what === 'measures'
      ? `${n.lead_unit_name}已反馈${name(n)}的整改措施，请审核`
      : `${n.lead_unit_name}报告${name(n)}已整改完成，请审核`,
  );
}

export async function announceToLead(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  n: NoticeWithNames,
  kind: 'notice.accepted' | 'notice.returned',
  comment: string,
) {
  await send(
    trx,
    s,
    ctx,
    n,
    leadPeople(n),
    kind,
    kind === 'notice.accepted'
      ? `${name(n)}的整改措施已审核通过，请于 ${n.fix_due ?? ''} 前整改完成`
      : `${name(n)}被退回，请按意见办理`,
    comment,
  );
}

export async function announceDelistRequested(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  n: NoticeWithNames,
) {
  await send(
    trx,
    s,
    ctx,
    n,
    [{ regionCode: n.manager_region_code, roles: ['leader'] }],
    'notice.delist_requested',
    `${name(n)}已整改完成，申请摘牌，请审定`,
  );
}

export async function announceDelistRefused(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  n: NoticeWithNames,
  comment: string,
) {
  await send(
    trx,
    s,
    ctx,
    n,
    [regionStaff(n.manager_region_code)],
    'notice.returned',
    `${name(n)}的摘牌申请未获同意`,
    comment,
  );
}

export async function announceClosed(
  trx: Trx,
  s: Services,
  ctx: RequestContext,
  n: NoticeWithNames,
  rating: string,
) {
  const copies = await listCopies(trx, n.id);
  await send(
    trx,
    s,
    ctx,
    n,
    [...leadPeople(n), ...copies.flatMap(unitPeople), regionStaff(n.manager_region_code)],
    'notice.closed',
    `${name(n)}已${n.level === 'listed' ? '摘牌' : '办结'}，评价：${rating}`,
  );
}
