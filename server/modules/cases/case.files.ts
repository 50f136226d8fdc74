// A case's files (附件) through the attachments module (docs/decisions/case-files.md): the files of its
// content and of its answers belong to the case (owner type 'case'), so a download is checked by the
// case's own scope rule (caseResource) — whoever may read the case reads its files, nobody else.
import type { Transaction } from 'kysely';
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { attachTo, listFor, registerAttachmentOwner } from '../attachments/index.ts';
import { caseResource } from './case.policy.ts';

export const CASE_FILE_OWNER = 'case';

export function registerCaseFiles(): void {
  registerAttachmentOwner(CASE_FILE_OWNER, caseResource);
}

/**
 * Attaches the files a draft or an answer names to the case, in the caller's transaction. A file the case
 * holds already (a draft saved again) is kept; any other must be the actor's own recent upload, not used
 * elsewhere — otherwise the whole change is refused (409 ATTACHMENT_NOT_ATTACHABLE) and nothing is saved.
 */
export async function attachCaseFiles(
  s: Services,
  trx: Transaction<Database>,
  ctx: RequestContext,
  caseId: number,
  ids: readonly number[],
): Promise<void> {
  if (!ids.length) return;
  const owner = { type: CASE_FILE_OWNER, id: caseId };
  const held = new Set((await listFor(s, owner, trx)).map((f) => f.id));
  const fresh = ids.filter((id) => !held.has(id));
  if (fresh.length) await attachTo(s, trx, ctx, fresh, owner);
}

interface CaseFile {
  id: number;
  fileName: string;
  size: number;
  mime: string;
}

/** The files the case holds (its content's and its answers'), for names and sizes on its page. */
export async function caseFiles(s: Services, caseId: number): Promise<CaseFile[]> {
  return (await listFor(s, { type: CASE_FILE_OWNER, id: caseId })).map((f) => ({
    id: f.id,
    fileName: f.fileName,
    size: f.size,
    mime: f.mime,
  }));
}
