import { EventEmitter } from 'node:events';
import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';
import type { Signals } from './dialect.ts';

// The two ways wake-up calls travel (dialect.ts Signals): in memory for SQLite's single process, and
// NOTIFY/LISTEN on PostgreSQL, where every app process keeps one extra connection that listens.

export function inProcessSignals(): Signals {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return {
    sendOnCommit: (_trx, channel, payload) => {
      // After the caller's current step; a listener's read queues behind the writer on the connection.
      setImmediate(() => bus.emit(channel, payload));
      return Promise.resolve();
    },
    listen: (channel, receive) => {
      bus.on(channel, receive);
      return Promise.resolve(() => {
        bus.off(channel, receive);
        return Promise.resolve();
      });
    },
    close: () => {
      bus.removeAllListeners();
      return Promise.resolve();
    },
  };
}

// Channel names are identifiers, database-wide: tests that share a database in separate schemas name the
// schema in the channel, so one file's signals do not wake another's listeners.
function channelName(channel: string, schema: string | undefined): string {
  return `luoshi_${schema ? `${schema}_` : ''}${channel}`.replace(/[^a-z0-9_]/gi, '_').slice(0, 63);
}

const RECONNECT_MS = [250, 1000, 5000];

export function postgresSignals(url: string, schema: string | undefined): Signals {
  const receivers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let failures = 0;

  async function connectClient(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      for (const receive of receivers.get(n.channel) ?? []) receive(n.payload ?? '');
    });
    // A lost connection is opened again and listens to every channel anew; signals sent meanwhile are
    // missed, which a live view covers by reading afresh on reconnect (and at its heartbeat).
    c.on('error', () => void reconnect(c));
    c.on('end', () => void reconnect(c));
    await c.connect();
    for (const name of receivers.keys()) await c.query(`listen ${c.escapeIdentifier(name)}`);
    failures = 0;
    return c;
  }

  async function reconnect(lost: pg.Client): Promise<void> {
    if (closed || client !== lost) return;
    client = null;
    connecting = null;
    const wait = RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]!;
    await new Promise((r) => setTimeout(r, wait).unref());
    if (!closed && receivers.size > 0) await ensureClient().catch(() => void 0);
  }

  function ensureClient(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connectClient().then(
      (c) => (client = c),
      (error: unknown) => {
        connecting = null;
        throw error;
      },
    );
    return connecting;
  }

  return {
    async sendOnCommit(trx: Transaction<Database>, channel, payload) {
      await sql`select pg_notify(${channelName(channel, schema)}, ${payload})`.execute(trx);
    },
    async listen(channel, receive) {
      const name = channelName(channel, schema);
      let set = receivers.get(name);
      const first = !set;
      if (!set) receivers.set(name, (set = new Set()));
      set.add(receive);
      const c = await ensureClient();
      // A client made after this channel was added already listens to it (connectClient).
      if (first && c === client) await c.query(`listen ${c.escapeIdentifier(name)}`);
      return async () => {
        set.delete(receive);
        if (set.size > 0) return;
        receivers.delete(name);
        if (client) await client.query(`unlisten ${client.escapeIdentifier(name)}`).catch(() => void 0);
        if (receivers.size === 0) await stop();
      };
    },
    async close() {
      closed = true;
      receivers.clear();
      await stop();
    },
  };

  async function stop(): Promise<void> {
    const c = client;
    client = null;
    connecting = null;
    await c?.end().catch(() => void 0);
  }
}
