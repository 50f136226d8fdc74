import type { Channel } from './notify.ts';
import { insertMessages } from './notify.repository.ts';

// The in-app inbox (站内消息): one row per recipient, in the caller's transaction.
export const inboxChannel: Channel = {
  name: 'inbox',
  deliver: (trx, d) =>
    insertMessages(
      trx,
      d.recipientIds.map((recipient_id) => ({
        recipient_id,
        kind: d.kind,
        title: d.title,
        body: d.body,
        object_type: d.object?.type ?? null,
        object_id: d.object?.id ?? null,
        link: d.link,
        created_at: d.createdAt,
        read_at: null,
      })),
    ),
};
