// The outbound channel behind notify(): inside the announcing transaction it only records what is to be
// sent — a delivery row per e-mail recipient and per matching webhook — and enqueues the job that sends
// it after the commit (channel.send.ts). No network call ever happens inside a database transaction, a
// change that rolls back sends nothing, and every sending is on record with its outcome.
import { enqueueJob } from '../../core/jobs/job.enqueue.ts';
import type { Channel, Delivery } from '../../core/notify/notify.ts';
import type { DeliveryMode } from '../../db/schema.ts';
import {
  findChannelSettings,
  insertDelivery,
  listEmailRecipients,
  listEnabledWebhooks,
  usersOfUnit,
} from './channel.repository.ts';
import { channelsSend } from './channel.send.ts';
import { parseKinds, parseModes } from './channel.stored.ts';

function modeOf(modes: string, kind: string): DeliveryMode {
  return parseModes(modes)[kind] ?? 'immediate';
}

export const outboundChannel: Channel = {
  name: 'outbound',
  deliver: async (trx, d: Delivery) => {
    const settings = await findChannelSettings(trx);
    const clock = { now: () => new Date(d.createdAt) };
    const base = { kind: d.kind, subject: d.title, body: d.body, link: d.link, created_at: d.createdAt };
    if (settings?.email_enabled) {
      for (const person of await listEmailRecipients(trx, d.recipientIds)) {
        const mode = modeOf(person.modes, d.kind);
        if (mode === 'inapp') continue;
        const id = await insertDelivery(trx, {
          ...base,
          channel: 'email',
          user_id: person.user_id,
          webhook_id: null,
          status: mode === 'digest' ? 'held' : 'pending',
          last_error: null,
          sent_at: null,
        });
        if (mode === 'immediate')
          await enqueueJob(
            trx,
            { kind: channelsSend, payload: { deliveryId: id }, runAt: clock.now() },
            clock,
          );
      }
    }
    for (const hook of await listEnabledWebhooks(trx)) {
      const kinds = parseKinds(hook.kinds);
      if (kinds.length > 0 && !kinds.includes(d.kind)) continue;
      if (hook.unit_id !== null && (await usersOfUnit(trx, d.recipientIds, hook.unit_id)).length === 0)
        continue;
      const id = await insertDelivery(trx, {
        ...base,
        channel: 'webhook',
        user_id: null,
        webhook_id: hook.id,
        status: 'pending',
        last_error: null,
        sent_at: null,
      });
      await enqueueJob(trx, { kind: channelsSend, payload: { deliveryId: id }, runAt: clock.now() }, clock);
    }
  },
};
