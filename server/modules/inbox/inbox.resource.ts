import { scopedResource } from '../../core/access/guard.ts';
import type { MessageRow } from '../../db/schema.ts';
import { findMessage } from './inbox.repository.ts';

// A message, reached by its id in a URL (/api/inbox/:id/read), goes through the data-scope guard like
// every keyed record: only its recipient has it in scope; anyone else gets the 404 of a missing message,
// and an access.out_of_scope audit event (docs/decisions/inbox.md).
export const messageResource = scopedResource<MessageRow, number>({
  type: 'message',
  notFound: 'MESSAGE_NOT_FOUND',
  find: (s, id) => findMessage(s.db.kysely, id),
  inScope: (_s, ctx, row) => Promise.resolve(ctx.actor !== null && row.recipient_id === ctx.actor.userId),
});
