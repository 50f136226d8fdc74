// Working-day arithmetic (工作日): Monday to Friday, except the holidays, plus the adjusted working days
// (调休) that fall on a weekend. Pure: the calendar service hands it the special days of the years asked
// for, from the shipped arrangement and the staff's corrections (calendar.service.ts).

/** 'YYYY-MM-DD'. */
export type Day = string;

export type DayKind = 'holiday' | 'workday';

export interface SpecialDay {
  day: Day;
  // holiday: no work on this day (放假); workday: work on this day although it is a weekend (调休上班).
  kind: DayKind;
  // The festival the day belongs to (春节, 国庆节 …), as the State Council's notice names it.
  name: string;
}

const DAY_MS = 86_400_000;
const toUtc = (day: Day) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number): Day => new Date(ms).toISOString().slice(0, 10);

// Answers of addWorkingDays kept per calendar (the calendar never changes, and the service shares one
// across requests): a task's colour works out every period's due date, the same few hundred each time.
const MAX_REMEMBERED = 20_000;

export class WorkingDays {
  private readonly special: ReadonlyMap<Day, SpecialDay>;
  private readonly added = new Map<string, Day>();

  constructor(days: Iterable<SpecialDay>) {
    this.special = new Map([...days].map((d) => [d.day, d]));
  }

  isWorkingDay(day: Day): boolean {
    const special = this.special.get(day);
    if (special) return special.kind === 'workday';
    const weekday = new Date(toUtc(day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The `n`-th working day after `day` (n ≥ 1): "within 3 working days" of a Friday is the Wednesday.
   * n = 0 is `day` itself when it is a working day, else the next one (a deadline falling on a holiday
   * moves to the first working day after it, 遇节假日顺延).
   */
  addWorkingDays(day: Day, n: number): Day {
    const key = `${day}+${n}`;
    let answer = this.added.get(key);
    if (answer === undefined) {
      answer = this.countWorkingDays(day, n);
      if (this.added.size >= MAX_REMEMBERED) this.added.clear();
      this.added.set(key, answer);
    }
    return answer;
  }

  private countWorkingDays(day: Day, n: number): Day {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    let ms = toUtc(day);
    if (n === 0) {
      while (!this.isWorkingDay(fromUtc(ms))) ms += DAY_MS;
      return fromUtc(ms);
    }
    for (let left = n; left > 0;) {
      ms += DAY_MS;
      if (this.isWorkingDay(fromUtc(ms))) left--;
    }
    return fromUtc(ms);
  }

  /**
   * How many working days after `from` `to` is: the working days d with from < d ≤ to (0 when to ≤ from).
   * "Overdue by 2 working days" when the deadline is `from` and today is `to`.
   */
  workingDaysBetween(from: Day, to: Day): number {
    let count = 0;
    for (let ms = toUtc(from) + DAY_MS, end = toUtc(to); ms <= end; ms += DAY_MS)
      if (this.isWorkingDay(fromUtc(ms))) count++;
    return count;
  }
}
