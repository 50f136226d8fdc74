// Evidence files (附件): upload, attach to a record, list a record's files, and the scope rule for
// reading one (docs/decisions/evidence-store.md).
import type { Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import { scopedResource } from '../../core/access/guard.ts';
import { HOUR, toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import {
  ALLOWED_DESCRIPTION,
  detectEvidenceType,
  type EvidenceType,
} from '../../core/files/evidence-types.ts';
import type { Services } from '../../core/services.ts';
import type { AttachmentRow, Database } from '../../db/schema.ts';
import { attachmentOwner } from './attachment.owners.ts';
import {
  attachOwnUnattached,
  attachUnattachedOf,
  deleteAttachmentOf,
  findAttachment,
  insertAttachment,
  listAttachmentsOf,
  listAttachmentsOfOwners,
} from './attachment.repository.ts';
import { storedFileName } from './file-name.ts';

export interface AttachmentOwner {
  type: string;
  id: number;
}

export interface AttachmentOut {
  id: number;
  fileName: string;
  size: number;
  mime: string;
  sm3: string;
  uploadedBy: number;
  uploadedAt: string;
  owner: AttachmentOwner | null;
}

function presentAttachment(row: AttachmentRow): AttachmentOut {
  return {
    id: row.id,
    fileName: row.file_name,
    size: Number(row.size),
    mime: row.mime,
    sm3: row.hash,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    owner:
      row.owner_type !== null && row.owner_id !== null ? { type: row.owner_type, id: row.owner_id } : null,
  };
}

export function formatBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function attachmentTooLarge(maxBytes: number) {
  return appError(
    'ATTACHMENT_TOO_LARGE',
    `文件超过 ${formatBytes(maxBytes)} 的大小上限，未保存；请压缩或拆分后再上传`,
    { limitBytes: maxBytes },
  );
}

/**
 * Stores an uploaded file (streamed, never held whole in memory) and records it as the uploader's,
 * not yet attached to anything. Refused while streaming when it passes the size limit, and before it is
 * stored when its content is not of an allowed type.
 */
export async function uploadAttachment(
  s: Services,
  ctx: RequestContext,
  upload: { filename: string; stream: Readable },
): Promise<AttachmentOut> {
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const { maxBytes } = s.config.attachments;
  let type: EvidenceType | undefined;
  const stored = await s.files.put(upload.stream, {
    maxBytes,
    tooLarge: () => attachmentTooLarge(maxBytes),
    inspect: async (staged, file) => {
      if (file.size === 0) throw appError('ATTACHMENT_MISSING', '文件是空的（0 字节），请重新选择文件');
      const detection = await detectEvidenceType(staged);
      if (!detection.allowed) {
        throw appError(
          'ATTACHMENT_TYPE_NOT_ALLOWED',
          `文件类型不允许：按内容检测为${detection.detected}；允许上传 ${ALLOWED_DESCRIPTION}`,
          { detected: detection.detected },
        );
      }
      type = detection.type;
    },
  });
  if (!type) throw new Error('file stored without a detected type');
  const detected = type;
  const row = await s.db.kysely.transaction().execute(async (trx) => {
    const inserted = await insertAttachment(trx, {
      hash: stored.hash,
      file_name: storedFileName(upload.filename, detected),
      size: stored.size,
      mime: detected.mime,
      uploaded_by: actor.userId,
      uploaded_at: toTimestamp(s.clock.now()),
    });
    await s.audit.record(trx, ctx, {
      action: 'attachment.upload',
      objectType: 'attachment',
      objectId: inserted.id,
      after: { fileName: inserted.file_name, size: stored.size, mime: detected.mime, sm3: stored.hash },
    });
    return inserted;
  });
  return presentAttachment(row);
}

/**
 * Attaches files to a record inside the caller's transaction (a report being submitted, a task being
 * completed …): only the actor's own uploads, not yet attached, uploaded within the configured hours.
 * Any other id refuses the whole change (the caller's transaction rolls back).
 */
export async function attachTo(
  s: Services,
  trx: Transaction<Database>,
  ctx: RequestContext,
  ids: readonly number[],
  owner: AttachmentOwner,
): Promise<AttachmentOut[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  if (!attachmentOwner(owner.type)) throw new Error(`attachment owner type '${owner.type}' not registered`);
  const actor = ctx.actor;
  if (!actor) throw appError('UNAUTHENTICATED');
  const now = s.clock.now();
  const since = toTimestamp(new Date(now.getTime() - s.config.attachments.attachWithinHours * HOUR));
  const attached = await attachOwnUnattached(trx, unique, actor.userId, since, owner, toTimestamp(now));
  if (attached !== unique.length) {
    throw appError(
      'ATTACHMENT_NOT_ATTACHABLE',
      `有附件无法使用：只能使用本人在 ${s.config.attachments.attachWithinHours} 小时内上传、尚未使用的附件，请重新上传`,
      { ids: unique },
    );
  }
  await s.audit.record(trx, ctx, {
    action: 'attachment.attach',
    objectType: owner.type,
    objectId: owner.id,
    note: { attachmentIds: unique },
  });
  const rows = await listAttachmentsOf(trx, owner);
  return rows.filter((r) => unique.includes(r.id)).map(presentAttachment);
}

/**
 * Attaches files a record named before its module attached them (a backfill run as the system, such as
 * `luoshi cases link-files`), in the caller's transaction: a file is attached only while it is still
 * unattached and was uploaded by `namedBy`, the person whose record named it — any other is left as it is
 * (the returned ids say which were attached). Audited as attachment.attach, marked as a backfill.
 */
export async function attachNamedEarlier(
  s: Services,
  trx: Transaction<Database>,
  ctx: RequestContext,
  ids: readonly number[],
  namedBy: number,
  owner: AttachmentOwner,
): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  if (!attachmentOwner(owner.type)) throw new Error(`attachment owner type '${owner.type}' not registered`);
  const attached = await attachUnattachedOf(trx, unique, namedBy, owner, toTimestamp(s.clock.now()));
  if (attached.length)
    await s.audit.record(trx, ctx, {
      action: 'attachment.attach',
      ...(ctx.actor ? {} : { actorName: 'system' }),
      objectType: owner.type,
      objectId: owner.id,
      note: { attachmentIds: attached, backfill: true },
    });
  return attached;
}

/**
 * Removes a file from a record inside the caller's transaction, which checks who may and audits it (the
 * file's name, size and SM3 go in that event): its row is deleted, so nobody downloads it through the
 * record any more. The stored bytes stay (content addressed, possibly another row's too), so what the audit
 * names can still be found by its SM3. Answers the file, or undefined when it is not that record's.
 */
export async function removeFrom(
  trx: Transaction<Database>,
  id: number,
  owner: AttachmentOwner,
): Promise<AttachmentOut | undefined> {
  const row = await deleteAttachmentOf(trx, id, owner);
  return row && presentAttachment(row);
}

/** The files of a record, oldest first. The caller has checked the record is in the reader's scope. */
export async function listFor(
  s: Services,
  owner: AttachmentOwner,
  trx?: Transaction<Database>,
): Promise<AttachmentOut[]> {
  return (await listAttachmentsOf(trx ?? s.db.kysely, owner)).map(presentAttachment);
}

/**
 * The files of several records of one type in one query (a list's page), each record's oldest first as
 * listFor answers them; a record without files is absent. The caller has checked the records' scope.
 */
export async function listForEach(
  s: Services,
  ownerType: string,
  ownerIds: readonly number[],
): Promise<Map<number, AttachmentOut[]>> {
  const out = new Map<number, AttachmentOut[]>();
  for (const row of await listAttachmentsOfOwners(s.db.kysely, ownerType, ownerIds)) {
    const file = presentAttachment(row);
    const list = out.get(row.owner_id!);
    if (list) list.push(file);
    else out.set(row.owner_id!, [file]);
  }
  return out;
}

/**
 * An attachment as a scoped record: an unattached file is its uploader's alone; an attached one is
 * read by whoever may read its owner record, by the owner module's own rule.
 */
export const attachmentResource = scopedResource<AttachmentRow, number>({
  type: 'attachment',
  notFound: 'ATTACHMENT_NOT_FOUND',
  find: (s, id) => findAttachment(s.db.kysely, id),
  inScope: async (s, ctx, row) => {
    if (row.owner_type === null || row.owner_id === null) return ctx.actor?.userId === row.uploaded_by;
    const resource = attachmentOwner(row.owner_type);
    if (!resource) return false;
    const owner = await resource.find(s, row.owner_id);
    return owner !== undefined && (await resource.inScope(s, ctx, owner));
  },
});
