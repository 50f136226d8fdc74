import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { expectedReports } from './expected-reports.ts';
import { type Health, type HealthFacts, healthOf, type ReportStatus, type TaskStatus } from './health.ts';
import { healthSettingsSchema } from './health.settings.ts';
import type { ReportingCycle } from './periods.ts';

// Any facts at all: the colour is the worst of its reasons, there is always a reason, and every message
// is a finished sentence (no 'undefined', 'NaN' or '[object').
const dayArb = fc.integer({ min: 0, max: 365 * 4 }).map((n) => addDays('2025-01-01', n));
const statusArb = fc.constantFrom<TaskStatus>(
  'draft',
  'assigned',
  'accepted',
  'completion_requested',
  'completed',
  'cancelled',
);
const reportStatusArb = fc.constantFrom<ReportStatus>('due', 'draft', 'submitted', 'returned', 'accepted');

const scenarioArb = fc
  .record({
    status: statusArb,
    a: dayArb,
    b: dayArb,
    today: dayArb,
    progress: fc.integer({ min: 0, max: 100 }),
    cycle: fc.constantFrom<ReportingCycle>('monthly', 'quarterly', 'milestone', 'none'),
    milestones: fc.array(fc.record({ due: dayArb, done: fc.option(dayArb, { nil: null }) }), {
      maxLength: 4,
    }),
    rowStatuses: fc.array(reportStatusArb, { maxLength: 12 }),
    returnedAt: dayArb,
    requestedAt: fc.option(dayArb, { nil: null }),
    settings: fc.record({
      behindMargin: fc.integer({ min: 1, max: 100 }),
      reportSoonDays: fc.integer({ min: 0, max: 30 }),
      reportGraceDays: fc.integer({ min: 0, max: 60 }),
      returnedFixDays: fc.integer({ min: 0, max: 60 }),
      milestoneSoonDays: fc.integer({ min: 0, max: 90 }),
    }),
  })
  .map((s) => {
    const startDate = s.a <= s.b ? s.a : s.b;
    const dueDate = s.a <= s.b ? s.b : s.a;
    const settings = healthSettingsSchema.parse(s.settings);
    const milestones = s.milestones.map((m, i) => ({
      id: i + 1,
      title: `节点${i + 1}`,
      dueDate: m.due,
      doneDate: m.done,
    }));
    const task = { cycle: s.cycle, startDate, dueDate, reportDay: settings.reportDay, milestones };
    // Stored rows for the first periods, in the generated statuses.
    const periods = expectedReports(task, [], '2030-01-01', settings);
    const rows = periods.slice(0, s.rowStatuses.length).map((p, i) => ({
      ...p,
      status: s.rowStatuses[i]!,
      returnedAt: `${s.returnedAt}T10:00:00.000+08:00`,
    }));
    const facts: HealthFacts = {
      status: s.status,
      startDate,
      dueDate,
      progress: s.progress,
      milestones,
      reports: expectedReports(task, rows, s.today, settings),
      completionRequestedAt: s.requestedAt,
    };
    return { facts, today: s.today, settings };
  });

const rank: Record<Health, number> = { none: 0, green: 1, yellow: 2, red: 3 };

describe('healthOf (properties)', () => {
  it('gives the worst colour of its reasons, always with a reason in plain words', () => {
    fc.assert(
      fc.property(scenarioArb, ({ facts, today, settings }) => {
        const { colour, reasons } = healthOf(facts, today, settings);
        expect(reasons.length).toBeGreaterThan(0);
        expect(colour).toBe(
          reasons.reduce<Health>((w, r) => (rank[r.colour] > rank[w] ? r.colour : w), 'none'),
        );
        for (const r of reasons) {
          expect(r.message).toMatch(/[\u4e00-\u9fff]/);
          expect(r.message).not.toMatch(/undefined|NaN|null|\[object/);
        }
        // Red and yellow reasons are listed red first; green ones never stand beside them.
        const ranks = reasons.map((r) => rank[r.colour]);
        expect([...ranks].sort((x, y) => y - x)).toEqual(ranks);
        if (colour === 'red' || colour === 'yellow')
          expect(reasons.every((r) => rank[r.colour] >= 2)).toBe(true);
        const live = ['assigned', 'accepted', 'completion_requested'].includes(facts.status);
        expect(colour === 'none').toBe(!live);
        if (facts.status !== 'completion_requested' && live && today > facts.dueDate)
          expect(colour).toBe('red');
      }),
      { numRuns: 500 },
    );
  });
});
