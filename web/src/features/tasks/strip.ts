// The colour over a year from the colour history: each day takes the colour last recorded on or before it
// (Asia/Shanghai days), consecutive days of one colour and reasons form one segment, and days after
// `today` are 'future'.
import type { HealthChange, TaskHealth } from './api';

interface Segment {
  from: string;
  to: string;
  days: number;
  health: TaskHealth | 'future';
  reasons: string[];
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
export const dayOf = (at: string | Date): string => shanghaiDay.format(new Date(at));

export function yearSegments(year: number, history: HealthChange[], today: string): Segment[] {
  const changes = history.map((h) => ({ day: dayOf(h.at), h }));
  const out: Segment[] = [];
  let i = 0;
  let current: HealthChange | null = null;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    while (i < changes.length && changes[i]!.day <= day) current = changes[i++]!.h;
    const health = day > today ? 'future' : (current?.health ?? 'none');
    const reasons = health === 'future' ? [] : (current?.reasons.map((r) => r.message) ?? []);
    const last = out[out.length - 1];
    if (last && last.health === health && last.reasons.join('\n') === reasons.join('\n')) {
      last.to = day;
      last.days++;
    } else out.push({ from: day, to: day, days: 1, health, reasons });
  }
  return out;
}

/**
 * The year the strip shows: the year of the latest colour change (a task of an earlier year's plan may be
 * worked on, and coloured, later), else the task's own year.
 */
export function stripYear(taskYear: number, history: HealthChange[]): number {
  const last = history[history.length - 1];
  return last ? Number(dayOf(last.at).slice(0, 4)) : taskYear;
}

/** Today for the strip: a colour recorded on a day (by the server's clock) is never in the future. */
export function stripToday(history: HealthChange[], browserToday: string): string {
  const last = history[history.length - 1];
  const recorded = last ? dayOf(last.at) : '';
  return recorded > browserToday ? recorded : browserToday;
}
