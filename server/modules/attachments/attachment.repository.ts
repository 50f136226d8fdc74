// Rows of the attachments table. The bytes are in the file store (core/files), named by `hash`.
import type { Kysely, Transaction } from 'kysely';
import type { AttachmentRow, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface NewAttachment {
  hash: string;
  file_name: string;
  size: number;
  mime: string;
  uploaded_by: number;
  uploaded_at: string;
}

export async function insertAttachment(db: Q, row: NewAttachment): Promise<AttachmentRow> {
  return db.insertInto('attachments').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findAttachment(db: Q, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Attaches the uploader's own unattached files uploaded since `since`; returns how many it attached.
 * One conditional update, so two records racing for the same file cannot both get it.
 */
export async function attachOwnUnattached(
  trx: Transaction<Database>,
  ids: readonly number[],
  uploader: number,
  since: string,
  owner: { type: string; id: number },
  now: string,
): Promise<number> {
  const result = await trx
    .updateTable('attachments')
    .set({ owner_type: owner.type, owner_id: owner.id, attached_at: now })
    .where('id', 'in', ids)
    .where('uploaded_by', '=', uploader)
    .where('owner_type', 'is', null)
    .where('uploaded_at', '>=', since)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Attaches those of the files that `uploader` uploaded and that are still unattached, however long ago
 * (a backfill of records that named files before attaching them); returns the ids it attached.
 */
export async function attachUnattachedOf(
  trx: Transaction<Database>,
  ids: readonly number[],
  uploader: number,
  owner: { type: string; id: number },
  now: string,
): Promise<number[]> {
  const rows = await trx
    .updateTable('attachments')
    .set({ owner_type: owner.type, owner_id: owner.id, attached_at: now })
    .where('id', 'in', ids)
    .where('uploaded_by', '=', uploader)
    .where('owner_type', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort((x, y) => x - y);
}

export function listAttachmentsOf(db: Q, owner: { type: string; id: number }): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .orderBy('id')
    .execute();
}

/** The files of several records of one type, by record then oldest first. */
export function listAttachmentsOfOwners(
  db: Q,
  ownerType: string,
  ownerIds: readonly number[],
): Promise<AttachmentRow[]> {
  if (!ownerIds.length) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', 'in', [...ownerIds])
    .orderBy('owner_id')
    .orderBy('id')
    .execute();
}

/** Deletes the row of a file of `owner`; answers it, or undefined when the file is not that record's. */
export function deleteAttachmentOf(
  trx: Transaction<Database>,
  id: number,
  owner: { type: string; id: number },
): Promise<AttachmentRow | undefined> {
  return trx
    .deleteFrom('attachments')
    .where('id', '=', id)
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .returningAll()
    .executeTakeFirst();
}
