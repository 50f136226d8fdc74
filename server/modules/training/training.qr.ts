// The room's QR code (扫码签到): a short-lived token bound to one course session, signed with the app's
// secret (core/signing.ts, HMAC-SM3). `<session id>.<issued at, unix seconds>.<mac>`: a code lives
// QR_LIFETIME_SECONDS, the room display fetches a fresh one every QR_REFRESH_SECONDS, so a code photographed
// and sent away stops working within a minute, and a code of one session never opens another (the MAC
// covers the session id). What a scan records is the scanner's own attendance and nothing else.
import type { Signer } from '../../core/signing.ts';

const QR_LIFETIME_SECONDS = 60;
export const QR_REFRESH_SECONDS = 20;
// A phone's clock is not involved (the server both issues and checks), but two app processes may differ
// a little.
const CLOCK_SKEW_SECONDS = 5;
const PURPOSE = 'training.qr';

export function issueQrToken(signer: Signer, sessionId: number, now: Date) {
  const issued = Math.floor(now.getTime() / 1000);
  const data = `${sessionId}.${issued}`;
  return {
    token: `${data}.${signer.sign(PURPOSE, data)}`,
    expiresAt: new Date((issued + QR_LIFETIME_SECONDS) * 1000),
  };
}

export type QrCheck = { ok: true } | { ok: false; reason: 'invalid' | 'expired' };

/** Whether `token` is a current code of session `sessionId`. */
export function checkQrToken(signer: Signer, sessionId: number, token: string, now: Date): QrCheck {
  const m = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{1,100})$/.exec(token);
  if (!m) return { ok: false, reason: 'invalid' };
  const [, sid, issuedText, mac] = m;
  const data = `${sid}.${issuedText}`;
  if (Number(sid) !== sessionId || !signer.verify(PURPOSE, data, mac!))
    return { ok: false, reason: 'invalid' };
  const age = Math.floor(now.getTime() / 1000) - Number(issuedText);
  if (age < -CLOCK_SKEW_SECONDS) return { ok: false, reason: 'invalid' };
  if (age > QR_LIFETIME_SECONDS) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** The web app page the QR code encodes (the participant signs in first if needed). */
export const scanPath = (sessionId: number, token: string) =>
  `/training/scan?s=${sessionId}&t=${encodeURIComponent(token)}`;
