import crypto from 'node:crypto';

// 国密 profile: SM3 for hashing (audit chain, password KDF, session ids), SM4 for secrets at rest.

export function sm3Hex(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

// SM4-CBC with a random IV and an SM3-HMAC over IV and ciphertext (encrypt-then-MAC), so a tampered
// value is rejected instead of decrypting to garbage.
export class SecretBox {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('secret key must be 32 bytes');
    this.encKey = key.subarray(0, 16);
    this.macKey = key.subarray(16);
  }

  seal(plain: string): string {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-cbc', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = crypto.createHmac('sm3', this.macKey).update(iv).update(body).digest();
    return `v1.${Buffer.concat([iv, body, mac]).toString('base64url')}`;
  }

  open(sealed: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('unknown secret format');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const iv = raw.subarray(0, 16);
    const body = raw.subarray(16, raw.length - 32);
    const mac = raw.subarray(raw.length - 32);
    const expected = crypto.createHmac('sm3', this.macKey).update(iv).update(body).digest();
    if (mac.length !== 32 || !crypto.timingSafeEqual(mac, expected))
      throw new Error('secret was tampered with');
    const decipher = crypto.createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
