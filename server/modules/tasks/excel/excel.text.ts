// The words of the 任务分解表: its columns, and the readings of what clerks type in them (full-width and
// half-width alike, dates as Excel dates or text, reporting cycles in their usual words).
import type { TaskCycle } from '../../../db/schema.ts';

/** The columns, in order; the header row is found by these names, wherever it is. */
export const COLUMNS = [
  '序号',
  '工作要点条目',
  '具体任务',
  '牵头单位',
  '配合单位',
  '责任人',
  '开始时间',
  '完成时限',
  '报送周期',
  '指标及目标值',
] as const;
export type Column = (typeof COLUMNS)[number];

/**
 * One spelling for text typed in either width: NFKC turns full-width digits, letters, （）, ：and the
 * ideographic space into their half-width forms; all white space goes (Chinese names have none).
 */
export function norm(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A cell's text with its outer space trimmed and inner runs collapsed, widths unified. */
export function clean(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

const CYCLE_WORDS: [TaskCycle, string[]][] = [
  ['monthly', ['每月', '月度', '按月', '月报', '每月报送', '月']],
  ['quarterly', ['每季度', '季度', '按季度', '按季', '每季', '季报', '季']],
  ['milestone', ['按里程碑', '里程碑', '按节点', '节点']],
  ['none', ['不定期', '无', '不报送', '无需报送', '-', '/']],
];

/** The cycle a clerk's word names, or null when it names none. */
export function cycleOf(word: string): TaskCycle | null {
  const w = norm(word);
  for (const [cycle, words] of CYCLE_WORDS) if (words.includes(w)) return cycle;
  return null;
}

export const CYCLE_WORD: Record<TaskCycle, string> = {
  monthly: '每月',
  quarterly: '每季度',
  milestone: '按里程碑',
  none: '不定期',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of a real calendar date, or null. */
function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1990 || y > 2100) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A date cell: an Excel date (exceljs gives a UTC Date) or text 2026-3-1, 2026/03/01, 2026.3.1, 2026年3月1日. */
export function dateOf(value: Date | string): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(clean(value));
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The names in a list cell: 、，,；;／/ and new lines separate them. */
export function namesOf(text: string): string[] {
  return clean(text.replace(/[\r\n]+/g, '、'))
    .split(/[、,;/]/)
    .map((n) => n.trim())
    .filter(Boolean);
}

export interface IndicatorText {
  name: string;
  target: number;
  measureUnit: string;
}

/** 指标及目标值: “名称：目标值单位” separated by ；or new lines, e.g. “培训人数：500人；覆盖率：90%”. */
export function indicatorsOf(text: string): IndicatorText[] | string {
  const parts = text
    .normalize('NFKC')
    .split(/[;\r\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: IndicatorText[] = [];
  for (const part of parts) {
    const m = /^(.+?)\s*[:=]\s*(-?\d+(?:\.\d+)?)\s*(\S{0,20})$/.exec(part);
    if (!m) return `“${part}”应写成“指标名称：目标值单位”，如“培训人数：500人”`;
    out.push({ name: m[1]!.trim(), target: Number(m[2]), measureUnit: m[3] ?? '' });
  }
  return out;
}

export const indicatorText = (i: IndicatorText) => `${i.name}：${i.target}${i.measureUnit}`;

/** Similarity of two names (Dice over character pairs), 0..1: used only to list candidates. */
export function similarity(a: string, b: string): number {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return 0;
  if (x.includes(y) || y.includes(x)) return 0.9;
  // An abbreviation keeps the full name's characters in order (省工商联 ← 山东省工商业联合会).
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  let at = 0;
  for (const ch of short) {
    at = long.indexOf(ch, at) + 1;
    if (at === 0) break;
  }
  if (at > 0 && short.length >= 2) return 0.8;
  const pairs = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const px = pairs(x);
  const py = pairs(y);
  let common = 0;
  for (const [k, n] of px) common += Math.min(n, py.get(k) ?? 0);
  const total = Math.max(1, x.length - 1 + (y.length - 1));
  return (2 * common) / total;
}
