// The periods the not-yet-reported board offers (pure, unit-tested): the months and quarters of this year
// and last whose report has fallen due, newest first, and the one it opens with — the latest period whose
// due date has passed (the period's end plus the default 报送期限 of 5 days).

export interface BoardPeriod {
  key: string;
  label: string;
  dueDate: string;
}

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];
const DEFAULT_REPORT_DAY = 5;

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;

function dueAfter(year: number, monthAfterEnd: number, reportDay: number): string {
  // Day 0 of the month after the period is its last day; the report is due reportDay days later.
  return iso(Date.UTC(year, monthAfterEnd, 0) + reportDay * DAY);
}

/** Months and quarters of `today`'s year and the year before whose due date is before today, newest first. */
export function boardPeriods(today: string, reportDay = DEFAULT_REPORT_DAY): BoardPeriod[] {
  const year = Number(today.slice(0, 4));
  const out: BoardPeriod[] = [];
  for (const y of [year - 1, year]) {
    for (let m = 1; m <= 12; m++)
      out.push({
        key: `${y}-${String(m).padStart(2, '0')}`,
        label: `${y}年${m}月`,
        dueDate: dueAfter(y, m, reportDay),
      });
    for (let q = 1; q <= 4; q++)
      out.push({
        key: `${y}-Q${q}`,
        label: `${y}年${QUARTERS[q - 1]}`,
        dueDate: dueAfter(y, q * 3, reportDay),
      });
  }
  return out
    .filter((p) => p.dueDate < today)
    .sort((a, b) =>
      a.dueDate === b.dueDate
        ? Number(a.key.includes('Q')) - Number(b.key.includes('Q'))
        : a.dueDate < b.dueDate
          ? 1
          : -1,
    );
}

/** The latest period (a month; the quarter ending with it comes after it in the list) due before today. */
export function defaultBoardPeriod(today: string, reportDay = DEFAULT_REPORT_DAY): string | null {
  return boardPeriods(today, reportDay)[0]?.key ?? null;
}

/** A stored period key as words: '2026年5月', '2026年第二季度', '里程碑期'. */
export function periodLabelOf(key: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return `${quarter[1]}年${QUARTERS[Number(quarter[2]) - 1]}`;
  return key.startsWith('m:') ? '里程碑期' : key;
}
