import type { Kysely, Transaction } from 'kysely';
import type {
  ChannelSettingsRow,
  Database,
  DeliveryRow,
  DeliveryTable,
  NotificationSettingsRow,
  WebhookRow,
} from '../../db/schema.ts';
import type { Insertable } from 'kysely';

type Q = Kysely<Database> | Transaction<Database>;

export function findChannelSettings(db: Q): Promise<ChannelSettingsRow | undefined> {
  return db.selectFrom('channel_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Writes the settings row if it still has `version` (0: none yet); false when someone saved first. */
export async function saveChannelSettings(db: Q, row: ChannelSettingsRow, version: number): Promise<boolean> {
  if (version === 0) {
    const inserted = await db
      .insertInto('channel_settings')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const { id: _id, ...changes } = row;
  const result = await db
    .updateTable('channel_settings')
    .set(changes)
    .where('id', '=', 1)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The webhooks (or the one with this id), each with the name of the unit it is limited to. */
export function listWebhooks(db: Q, id?: number): Promise<(WebhookRow & { unit_name: string | null })[]> {
  let q = db
    .selectFrom('webhooks')
    .leftJoin('units', 'units.id', 'webhooks.unit_id')
    .selectAll('webhooks')
    .select('units.name as unit_name');
  if (id !== undefined) q = q.where('webhooks.id', '=', id);
  return q.orderBy('webhooks.id').execute();
}

export function findWebhook(db: Q, id: number): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertWebhook(db: Q, row: Omit<WebhookRow, 'id'>): Promise<number> {
  const { id } = await db.insertInto('webhooks').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateWebhook(db: Q, id: number, version: number, row: Partial<WebhookRow>) {
  const result = await db
    .updateTable('webhooks')
    .set(row)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteWebhook(db: Q, id: number, version: number) {
  const result = await db
    .deleteFrom('webhooks')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The enabled webhooks, with the unit each is limited to. */
export function listEnabledWebhooks(db: Q): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('enabled', '=', 1).execute();
}

export function findNotificationSettings(
  db: Q,
  userId: number,
): Promise<NotificationSettingsRow | undefined> {
  return db.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The e-mail settings of the recipients who gave an address. */
export function listEmailRecipients(db: Q, userIds: readonly number[]): Promise<NotificationSettingsRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notification_settings')
    .selectAll()
    .where('user_id', 'in', userIds)
    .where('email', 'is not', null)
    .execute();
}

export async function saveNotificationSettings(db: Q, row: NotificationSettingsRow, version: number) {
  if (version === 0) {
    const inserted = await db
      .insertInto('notification_settings')
      .values(row)
      .onConflict((oc) => oc.column('user_id').doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const { user_id, ...changes } = row;
  const result = await db
    .updateTable('notification_settings')
    .set(changes)
    .where('user_id', '=', user_id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Which of these users are in the unit (a unit's webhook hears only its own people's messages). */
export async function usersOfUnit(db: Q, userIds: readonly number[], unitId: number): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('unit_id', '=', unitId)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertDelivery(db: Q, row: Insertable<DeliveryTable>): Promise<number> {
  const { id } = await db.insertInto('deliveries').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export function findDelivery(db: Q, id: number): Promise<DeliveryRow | undefined> {
  return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markDelivery(db: Q, id: number, changes: Partial<DeliveryRow>): Promise<void> {
  await db.updateTable('deliveries').set(changes).where('id', '=', id).execute();
}

/** The failure list, newest first. */
export function listFailedDeliveries(db: Q, limit: number): Promise<DeliveryRow[]> {
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('status', '=', 'failed')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The users with e-mails held for their digest, and each user's settings. */
export function listHeldDigests(db: Q) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('notification_settings as n', 'n.user_id', 'd.user_id')
    .select(['d.user_id', 'n.digest_time', 'n.digest_sent_on'])
    .where('d.status', '=', 'held')
    .groupBy(['d.user_id', 'n.digest_time', 'n.digest_sent_on'])
    .execute();
}

export function listHeldFor(db: Q, userId: number): Promise<DeliveryRow[]> {
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '=', 'held')
    .orderBy('id')
    .execute();
}

export async function markDigestSent(db: Q, userId: number, day: string): Promise<void> {
  await db
    .updateTable('notification_settings')
    .set({ digest_sent_on: day })
    .where('user_id', '=', userId)
    .execute();
}
