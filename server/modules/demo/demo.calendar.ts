// Calendar days of the demo's history (Asia/Shanghai, as every stored date): 'YYYY-MM-DD' strings.
import { DAY } from '../../core/clock.ts';

const SHANGHAI_MS = 8 * 60 * 60 * 1000;

export function dayOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

export function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The instant of a Shanghai wall-clock time on a day ('09:00'). */
export function at(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+08:00`);
}

/** A script date ('MM-DD' in the demo year, or days before today) as a day. */
export function resolveDay(when: string | number, year: number, today: string): string {
  return typeof when === 'number' ? plusDays(today, when) : `${year}-${when}`;
}
