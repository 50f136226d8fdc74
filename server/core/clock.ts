// Every rule that depends on "now" takes a Clock, so tests move time instead of waiting.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-03-01T09:00:00+08:00')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
}

/**
 * A clock that starts at a given instant and runs on at the system clock's pace (LUOSHI_NOW, outside
 * production): a restarted server with a later start sees time as having passed.
 */
export function clockStartingAt(start: Date, system: () => number = Date.now): Clock {
  const offset = start.getTime() - system();
  return { now: () => new Date(system() + offset) };
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

// Stored timestamps are ISO 8601 in Asia/Shanghai (+08:00, no daylight saving). One fixed offset keeps
// them sortable as text in both databases and identical when hashed into the audit chain.
export function toTimestamp(date: Date): string {
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 23)}+08:00`;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
