import { describe, expect, it } from 'vitest';
import type { NoticeLevel, NoticeStatus } from '../../db/schema.ts';
import { activeDeadline, checkStep, noticeColour, type NoticeStep } from './notice.rules.ts';

const STATUSES: NoticeStatus[] = [
  'issued',
  'signed',
  'responded',
  'rectifying',
  'done_reported',
  'delist_requested',
  'closed',
];

// Every step from every state, for a 重点 and a 挂牌督办 notice: where it leads, or null when refused.
const TABLE: [NoticeStep, NoticeLevel, Partial<Record<NoticeStatus, NoticeStatus>>][] = [
  ['sign', 'key', { issued: 'signed' }],
  ['respond', 'key', { signed: 'responded' }],
  ['accept', 'key', { responded: 'rectifying' }],
  ['return', 'key', { responded: 'signed', done_reported: 'rectifying' }],
  ['complete', 'key', { rectifying: 'done_reported' }],
  ['close', 'key', { done_reported: 'closed' }],
  ['close', 'general', { done_reported: 'closed' }],
  ['close', 'listed', {}],
  ['requestDelist', 'key', {}],
  ['requestDelist', 'listed', { done_reported: 'delist_requested' }],
  ['approveDelist', 'listed', { delist_requested: 'closed' }],
  ['approveDelist', 'key', {}],
  ['refuseDelist', 'listed', { delist_requested: 'done_reported' }],
];

describe('notice state machine', () => {
  for (const [step, level, allowed] of TABLE) {
    for (const from of STATUSES) {
      const expected = allowed[from] ?? null;
      it(`${step} (${level}) from ${from} → ${expected ?? 'refused'}`, () => {
        const check = checkStep(step, level, from);
        expect(check.ok ? check.to : null).toBe(expected);
        if (!check.ok) expect(check.message).toMatch(/[\u4e00-\u9fa5]/);
      });
    }
  }

  it('tells a clerk why a 挂牌督办 notice cannot simply be closed', () => {
    const check = checkStep('close', 'listed', 'done_reported');
    expect(check).toMatchObject({ ok: false, reason: 'level' });
    expect(!check.ok && check.message).toContain('申请摘牌');
  });

  it('names the state in the refusal', () => {
    const check = checkStep('sign', 'key', 'closed');
    expect(!check.ok && check.message).toContain('已办结');
  });
});

describe('notice colour', () => {
  const today = '2026-12-02';
  const yellowThrough = '2026-12-04';
  const rows: [NoticeStatus, string, string | null, string][] = [
    // status, response due, fix due, colour
    ['issued', '2026-12-10', null, 'green'],
    ['issued', '2026-12-04', null, 'yellow'],
    ['issued', '2026-12-02', null, 'yellow'],
    ['issued', '2026-12-01', null, 'red'],
    ['signed', '2026-12-01', null, 'red'],
    // Responded: waiting on staff, the unit's deadline is met.
    ['responded', '2026-12-01', '2026-12-20', 'green'],
    ['rectifying', '2026-12-01', '2026-12-20', 'green'],
    ['rectifying', '2026-11-20', '2026-12-03', 'yellow'],
    ['rectifying', '2026-11-20', '2026-11-30', 'red'],
    ['done_reported', '2026-11-20', '2026-11-30', 'green'],
    ['delist_requested', '2026-11-20', '2026-11-30', 'green'],
    ['closed', '2026-11-20', '2026-11-30', 'none'],
  ];
  for (const [status, responseDue, fixDue, colour] of rows) {
    it(`${status}, response ${responseDue}, fix ${fixDue ?? '—'} → ${colour}`, () => {
      const due = activeDeadline(status, responseDue, fixDue);
      expect(noticeColour(status, due, today, yellowThrough)).toBe(colour);
    });
  }
});
