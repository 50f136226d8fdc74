// The one way anything in Luoshi tells people about a change (通知). A service calls
//   await s.notify(trx, { recipients, kind, title, body, object })
// inside the transaction of the change it announces: the recipients are resolved there, and every
// channel records its delivery in that same transaction, so a change that rolls back was never
// announced and an announced change always happened.
//
// Channels sit behind this interface. Today the in-app inbox is the only one. E-mail and webhook
// (钉钉/企业微信) channels and daily digests plug in as further Channels that, in `deliver`, only record
// an outgoing job in the transaction; the job runner sends it after the commit (never a network call
// inside a database transaction). Live updates (server-sent events) will be a channel of the same kind.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toTimestamp, type Clock } from '../clock.ts';
import { defaultLink, isAppPath, type MessageKind, type MessageObjectType } from './kinds.ts';
import { resolveRecipients, type Recipient } from './recipients.ts';

export interface Notification {
  recipients: readonly Recipient[];
  kind: MessageKind;
  // One line, in words the recipient acts on ("《…》已交办给您单位，请签收").
  title: string;
  // A few short sentences at most (the reviewer's comment, the reason); longer text is cut.
  body?: string;
  // The record the message is about; `link` is the web app page it opens, when not the record's own.
  object?: { type: MessageObjectType; id: number | string; link?: string } | null;
  // Users not to tell, usually whoever made the change (they know already).
  except?: readonly number[];
}

// What a channel delivers: one announcement to a resolved list of people.
export interface Delivery {
  kind: MessageKind;
  title: string;
  body: string;
  object: { type: MessageObjectType; id: string } | null;
  link: string | null;
  createdAt: string;
  recipientIds: readonly number[];
}

export interface Channel {
  readonly name: string;
  // Runs inside the caller's transaction and writes only to the database (see above).
  deliver(trx: Transaction<Database>, delivery: Delivery): Promise<void>;
}

export type Notify = (trx: Transaction<Database>, notification: Notification) => Promise<Delivery>;

const TITLE_MAX = 200;
const BODY_MAX = 500;

export function createNotifier(deps: { clock: Clock; channels: readonly Channel[] }): Notify {
  return async (trx, n) => {
    const except = new Set(n.except ?? []);
    const recipientIds = (await resolveRecipients(trx, n.recipients)).filter((id) => !except.has(id));
    const delivery: Delivery = {
      kind: n.kind,
      title: cut(n.title, TITLE_MAX),
      body: cut(n.body ?? '', BODY_MAX),
      object: n.object ? { type: n.object.type, id: String(n.object.id) } : null,
      link: linkOf(n.object),
      createdAt: toTimestamp(deps.clock.now()),
      recipientIds,
    };
    if (recipientIds.length === 0) return delivery;
    for (const channel of deps.channels) await channel.deliver(trx, delivery);
    return delivery;
  };
}

function linkOf(object: Notification['object']): string | null {
  if (!object) return null;
  const link = object.link ?? defaultLink(object.type, String(object.id));
  // A programming error, not a user's: a message must never send anyone off this web app.
  if (link !== null && !isAppPath(link)) throw new Error(`notify: ${link} is not a path of this web app`);
  return link;
}

// Titles and bodies are composed from user text (task titles, comments); a message stays short.
function cut(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
