import { describe, expect, it } from 'vitest';
import type { InstructionStatus } from '../../db/schema.ts';
import { initialStatus, nextStatus, type InstructionStep } from './instruction.rules.ts';

describe('instruction rules', () => {
  it('starts a 批办 instruction awaiting the report back and the others as information', () => {
    expect(initialStatus('act')).toBe('pending');
    expect(initialStatus('guide')).toBe('info');
    expect(initialStatus('read')).toBe('info');
  });

  const table: Array<[InstructionStatus, InstructionStep, InstructionStatus | null]> = [
    ['pending', 'report', 'reported'],
    ['reported', 'report', 'reported'],
    ['done', 'report', null],
    ['info', 'report', null],
    ['pending', 'confirm', null],
    ['reported', 'confirm', 'done'],
    ['done', 'confirm', null],
    ['info', 'confirm', null],
    ['pending', 'more', null],
    ['reported', 'more', 'pending'],
    ['done', 'more', null],
    ['info', 'more', null],
  ];
  it.each(table)('%s + %s → %s', (from, step, to) => {
    const result = nextStatus(from, step);
    if (to === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/[\u4e00-\u9fa5]/);
    } else expect(result).toEqual({ ok: true, status: to });
  });
});
