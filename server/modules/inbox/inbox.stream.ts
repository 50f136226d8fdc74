// GET /api/inbox/stream: the inbox, live (server-sent events). The browser keeps one stream per tab; the
// server sends the unread count and the newest message id when the stream opens and whenever the user's
// inbox may have changed (core/notify/live.ts wakes it on commit, from any app process), so the badge and
// the open inbox page update without reloading. A stream reads nothing but the user's own counters.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findSessionPrincipal } from '../../core/auth/principal.repository.ts';
import { sessionTimedOut } from '../../core/auth/sessions.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { securitySettingsAt } from '../security/index.ts';
import { countUnread, latestMessageId } from './inbox.repository.ts';

// Bounds: a user's tabs, and all streams of this process (each holds a socket, never a connection to
// the database between events).
export const STREAM_LIMITS = { perUser: 5, perProcess: 2000 } as const;
export const STREAM_TIMING = {
  // A comment line keeps proxies from closing a quiet stream; the session is checked at the same beat.
  heartbeatMs: 25_000,
  // Wake-ups arriving together (one change telling many) are read once; a read that finds nothing new
  // is tried once more, in case the wake-up outran the commit's visibility to this connection.
  settleMs: 50,
  retryMs: 500,
};

interface InboxState {
  unread: number;
  latestId: number;
}

export async function openInboxStream(s: Services, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const actor = req.actor!;
  if (s.live.openFor(actor.userId) >= STREAM_LIMITS.perUser)
    throw appError(
      'RATE_LIMITED',
      `同一账户最多同时打开 ${STREAM_LIMITS.perUser} 个实时连接，请关闭多余的页面`,
    );
  if (s.live.open >= STREAM_LIMITS.perProcess) throw appError('SERVER_BUSY');

  const read = async (): Promise<InboxState> => ({
    unread: await countUnread(s.db.kysely, actor.userId),
    latestId: await latestMessageId(s.db.kysely, actor.userId),
  });
  let closed = false;
  let pending: NodeJS.Timeout | undefined;
  let sent: InboxState | null = null;
  // Listening starts before the first read, so a message committed in between is not missed.
  const unwatch = await s.live.watch(
    actor.userId,
    () => {
      clearTimeout(pending);
      pending = setTimeout(() => void refresh().catch(end), STREAM_TIMING.settleMs);
    },
    () => end(),
  );
  try {
    sent = await read();
  } catch (error) {
    unwatch();
    throw error;
  }

  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  const send = (event: string, data: object) =>
    raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  raw.write('retry: 5000\n\n');
  send('inbox', sent);

  async function refresh(retried = false): Promise<void> {
    if (closed || !sent) return;
    const now = await read();
    if (closed) return;
    if (now.unread === sent.unread && now.latestId === sent.latestId) {
      if (!retried) pending = setTimeout(() => void refresh(true).catch(end), STREAM_TIMING.retryMs);
      return;
    }
    sent = now;
    send('inbox', now);
  }
  const heartbeat = setInterval(() => {
    void stillSignedIn(s, actor.sessionId, actor.userId).then((ok) => {
      if (closed) return;
      if (!ok) {
        send('end', { reason: 'signed-out' });
        return end();
      }
      raw.write(': ping\n\n');
    }, end);
  }, STREAM_TIMING.heartbeatMs);
  function end(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(pending);
    unwatch();
    raw.end();
  }
  req.raw.on('close', end);
}

// The session still stands, its user is still active, and it has not timed out. Looking does not count
// as activity: an open tab alone must not keep a session alive.
async function stillSignedIn(s: Services, sessionId: string, userId: number): Promise<boolean> {
  const found = await findSessionPrincipal(s.db, sessionId);
  if (!found || found.user.id !== userId || found.user.status !== 'active') return false;
  const settings = await securitySettingsAt(s.db.kysely, s.config, found.settingsVersion);
  return !sessionTimedOut(found.session, s.clock.now(), {
    idleMinutes: settings.sessionIdleMinutes,
    absoluteHours: settings.sessionAbsoluteHours,
  });
}
