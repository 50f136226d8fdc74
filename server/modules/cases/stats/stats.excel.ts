// The statistics as an .xlsx workbook (exceljs, the same table layout as the tasks' exports): 总体,
// 按提交单位, 按承办单位 (every unit, largest first, and the cases not forwarded yet, so each sheet adds up to
// 总体), 按类型, 领导批示.
import type { RequestContext } from '../../../core/access/actor.ts';
import type { Services } from '../../../core/services.ts';
import { addTable, newBook } from '../../tasks/index.ts';
import { remainder } from './stats.figures.ts';
import type { CaseStatsQuery, Figures } from './stats.schemas.ts';
import { fullStatistics, type FullStatistics } from './stats.service.ts';

const FIGURE_COLUMNS = [
  '提交',
  '立案/受理',
  '已答复',
  '按期答复',
  '按期答复率(%)',
  '满意',
  '基本满意',
  '不满意',
  '满意率(%)',
  '采纳',
  '重点',
];

const row = (f: Figures) => [
  f.submitted,
  f.accepted,
  f.answered,
  f.answeredOnTime,
  f.onTimeRate,
  f.satisfied,
  f.basicallySatisfied,
  f.unsatisfied,
  f.satisfactionRate,
  f.adopted,
  f.key,
];

const unassigned = (totals: Figures, rows: readonly Figures[]) => {
  const rest = remainder(totals, rows);
  return rest ? [['（未交办）', ...row(rest)]] : [];
};

function statisticsBook(stats: FullStatistics) {
  const book = newBook();
  const where = stats.regionName ?? '全部可见地区';
  const title = (what: string) => `${stats.year}年${where}${stats.typeLabel}${what}`;
  addTable(book, '总体', title('统计'), FIGURE_COLUMNS, [row(stats.totals)]);
  addTable(
    book,
    '按提交单位',
    title('（按提交单位）'),
    ['提交单位', ...FIGURE_COLUMNS],
    stats.breakdowns.organisation.map((r) => [r.name, ...row(r)]),
  );
  addTable(
    book,
    '按承办单位',
    title('（按承办单位）'),
    ['承办单位', ...FIGURE_COLUMNS],
    [
      ...stats.breakdowns.department.map((r) => [r.name, ...row(r)]),
      ...unassigned(stats.totals, stats.breakdowns.department),
    ],
  );
  addTable(
    book,
    '按类型',
    title('（按类型）'),
    ['类型', ...FIGURE_COLUMNS],
    stats.bySubtype.map((r) => [r.label, ...row(r)]),
  );
  addTable(
    book,
    '领导批示',
    title('领导批示（按级别）'),
    ['级别', '有批示的事项（件）'],
    stats.instructionsByLevel.map((l) => [l.label, l.count]),
  );
  return book;
}

export async function exportStatistics(s: Services, ctx: RequestContext, q: CaseStatsQuery) {
  const stats = await fullStatistics(s, ctx, q);
  const buffer = Buffer.from(await statisticsBook(stats).xlsx.writeBuffer());
  await s.db.kysely.transaction().execute((trx) =>
    s.audit.record(trx, ctx, {
      action: 'case.statistics_export',
      objectType: 'case',
      objectId: 0,
      note: { type: q.type, year: q.year, regionCode: q.regionCode ?? null },
    }),
  );
  return { buffer, name: `${stats.year}年${stats.typeLabel}统计` };
}
