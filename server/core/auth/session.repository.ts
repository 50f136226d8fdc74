import type { Kysely, Transaction } from 'kysely';
import type { Database, SessionRow } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertSession(db: Q, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionById(db: Q, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

// Gives a session a new id (the hash of a new token) and CSRF token; the old token stops working at once.
export async function renewSession(
  db: Q,
  id: string,
  renewed: { id: string; csrf_token: string; totp_pending: number },
): Promise<void> {
  await db.updateTable('sessions').set(renewed).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Q, userId: number, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Q, now: string, idleBefore: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
    .execute();
}
