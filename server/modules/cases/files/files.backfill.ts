// Linking the files of cases saved before a case's files were attached to it (docs/decisions/case-files.md,
// case-files-backfill.md): their content's `attachmentIds` and their answers' `attachment_ids` named
// uploads that stayed their uploader's alone, so nobody else could download them. Walks the cases in id
// order, a batch per transaction, and attaches each named file to its case when it is still unattached
// and was uploaded by the person who named it (the author for the content, the answerer for an answer);
// anything else is left as it is and reported. Audited per case (attachment.attach, marked backfill) in
// the batch's transaction; running it again attaches nothing.
import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../../../core/access/actor.ts';
import type { Services } from '../../../core/services.ts';
import type { Database } from '../../../db/schema.ts';
import { attachNamedEarlier } from '../../attachments/index.ts';
import { parseIdList, readIdList, readJsonObject } from '../case.json.ts';
import { CASE_FILE_OWNER } from '../case.files.ts';

export const LINK_BATCH = 200;
export const LINK_BATCH_MAX = 1000;

// The files left as they were that a run lists one by one (the rest are counted).
const LEFT_LISTED = 50;

type LeftReason = 'missing' | 'attached_elsewhere' | 'uploaded_by_another';

/** A named file the backfill left as it was, and why. */
export interface LeftFile {
  caseId: number;
  fileId: number;
  reason: LeftReason;
}

export interface LinkFilesResult {
  /** Cases read. */
  cases: number;
  /** Files attached to their case by this run. */
  linked: number;
  /** Named files their case already held. */
  already: number;
  /** Named files left as they were, by reason; the first of them listed. */
  left: Record<LeftReason, number>;
  leftListed: LeftFile[];
}

function leave(result: LinkFilesResult, file: LeftFile): void {
  result.left[file.reason]++;
  if (result.leftListed.length < LEFT_LISTED) result.leftListed.push(file);
}

interface Named {
  fileId: number;
  namedBy: number;
}

// The content's ids (every type's content schema has attachmentIds; an old row may lack it).
function contentIds(body: string): number[] {
  const ids = readJsonObject(body).attachmentIds;
  return ids === undefined ? [] : parseIdList(ids);
}

async function namedFiles(db: Kysely<Database>, after: number, batch: number) {
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'body', 'submitter_user_id'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(batch)
    .execute();
  const byCase = new Map<number, Named[]>();
  for (const c of cases)
    byCase.set(
      c.id,
      contentIds(c.body).map((fileId) => ({ fileId, namedBy: c.submitter_user_id })),
    );
  if (cases.length) {
    const answers = await db
      .selectFrom('case_answers')
      .select(['case_id', 'answered_by', 'attachment_ids'])
      .where(
        'case_id',
        'in',
        cases.map((c) => c.id),
      )
      .where('attachment_ids', '!=', '[]')
      .orderBy('id')
      .execute();
    for (const a of answers)
      byCase
        .get(a.case_id)!
        .push(...readIdList(a.attachment_ids).map((fileId) => ({ fileId, namedBy: a.answered_by })));
  }
  return { last: cases.at(-1)?.id, byCase };
}

type Holder = Map<number, { id: number; owner_type: string | null; owner_id: number | null }>;

// One case's named files: those it holds are counted, those missing or held elsewhere are reported, the
// rest are attached by whoever named them and uploaded them (a file may be named by the author and an
// answerer alike); what nobody could attach was uploaded by someone else. Returns the ids attached.
async function linkCase(
  s: Services,
  trx: Transaction<Database>,
  ctx: RequestContext,
  caseId: number,
  named: Named[],
  holder: Holder,
  result: LinkFilesResult,
): Promise<Set<number>> {
  const namers = new Map<number, Set<number>>();
  for (const { fileId, namedBy } of named) namers.set(fileId, (namers.get(fileId) ?? new Set()).add(namedBy));
  const pending: number[] = [];
  for (const fileId of namers.keys()) {
    const row = holder.get(fileId);
    if (!row) leave(result, { caseId, fileId, reason: 'missing' });
    else if (row.owner_type === CASE_FILE_OWNER && row.owner_id === caseId) result.already++;
    else if (row.owner_type !== null) leave(result, { caseId, fileId, reason: 'attached_elsewhere' });
    else pending.push(fileId);
  }
  const people = new Set(pending.flatMap((fileId) => [...namers.get(fileId)!]));
  const linked = new Set<number>();
  for (const namedBy of people) {
    const theirs = pending.filter((fileId) => namers.get(fileId)!.has(namedBy) && !linked.has(fileId));
    const owner = { type: CASE_FILE_OWNER, id: caseId };
    for (const fileId of await attachNamedEarlier(s, trx, ctx, theirs, namedBy, owner)) linked.add(fileId);
  }
  for (const fileId of pending)
    if (!linked.has(fileId)) leave(result, { caseId, fileId, reason: 'uploaded_by_another' });
  result.linked += linked.size;
  return linked;
}

export async function linkOldCaseFiles(
  s: Services,
  ctx: RequestContext,
  opts: { batch?: number; onProgress?: (cases: number) => void } = {},
): Promise<LinkFilesResult> {
  const batch = Math.min(Math.max(1, opts.batch ?? LINK_BATCH), LINK_BATCH_MAX);
  const result: LinkFilesResult = {
    cases: 0,
    linked: 0,
    already: 0,
    left: { missing: 0, attached_elsewhere: 0, uploaded_by_another: 0 },
    leftListed: [],
  };
  let after = 0;
  for (;;) {
    const { last, byCase } = await namedFiles(s.db.kysely, after, batch);
    if (last === undefined) break;
    await s.db.kysely.transaction().execute(async (trx) => {
      const ids = [...new Set([...byCase.values()].flat().map((n) => n.fileId))];
      const rows = ids.length
        ? await trx
            .selectFrom('attachments')
            .select(['id', 'owner_type', 'owner_id'])
            .where('id', 'in', ids)
            .execute()
        : [];
      const holder = new Map(rows.map((r) => [r.id, r]));
      for (const [caseId, named] of byCase) {
        const linked = await linkCase(s, trx, ctx, caseId, named, holder, result);
        // Attached now: another case naming the same file further on finds it held.
        for (const fileId of linked)
          holder.set(fileId, { id: fileId, owner_type: CASE_FILE_OWNER, owner_id: caseId });
      }
    });
    result.cases += byCase.size;
    after = last;
    opts.onProgress?.(result.cases);
  }
  return result;
}
