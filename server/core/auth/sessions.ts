import type { Kysely } from 'kysely';
import type { Database, SessionRow } from '../../db/schema.ts';
import { MINUTE, toTimestamp } from '../clock.ts';
import { randomToken, sm3Hex } from '../crypto.ts';
import { deleteSession, touchSession } from './session.repository.ts';

// A session is fully signed in only at stage `active`; the others allow just the next login step.
export const SESSION_STAGE = { active: 0, awaitingTotp: 1, awaitingEnrolment: 2 } as const;

// The cookie carries a random token; the database keeps only its SM3 hash, so a leaked sessions table
// cannot be replayed.
export interface SessionToken {
  cookie: string;
  id: string;
  csrf: string;
}

export function newSessionToken(): SessionToken {
  const cookie = randomToken(32);
  return { cookie, id: sm3Hex(cookie), csrf: randomToken(24) };
}

// Every request hashes its cookie to find its session (about 9 µs of a cached list's 350 µs of server
// CPU): the hashes of the cookies seen lately are kept, the oldest dropped past the limit. Only cookies of
// a session token's length (43 characters) are kept: a client's made-up long cookies take no memory.
const KNOWN_COOKIES = 10_000;
const KEPT_COOKIE_LENGTH = 64;
const hashedCookies = new Map<string, string>();

export function sessionIdOf(cookie: string): string {
  if (cookie.length > KEPT_COOKIE_LENGTH) return sm3Hex(cookie);
  let id = hashedCookies.get(cookie);
  if (id === undefined) {
    id = sm3Hex(cookie);
    hashedCookies.set(cookie, id);
    if (hashedCookies.size > KNOWN_COOKIES) hashedCookies.delete(hashedCookies.keys().next().value!);
  }
  return id;
}

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

// Whether a session found for a cookie is still live, ending it when it has been idle or alive too long.
export async function resumeSession(
  db: Kysely<Database>,
  session: SessionRow,
  now: Date,
  limits: SessionLimits,
): Promise<boolean> {
  if (sessionTimedOut(session, now, limits)) {
    await deleteSession(db, session.id);
    return false;
  }
  // Writing on every request would serialise reads on SQLite; a minute of precision is enough.
  if (now.getTime() - Date.parse(session.last_seen_at) > MINUTE)
    await touchSession(db, session.id, toTimestamp(now));
  return true;
}

/**
 * Whether a session has been idle or alive too long, without counting this look as activity (a live
 * stream checks its session this way: an open tab must not keep a session alive by itself).
 */
export function sessionTimedOut(
  session: Pick<SessionRow, 'expires_at' | 'last_seen_at' | 'created_at'>,
  now: Date,
  limits: SessionLimits,
): boolean {
  const nowTs = toTimestamp(now);
  const idleLimit = toTimestamp(new Date(now.getTime() - limits.idleMinutes * MINUTE));
  const absoluteLimit = toTimestamp(new Date(now.getTime() - limits.absoluteHours * 60 * MINUTE));
  return (
    session.expires_at <= nowTs || session.last_seen_at <= idleLimit || session.created_at <= absoluteLimit
  );
}
