import crypto from 'node:crypto';

// Short-lived signed tokens (a training session's rotating QR code): HMAC-SM3 under a key derived per
// purpose from the app's secret key, so one secret never serves two purposes and the key never enters
// the database.
export class Signer {
  private readonly keys = new Map<string, Buffer>();
  constructor(private readonly secretKey: Buffer) {}

  private keyFor(purpose: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = crypto.createHmac('sm3', this.secretKey).update(`luoshi signing key v1: ${purpose}`).digest();
      this.keys.set(purpose, key);
    }
    return key;
  }

  /** The MAC of `data` for `purpose`, base64url. */
  sign(purpose: string, data: string): string {
    return crypto.createHmac('sm3', this.keyFor(purpose)).update(data).digest('base64url');
  }

  /** Whether `mac` is the MAC of `data` for `purpose` (compared in constant time). */
  verify(purpose: string, data: string, mac: string): boolean {
    const expected = Buffer.from(this.sign(purpose, data));
    const given = Buffer.from(mac);
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }
}
