import { describe, expect, it } from 'vitest';
import { safeCell } from './excel.write.ts';

describe('safeCell (an export can never run a formula)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 531', "'+86 531"],
    ['-5%', "'-5%"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [' =cmd', "' =cmd"],
    ['\t=1', "'\t=1"],
    ['举办培训班', '举办培训班'],
    ['2026-03-01', '2026-03-01'],
  ])('%j → %j', (input, output) => expect(safeCell(input)).toBe(output));
  it('keeps numbers and empties', () => {
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(null)).toBe('');
  });
});
