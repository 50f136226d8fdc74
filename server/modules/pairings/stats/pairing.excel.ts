// The ledger as .xlsx in the shape of the national 万企兴万村 台账: one row per pairing with the village's
// five levels, the figures as numbers (万元 to six decimals), and a 合计 row summed as bigint 分, so the
// totals are exact to the 分 whatever a spreadsheet's floating point makes of the column. Text cells
// are neutralised (safeCell) so that nothing entered is ever run as a formula.
import type { RequestContext } from '../../../core/access/actor.ts';
import { appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { newBook, safeCell } from '../../tasks/index.ts';
import { fenOf, fenToWan } from '../pairing.money.ts';
import { filterOf } from '../pairing.policy.ts';
import { villageNamesOf } from '../pairing.present.ts';
import { regionOf } from '../pairing.region.ts';
import { allPairings, type PairingWithNames } from '../pairing.repository.ts';
import { PROJECT_TYPE_LABELS, STAGE_LABELS, STATUS_LABELS } from '../pairing.schemas.ts';
import { placeName } from '../villages/village.directory.ts';

const EXPORT_LIMIT = 20_000;
export const LEDGER_COLUMNS = [
  '序号',
  '企业名称',
  '所属工商联',
  '省',
  '市',
  '县（市、区）',
  '乡（镇、街道）',
  '村（社区）',
  '村代码',
  '项目名称',
  '项目类型',
  '投入资金（万元）',
  '带动人数',
  '就业人数',
  '带动增收（万元）',
  '项目进度',
  '审核状态',
] as const;
const MONEY_COLUMNS = [12, 15];

function ledgerBook(title: string, rows: PairingWithNames[]) {
  const book = newBook();
  const sheet = book.addWorksheet('结对台账');
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([...LEDGER_COLUMNS]).font = { bold: true };
  let invested = 0n;
  let income = 0n;
  let people = 0;
  let jobs = 0;
  rows.forEach((r, i) => {
    const names = villageNamesOf(r.village_names);
    const inv = fenOf(r.invested_fen);
    const inc = fenOf(r.income_fen);
    invested += inv;
    income += inc;
    people += r.people_helped;
    jobs += r.jobs_created;
    sheet.addRow([
      i + 1,
      safeCell(r.enterprise_name),
      safeCell(r.federation_name),
      ...[0, 1, 2, 3, 4].map((n) => safeCell(names[n] ?? '')),
      r.village_code,
      safeCell(r.title),
      PROJECT_TYPE_LABELS[r.project_type],
      Number(fenToWan(inv)),
      r.people_helped,
      r.jobs_created,
      Number(fenToWan(inc)),
      STAGE_LABELS[r.stage],
      STATUS_LABELS[r.status],
    ]);
  });
  const total = sheet.addRow([
    '合计',
    `${rows.length} 个项目`,
    ...Array<string>(9).fill(''),
    Number(fenToWan(invested)),
    people,
    jobs,
    Number(fenToWan(income)),
    '',
    '',
  ]);
  total.font = { bold: true };
  LEDGER_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c === '项目名称' || c === '企业名称' ? 28 : c === '村代码' ? 14 : 12;
  });
  sheet.getColumn(9).numFmt = '@';
  for (const n of MONEY_COLUMNS) sheet.getColumn(n).numFmt = '0.00####';
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return book;
}

export async function exportLedger(
  s: Services,
  ctx: RequestContext,
  q: {
    year: number;
    area?: string | undefined;
    projectType?: string | undefined;
    status?: string | undefined;
    regionCode?: string | undefined;
  },
) {
  const region = await regionOf(s, q.regionCode);
  const rows = await allPairings(
    s.db.kysely,
    filterOf(ctx.actor),
    {
      year: q.year,
      status: q.status as PairingWithNames['status'] | undefined,
      projectType: q.projectType as PairingWithNames['project_type'] | undefined,
      area: q.area,
      regionPath: region?.path,
    },
    EXPORT_LIMIT,
  );
  if (rows.length > EXPORT_LIMIT) throw appError('PAIRING_EXPORT_TOO_LARGE');
  const where = q.area ? (placeName(q.area) ?? q.area) : (region?.name ?? '');
  const title = `${q.year}年${where}“万企兴万村”行动结对项目台账`;
  const buffer = Buffer.from(await ledgerBook(title, rows).xlsx.writeBuffer());
  await s.db.kysely.transaction().execute((trx) =>
    s.audit.record(trx, ctx, {
      action: 'pairing.export',
      objectType: 'pairing',
      objectId: 0,
      note: { year: q.year, area: q.area ?? null, regionCode: q.regionCode ?? null, rows: rows.length },
    }),
  );
  return { buffer, name: title };
}
