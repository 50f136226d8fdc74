import { describe, expect, it } from 'vitest';
import { fenOf, fenToWan, wanToFen, WAN_PATTERN } from './pairing.money.ts';

describe('万元 ↔ 分', () => {
  it('converts exactly both ways', () => {
    expect(wanToFen('12.5')).toBe(12_500_000n);
    expect(wanToFen('0.000001')).toBe(1n);
    expect(wanToFen('999999999.999999')).toBe(999_999_999_999_999n);
    expect(fenToWan(12_500_000n)).toBe('12.50');
    expect(fenToWan(1n)).toBe('0.000001');
    expect(fenToWan(123_456_700n)).toBe('123.4567');
    expect(fenToWan(0n)).toBe('0.00');
  });

  it('sums without floating point drift', () => {
    const sum = ['0.1', '0.2', '0.3'].map(wanToFen).reduce((a, b) => a + b, 0n);
    expect(fenToWan(sum)).toBe('0.60');
  });

  it('reads what either driver answers', () => {
    expect(fenOf(5)).toBe(5n);
    expect(fenOf('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(fenOf(null)).toBe(0n);
    expect(() => fenOf(1.5)).toThrow();
  });

  it('accepts only plain decimals', () => {
    for (const ok of ['0', '12', '12.34', '1.000001']) expect(WAN_PATTERN.test(ok)).toBe(true);
    for (const bad of ['-1', '1e3', '1.0000001', '', '.5', '1,000'])
      expect(WAN_PATTERN.test(bad)).toBe(false);
  });
});
