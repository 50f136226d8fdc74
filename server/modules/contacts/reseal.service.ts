// Re-sealing and re-indexing contacts after a key rotation (docs/decisions/contacts-key-rotation.md):
// every phone number and e-mail address still sealed under a retired key, or indexed under one, is
// opened, sealed again under the current key and given its current blind index. In batches of bounded
// size, each one transaction with its audit event, in id order; a row already current is left alone, so
// a run that stopped can simply be started again (or resumed after the last id it printed).
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';

export const RESEAL_BATCH_MAX = 1000;

export interface ResealProgress {
  lastId: number;
  scanned: number;
  resealed: number;
  // Ids whose value no known key opens (or whose tag fails): left as they are, for a person to look at.
  unreadable: number[];
}

type Kind = 'phone' | 'email';

// The columns to write for one sealed value, or null when it is already sealed and indexed currently.
function renewed(s: Services, kind: Kind, sealed: string | null, index: string | null) {
  if (sealed === null) return null;
  const { plain, current } = s.personalData.openTelling(sealed);
  const fresh = s.personalData.blindIndex(kind, plain);
  if (current && index === fresh) return null;
  return { sealed: current ? sealed : s.personalData.seal(plain), index: fresh };
}

/** Runs batches from after `afterId` to the end; `onBatch` hears the running totals after each. */
export async function resealContacts(
  s: Services,
  ctx: RequestContext,
  opts: { batchSize: number; afterId?: number; onBatch?: (p: ResealProgress) => Promise<void> },
): Promise<ResealProgress> {
  const batchSize = Math.min(Math.max(1, opts.batchSize), RESEAL_BATCH_MAX);
  const progress: ResealProgress = { lastId: opts.afterId ?? 0, scanned: 0, resealed: 0, unreadable: [] };
  for (;;) {
    const from = progress.lastId;
    const done = await s.db.kysely.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('contacts')
        .select(['id', 'version', 'phone_sealed', 'phone_index', 'email_sealed', 'email_index'])
        .where('id', '>', from)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      let changed = 0;
      for (const row of rows) {
        let phone, email;
        try {
          phone = renewed(s, 'phone', row.phone_sealed, row.phone_index);
          email = renewed(s, 'email', row.email_sealed, row.email_index);
        } catch {
          progress.unreadable.push(row.id);
          continue;
        }
        if (!phone && !email) continue;
        // Same version: the person's data did not change, so nobody's If-Match goes stale. A row edited
        // meanwhile was sealed under the current key by that edit, and is skipped.
        const res = await trx
          .updateTable('contacts')
          .set({
            ...(phone ? { phone_sealed: phone.sealed, phone_index: phone.index } : {}),
            ...(email ? { email_sealed: email.sealed, email_index: email.index } : {}),
          })
          .where('id', '=', row.id)
          .where('version', '=', row.version)
          .executeTakeFirst();
        changed += Number(res.numUpdatedRows);
      }
      if (changed > 0)
        await s.audit.record(trx, ctx, {
          action: 'contact.reseal',
          objectType: 'contact',
          note: { fromId: rows[0]!.id, toId: rows.at(-1)!.id, resealed: changed },
        });
      progress.scanned += rows.length;
      progress.resealed += changed;
      if (rows.length) progress.lastId = rows.at(-1)!.id;
      return rows.length < batchSize;
    });
    if (opts.onBatch) await opts.onBatch(progress);
    if (done) return progress;
  }
}
