// The statistics' figures as links to the case list behind them, and the list's chips for those filters.
// Each column adds the filter whose condition the statistics count by (server: list/list.figures.ts;
// stats.click-through.api.test.ts checks every row and column agree). A rate opens the cases it is made
// of (按期答复, 满意或基本满意) and says its fraction in the tooltip.
// docs/decisions/case-statistics-click-through.md.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { CaseQuery } from './api';

// The list's filters behind the figures (as the API names them), and the names the chips show (kept in
// the address beside the ids; never sent to the API).
const FIGURE_KEYS = [
  'submitted',
  'organisationId',
  'leadUnitId',
  'unassigned',
  'accepted',
  'answered',
  'adopted',
  'satisfaction',
  'subtype',
  'instructionLevel',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
const NAME_KEYS = ['orgName', 'unitName', 'kindName'] as const;
type NameKey = (typeof NAME_KEYS)[number];
export type FigureFilters = Partial<Record<FigureKey | NameKey, string>>;

export type Column =
  | 'submitted'
  | 'accepted'
  | 'answered'
  | 'answeredOnTime'
  | 'onTimeRate'
  | 'satisfied'
  | 'basicallySatisfied'
  | 'unsatisfied'
  | 'satisfactionRate'
  | 'adopted'
  | 'key';

// No draft is ever counted: every figure's list is of submitted cases.
const submitted = { submitted: 'true' };
const COLUMN: Record<Column, Record<string, string>> = {
  submitted,
  accepted: { ...submitted, accepted: 'true' },
  answered: { ...submitted, answered: 'yes' },
  answeredOnTime: { ...submitted, answered: 'onTime' },
  onTimeRate: { ...submitted, answered: 'onTime' },
  satisfied: { ...submitted, satisfaction: 'satisfied' },
  basicallySatisfied: { ...submitted, satisfaction: 'basically_satisfied' },
  unsatisfied: { ...submitted, satisfaction: 'unsatisfied' },
  satisfactionRate: { ...submitted, satisfaction: 'positive' },
  adopted: { ...submitted, adopted: 'true' },
  key: { ...submitted, key: 'true' },
};

/** A statistics row as the list's filters: a unit (with its name for the chip), 未交办, a kind, or all. */
export type FigureRow =
  | { kind: 'all' }
  | { kind: 'organisation'; id: number; name: string }
  | { kind: 'department'; id: number; name: string }
  | { kind: 'unassigned' }
  | { kind: 'subtype'; subtype: string; name: string };

function rowFilters(row: FigureRow): Record<string, string> {
  switch (row.kind) {
    case 'all':
      return {};
    case 'organisation':
      return { organisationId: String(row.id), orgName: row.name };
    case 'department':
      return { leadUnitId: String(row.id), unitName: row.name };
    case 'unassigned':
      return { unassigned: 'true' };
    case 'subtype':
      return { subtype: row.subtype, kindName: row.name };
  }
}

/** The list's address query for one figure: the statistics' type, year and region, the row's, the column's. */
export function figureQuery(
  base: { year: number; regionCode?: string | undefined },
  row: FigureRow,
  column: Column | { instructionLevel: string },
): LocationQueryRaw {
  return {
    year: String(base.year),
    ...(base.regionCode ? { regionCode: base.regionCode } : {}),
    ...rowFilters(row),
    ...(typeof column === 'string' ? COLUMN[column] : { ...submitted, ...column }),
  };
}

const first = (v: LocationQuery[string] | undefined) =>
  Array.isArray(v) ? (v[0] ?? undefined) : (v ?? undefined);

/** The figure filters (and their names) read from the list's address. */
export function figureFiltersOf(q: LocationQuery): FigureFilters {
  const out: FigureFilters = {};
  for (const k of [...FIGURE_KEYS, ...NAME_KEYS]) {
    const v = first(q[k]);
    if (v) out[k] = v;
  }
  return out;
}

/** The figure filters as the API's query (the names stay in the address). */
export function figureApiQuery(f: FigureFilters): Partial<CaseQuery> {
  const ids: FigureKey[] = ['organisationId', 'leadUnitId'];
  return Object.fromEntries(
    FIGURE_KEYS.filter((k) => f[k]).map((k) => [k, ids.includes(k) ? Number(f[k]) : f[k]]),
  );
}

const ANSWERED: Record<string, string> = {
  yes: '已答复',
  no: '未答复',
  onTime: '按期答复',
  late: '逾期答复',
};
const SATISFACTION: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  positive: '满意或基本满意',
  rated: '已评价',
};
const yesNo = (v: string, yes: string, no: string) => (v === 'true' ? yes : no);

/** One chip per figure filter: its key (removing it removes the filter) and what it says. */
export function figureChips(
  f: FigureFilters,
  levelLabel: (level: string) => string,
): { key: FigureKey; label: string }[] {
  const label: Record<FigureKey, (v: string) => string> = {
    submitted: (v) => yesNo(v, '已提交（不含草稿）', '草稿'),
    organisationId: (v) => `提交单位：${f.orgName ?? `编号 ${v}`}`,
    leadUnitId: (v) => `承办单位：${f.unitName ?? `编号 ${v}`}`,
    unassigned: (v) => yesNo(v, '未交办', '已交办'),
    accepted: (v) => yesNo(v, '已立案', '未立案'),
    answered: (v) => ANSWERED[v] ?? v,
    adopted: (v) => yesNo(v, '已采纳', '未采纳'),
    satisfaction: (v) => `评价：${SATISFACTION[v] ?? v}`,
    subtype: (v) => `类别：${f.kindName ?? v}`,
    instructionLevel: (v) => `有${levelLabel(v)}批示`,
  };
  return FIGURE_KEYS.filter((k) => f[k]).map((k) => ({ key: k, label: label[k](f[k]!) }));
}

/** The filters without one (and its name). */
export function withoutFigure(f: FigureFilters, key: FigureKey): FigureFilters {
  const rest = { ...f };
  delete rest[key];
  if (key === 'organisationId') delete rest.orgName;
  if (key === 'leadUnitId') delete rest.unitName;
  if (key === 'subtype') delete rest.kindName;
  return rest;
}
