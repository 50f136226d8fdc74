import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, randomToken, safeEqual, sm3Hex } from './crypto.ts';

describe('SM3', () => {
  it('matches the GB/T 32905 test vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('SecretBox (SM4-CBC + SM3-HMAC)', () => {
  const box = new SecretBox(crypto.randomBytes(32));

  it('round-trips a value and hides it in the sealed form', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const sealed = box.seal(secret);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(box.open(sealed)).toBe(secret);
  });

  it('uses a fresh IV each time, so equal values seal differently', () => {
    expect(box.seal('同一个秘密')).not.toBe(box.seal('同一个秘密'));
    expect(box.open(box.seal('同一个秘密'))).toBe('同一个秘密');
  });

  it('rejects a tampered ciphertext, IV or MAC', () => {
    const sealed = box.seal('a TOTP seed');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (const index of [0, 20, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() => box.open(`v1.${tampered.toString('base64url')}`)).toThrow();
    }
    expect(() => box.open(`v1.${raw.subarray(0, 40).toString('base64url')}`)).toThrow();
  });

  it('rejects a value sealed under another key and an unknown format', () => {
    const other = new SecretBox(crypto.randomBytes(32));
    expect(() => box.open(other.seal('x'))).toThrow();
    expect(() => box.open('plain text')).toThrow(/unknown secret format/);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new SecretBox(crypto.randomBytes(16))).toThrow();
  });
});

describe('tokens', () => {
  it('randomToken gives distinct url-safe tokens', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });

  it('safeEqual compares content, including different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
