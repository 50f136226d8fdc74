import { describe, expect, it } from 'vitest';
import { stripToday, stripYear, yearSegments } from './strip';

const change = (at: string, health: 'green' | 'yellow' | 'red' | 'none', message = '') => ({
  at,
  health,
  reasons: message ? [{ code: 'X', message }] : [],
});

describe('the colour strip over a year', () => {
  it('keeps May red after the task recovers, and leaves days to come blank', () => {
    const segments = yearSegments(
      2026,
      [
        change('2026-03-01T02:00:00Z', 'green'),
        change('2026-05-10T02:00:00Z', 'red', '任务已逾期'),
        change('2026-06-01T02:00:00Z', 'green'),
      ],
      '2026-08-31',
    );
    expect(segments.map((s) => [s.from, s.to, s.health])).toEqual([
      ['2026-01-01', '2026-02-28', 'none'],
      ['2026-03-01', '2026-05-09', 'green'],
      ['2026-05-10', '2026-05-31', 'red'],
      ['2026-06-01', '2026-08-31', 'green'],
      ['2026-09-01', '2026-12-31', 'future'],
    ]);
    expect(segments[2]!.reasons).toEqual(['任务已逾期']);
    expect(segments.reduce((n, s) => n + s.days, 0)).toBe(365);
  });

  it('counts a change by its day in Shanghai (late evening UTC is the next day there)', () => {
    const segments = yearSegments(2026, [change('2026-04-30T17:00:00Z', 'yellow')], '2026-12-31');
    expect(segments[1]).toMatchObject({ from: '2026-05-01', health: 'yellow' });
  });
});

describe('the strip’s year and today', () => {
  const history = [change('2026-12-02T01:00:00Z', 'green'), change('2026-12-22T01:00:00Z', 'red')];

  it('shows the year the colours were recorded in (a task of a 2022 plan coloured in 2026)', () => {
    expect(stripYear(2022, history)).toBe(2026);
    expect(stripYear(2022, [])).toBe(2022);
  });

  it('never counts a day with a recorded colour as still to come', () => {
    expect(stripToday(history, '2026-12-02')).toBe('2026-12-22');
    expect(stripToday(history, '2026-12-30')).toBe('2026-12-30');
    expect(stripToday([], '2026-12-02')).toBe('2026-12-02');
  });
});
