import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  matchTotp,
  totpCode,
  totpStep,
  totpUri,
} from './totp.ts';

// RFC 6238 appendix B, SHA-1 column (8 digits); our codes have 6 digits, the same number mod 10^6.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1_111_111_109, '07081804'],
  [1_111_111_111, '14050471'],
  [1_234_567_890, '89005924'],
  [2_000_000_000, '69279037'],
  [20_000_000_000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('encodes the RFC secret in base32 and decodes it back', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(RFC_SECRET).toString('ascii')).toBe('12345678901234567890');
    expect(base32Decode(RFC_SECRET.toLowerCase()).toString('ascii')).toBe('12345678901234567890');
    expect(() => base32Decode('GEZ1')).toThrow();
  });

  it.each(RFC_VECTORS)('at T=%i gives the last six digits of %s', (seconds, eight) => {
    const at = new Date(seconds * 1000);
    expect(totpCode(RFC_SECRET, totpStep(at))).toBe(eight.slice(-6));
  });

  it('accepts the current step and one either side, not two away', () => {
    const at = new Date(1_234_567_890 * 1000);
    const step = totpStep(at);
    for (const s of [step - 1, step, step + 1]) {
      expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s), at, null)).toBe(s);
    }
    for (const s of [step - 2, step + 2]) {
      expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s), at, null)).toBeNull();
    }
  });

  it('refuses a code at or before the last used step (single use)', () => {
    const at = new Date(1_111_111_111 * 1000);
    const step = totpStep(at);
    const code = totpCode(RFC_SECRET, step);
    expect(matchTotp(RFC_SECRET, code, at, step - 1)).toBe(step);
    expect(matchTotp(RFC_SECRET, code, at, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at, step - 1)).toBeNull();
  });

  it('refuses malformed codes', () => {
    const at = new Date(59_000);
    expect(matchTotp(RFC_SECRET, '94287082', at, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, '28708', at, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, '28708a', at, null)).toBeNull();
  });

  it('generates 160-bit secrets and an otpauth URI naming them', () => {
    const a = generateTotpSecret();
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
    const uri = totpUri(a, 'staff');
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(uri).toContain(`secret=${a}`);
    expect(uri).toContain('digits=6');
  });
});
