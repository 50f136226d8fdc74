// Who is told after an action: whoever must act next (staff to review, units to answer, the submitting
// side to rate, invitees to co-sign) and the submitting side about the progress of what they submitted,
// co-signed or follow (merged into this case). The person who acted is not told.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import { regionStaff, toUser, unitHandlers, type Recipient } from '../../../core/notify/recipients.ts';
import type { MessageKind } from '../../../core/notify/kinds.ts';
import type { Services } from '../../../core/services.ts';
import type { Database } from '../../../db/schema.ts';
import {
  actionLabel,
  CASE_TYPE_LABELS,
  stateLabel,
  type CaseAction,
  type CaseState,
  type CaseType,
} from '../engine/vocabulary.ts';
import type { Around } from '../case.facts.ts';
import type { CaseWithNames } from '../case.repository.ts';

interface Moved {
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  comment: string | null;
}

/** The author, the confirmed co-signers and the authors of the cases merged into this one. */
export function submittingSide(c: CaseWithNames, around: Around): Recipient[] {
  const ids = new Set([c.submitter_user_id, ...around.followerIds]);
  for (const p of around.signers) if (p.status === 'confirmed') ids.add(p.user_id);
  return [...ids].map(toUser);
}

export async function announce(
  trx: Transaction<Database>,
  s: Services,
  ctx: RequestContext,
  c: CaseWithNames,
  around: Around,
  m: Moved,
): Promise<void> {
  const name = `${CASE_TYPE_LABELS[c.type as CaseType]}《${c.title}》`;
  const except = ctx.actor ? [ctx.actor.userId] : [];
  const send = (recipients: Recipient[], kind: MessageKind, title: string) =>
    recipients.length === 0
      ? Promise.resolve()
      : s
          .notify(trx, {
            recipients,
            kind,
            title,
            body: m.comment ?? '',
            object: { type: 'case', id: c.id },
            except,
          })
          .then(() => undefined);
  const handlers = (role?: string) =>
    around.handlers.filter((h) => role === undefined || h.role === role).map((h) => unitHandlers(h.unit_id));
  const staff = [regionStaff(c.region_code)];

  const progress = () =>
    send(
      submittingSide(c, around),
      'case.progress',
      `${name}：${m.from === m.to ? actionLabel(c.type, m.action) : stateLabel(c.type, m.to)}`,
    );
  switch (m.action) {
    case 'invite_cosigner':
      return send(
        around.signers.filter((p) => p.status === 'invited').map((p) => toUser(p.user_id)),
        'case.cosign_invited',
        `${c.submitter_name}邀请您联名${name}，请在 ${around.signers.at(-1)?.confirm_by ?? ''} 前确认`,
      );
    case 'confirm_cosign':
    case 'decline_cosign':
      return send(
        [toUser(c.submitter_user_id)],
        'case.progress',
        `${ctx.actor?.displayName ?? ''}${actionLabel(c.type, m.action)}：${name}`,
      );
    case 'submit':
      return send(staff, 'case.to_act', `${c.submitter_org_name}提交了${name}，请审查`);
    case 'return':
      return send(staff, 'case.to_act', `${c.lead_unit_name ?? ''}申请退回${name}，请审核`);
    case 'reject_return':
      return send(handlers('lead'), 'case.to_act', `不同意退回${name}，请按期办理并答复`);
    case 'forward':
      await send(handlers(), 'case.to_act', `${name}交由您单位办理，请于 ${c.due_date ?? ''} 前答复`);
      return progress();
    case 'answer':
      if (m.to === 'answered' && m.from !== m.to)
        await send(submittingSide(c, around), 'case.to_act', `${name}已答复，请评价`);
      return;
    case 'rate':
      if (m.to === 'reopened' && m.from !== m.to)
        await send(
          handlers(),
          'case.to_act',
          `提交人对${name}的答复不满意，请再次办理并答复（期限 ${c.due_date ?? ''}）`,
        );
      if (m.to === 'closed' && m.from !== m.to)
        await send([...staff, ...submittingSide(c, around)], 'case.progress', `${name}已办结`);
      return;
    case 'accept':
    case 'decline':
    case 'keep_for_reference':
    case 'merge':
    case 'accept_return':
    case 'close':
    case 'adopt':
    case 'record_instruction':
    case 'turn_into_task':
      return progress();
    // The submitter's own step, and staff marking 重点: nobody else needs telling.
    case 'withdraw':
    case 'mark_key':
    case 'unmark_key':
      return;
  }
}
