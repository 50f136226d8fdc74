import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Role } from '../access/roles.ts';
import { findActiveUserIds, findActiveUserIdsWithRoles } from './notify.repository.ts';

// Who a message goes to. A message is addressed to people, a unit or a region's staff; each resolves,
// when the message is sent (inside the caller's transaction), to the active users it names at that
// moment. A user who joins the unit later does not see earlier messages: a message records who was told.
export type Recipient =
  // One person, whatever their roles (the author of a returned report).
  | { userId: number }
  // The active users of a unit holding any of these roles (a unit's handlers: 承办人). Only the unit
  // itself, not units below it: an office (处室) is addressed as its own unit.
  | { unitId: number; roles: readonly Role[] }
  // The active users whose own region is this one (not the regions below it) holding any of these roles
  // (a region's 统战部 staff).
  | { regionCode: string; roles: readonly Role[] };

export const toUser = (userId: number): Recipient => ({ userId });
// 单位承办人: who acts on what is assigned to a unit.
export const unitHandlers = (unitId: number): Recipient => ({ unitId, roles: ['handler'] });
// 本级统战部工作人员: who reviews and confirms for a region.
export const regionStaff = (regionCode: string): Recipient => ({ regionCode, roles: ['staff'] });

// The distinct active user ids the recipients name, ascending (one message per person, however many
// ways they are addressed).
export async function resolveRecipients(
  trx: Transaction<Database>,
  recipients: readonly Recipient[],
): Promise<number[]> {
  const ids = new Set(
    await findActiveUserIds(
      trx,
      recipients.flatMap((r) => ('userId' in r ? [r.userId] : [])),
    ),
  );
  for (const r of recipients) {
    if ('userId' in r) continue;
    for (const id of await findActiveUserIdsWithRoles(trx, r, r.roles)) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}
