// Live updates of the inbox (server-sent events, modules/inbox/inbox.stream.ts): the live channel sends a
// wake-up call naming the recipients when the announcing transaction commits (db Signals: NOTIFY on
// PostgreSQL, so a browser connected to any app process hears it); each open stream of a named user then
// reads that user's inbox afresh. The call carries user ids only, never a message.
import type { Db } from '../../db/dialect/dialect.ts';
import type { Channel } from './notify.ts';

const CHANNEL = 'inbox';
// NOTIFY payloads stop at 8000 bytes: a delivery to many people goes out in several calls.
const IDS_PER_SIGNAL = 500;

export class LiveInbox {
  private readonly watchers = new Map<number, Set<() => void>>();
  // Every open stream's way to end itself: the server ends them all when it closes.
  private readonly enders = new Set<() => void>();
  private stopListening: Promise<() => Promise<void>> | null = null;

  constructor(private readonly db: Db) {}

  /** The channel notify() delivers through; it writes nothing, it only signals on commit. */
  readonly channel: Channel = {
    name: 'live',
    deliver: async (trx, delivery) => {
      const ids = delivery.recipientIds;
      for (let i = 0; i < ids.length; i += IDS_PER_SIGNAL)
        await this.db.signals.sendOnCommit(trx, CHANNEL, ids.slice(i, i + IDS_PER_SIGNAL).join(','));
    },
  };

  /**
   * Calls `wake` whenever the user's inbox may have changed, and `end` when the server closes; the
   * returned function stops both.
   */
  async watch(userId: number, wake: () => void, end: () => void): Promise<() => void> {
    this.stopListening ??= this.db.signals.listen(CHANNEL, (payload) => this.wake(payload));
    try {
      await this.stopListening;
    } catch (error) {
      this.stopListening = null;
      throw error;
    }
    let set = this.watchers.get(userId);
    if (!set) this.watchers.set(userId, (set = new Set()));
    set.add(wake);
    this.enders.add(end);
    return () => {
      this.enders.delete(end);
      set.delete(wake);
      if (set.size === 0) this.watchers.delete(userId);
    };
  }

  /** How many streams are open for a user (each user may keep only a few). */
  openFor(userId: number): number {
    return this.watchers.get(userId)?.size ?? 0;
  }

  get open(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  /** Ends every open stream (the server is closing: an open stream would hold it up). */
  endAll(): void {
    for (const end of [...this.enders]) end();
  }

  private wake(payload: string): void {
    for (const id of payload.split(',')) for (const wake of this.watchers.get(Number(id)) ?? []) wake();
  }
}
