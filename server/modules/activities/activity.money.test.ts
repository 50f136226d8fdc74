import { describe, expect, it } from 'vitest';
import { fenToWan, wanToFen, WAN_PATTERN } from './activity.money.ts';

describe('万元 ↔ 分', () => {
  it('converts exactly and sums to the cent', () => {
    expect(wanToFen('1234.5')).toBe(1_234_500_000);
    expect(wanToFen('0.000001')).toBe(1);
    expect(fenToWan(wanToFen('0.1') + wanToFen('0.2'))).toBe('0.3');
    expect(fenToWan(wanToFen('999999999.999999'))).toBe('999999999.999999');
    expect(fenToWan(0)).toBe('0');
    expect(fenToWan(-1_500_000)).toBe('-1.5');
  });
  it('accepts only plain decimals', () => {
    expect(WAN_PATTERN.test('12.34')).toBe(true);
    for (const bad of ['1e3', '-1', '1.2345678', '', '.5', '1,000'])
      expect(WAN_PATTERN.test(bad)).toBe(false);
  });
});
