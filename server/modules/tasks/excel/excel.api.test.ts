import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { createDraft, node, outlineOf, publish, type PlanOut } from '../../plans/testing/plan.fixtures.ts';
import { EXCEL_LIMITS } from './excel.limits.ts';
import { importTaskSheet } from './excel.import.ts';
import { HEADER, multipart, sheetFile, type Cell } from './testing.ts';

interface Report {
  valid: boolean;
  saved: boolean;
  rowCount: number;
  errors: { row: number; column: string; problem: string }[];
  unmatchedUnits: { name: string; rows: number[]; candidates: { id: number; name: string }[] }[];
  tasks: { row: number; title: string; leadUnitName: string; dueDate: string; taskId: number | null }[];
}

const numbered = (number: string, heading: string, children: ReturnType<typeof node>[] = []) => ({
  ...node(heading, '', children),
  number,
});

// The Excel 任务分解表 in: real .xlsx files built with exceljs, through the HTTP route, on both databases.
describe.each(DIALECTS)('Excel 任务分解表 import (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let plan: PlanOut;
  let handlerName: string;
  const unit: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      numbered('一、', '加强党外代表人士队伍建设', [numbered('（一）', '做好党外干部培养')]),
      numbered('二、', '服务乡村振兴'),
    ]);
    plan = await publish(
      staff,
      await createDraft(staff, { regionCode: '370000', year: 2026, title: outline.title, outline }),
    );
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    handlerName = (
      await t.db.kysely
        .selectFrom('users')
        .select('display_name')
        .where('username', '=', 'handler')
        .executeTakeFirstOrThrow()
    ).display_name;
  }, 60_000);
  afterAll(() => t.close());

  const upload = (file: Buffer, dryRun: boolean, fields: Record<string, string> = {}, planId = plan.id) =>
    staff.request({
      method: 'POST',
      url: `/api/tasks/excel/import?planId=${planId}&dryRun=${dryRun}`,
      ...multipart(file, fields),
    });
  const taskCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('tasks')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('serves a template with the columns and a sheet explaining them', async () => {
    const res = await staff.get('/api/tasks/excel/template');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['任务分解表', '填表说明']);
    expect((book.worksheets[0]!.getRow(2).values as Cell[]).slice(1)).toEqual(HEADER);
    expect(book.worksheets[1]!.rowCount).toBeGreaterThan(10);
  });

  it('reads a good file (title rows, merged cells, full-width text), asks about an unmatched unit, then saves it all', async () => {
    // Full-width header words and punctuation, full-width digits, Excel dates and text dates.
    const header = HEADER.map((h) =>
      h === '完成时限' ? '完成时限（截止日期）' : h === '序号' ? '序　号' : h,
    );
    const file = await sheetFile(
      [
        [
          1,
          '(一)',
          '举办党外干部专题培训班',
          '山东省教育厅',
          // A unit's 简称 (省发改委) matches it; a name that is no unit's is asked about.
          '省发改委、山东省工商联合会',
          '',
          new Date(Date.UTC(2026, 2, 1)),
          '２０２６年１１月３０日',
          '季度',
          '培训人数：５００人；满意度:90%',
        ],
        [
          2,
          '二、服务乡村振兴',
          '组织“万企兴万村”结对',
          ' 山东省发展和改革委员会 ',
          '',
          handlerName,
          '2026/3/1',
          '2026-12-31',
          '按月',
          '',
        ],
        [3, '服务乡村振兴', '编写乡村振兴典型案例', '山东省教育厅', '', '', '', '2026.10.1', '不定期', ''],
      ],
      header,
    );
    const preview = await upload(file, true);
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json<Report>();
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(false);
    expect(report.unmatchedUnits).toHaveLength(1);
    expect(report.unmatchedUnits[0]).toMatchObject({ name: '山东省工商联合会', rows: [4] });
    expect(report.unmatchedUnits[0]!.candidates.map((c) => c.name)).toContain('山东省工商业联合会');
    expect(await taskCount()).toBe(0);

    const mapping = JSON.stringify({ 山东省工商联合会: unit['山东省工商业联合会'] });
    const checked = (await upload(file, true, { mapping })).json<Report>();
    expect(checked).toMatchObject({ valid: true, saved: false, rowCount: 3 });
    expect(await taskCount()).toBe(0);

    const saved = await upload(file, false, { mapping });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Report>()).toMatchObject({ valid: true, saved: true });
    const tasks = await t.db.kysely.selectFrom('tasks').selectAll().orderBy('id').execute();
    expect(tasks.map((x) => [x.title, x.lead_unit_id, x.start_date, x.due_date, x.cycle, x.status])).toEqual([
      ['举办党外干部专题培训班', unit['山东省教育厅'], '2026-03-01', '2026-11-30', 'quarterly', 'draft'],
      [
        '组织“万企兴万村”结对',
        unit['山东省发展和改革委员会'],
        '2026-03-01',
        '2026-12-31',
        'monthly',
        'draft',
      ],
      ['编写乡村振兴典型案例', unit['山东省教育厅'], '2026-01-01', '2026-10-01', 'none', 'draft'],
    ]);
    expect(tasks.every((x) => x.import_id !== null && x.plan_id === plan.id)).toBe(true);
    expect(tasks[1]!.responsible_user_id).not.toBeNull();
    const coop = await t.db.kysely
      .selectFrom('task_cooperators')
      .select('unit_id')
      .where('task_id', '=', tasks[0]!.id)
      .execute();
    expect(coop.map((c) => c.unit_id).sort()).toEqual(
      [unit['山东省发展和改革委员会'], unit['山东省工商业联合会']].sort(),
    );
    const indicators = await t.db.kysely
      .selectFrom('task_indicators')
      .select(['name', 'target', 'measure_unit'])
      .where('task_id', '=', tasks[0]!.id)
      .orderBy('id')
      .execute();
    expect(indicators).toEqual([
      { name: '培训人数', target: 500, measure_unit: '人' },
      { name: '满意度', target: 90, measure_unit: '%' },
    ]);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'task.import')
      .execute();
    expect(audit).toEqual([{ action: 'task.import', object_id: String(plan.id) }]);

    // The same file again: refused, naming when it was imported; nothing added.
    const again = await upload(file, false, { mapping });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TASK_IMPORT_DUPLICATE' });
    expect(again.json<{ message: string }>().message).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 导入/);
    expect(await taskCount()).toBe(3);
  });

  it('reports bad rows by row, column and problem in Chinese, and saves nothing', async () => {
    const before = await taskCount();
    const file = await sheetFile([
      [1, '(一)', '好的一行任务', '山东省教育厅', '', '', '2026-03-01', '2026-11-30', '每月', ''],
      [2, '（九）', '条目不存在的任务', '山东省教育厅', '', '', '', '2026-11-30', '每月', ''],
      [3, '(一)', '日期写错的任务', '山东省教育厅', '', '', '2026-02-30', '下个月', '每两周', '人数很多'],
      [4, '(一)', true, '山东省教育厅', '', '不存在的人', '2026-05-01', '2026-04-01', '', ''],
    ]);
    const res = await upload(file, false);
    expect(res.statusCode).toBe(422);
    const body = res.json<{ code: string; details: { rows: Report['errors'] } }>();
    expect(body.code).toBe('TASK_IMPORT_INVALID');
    const where = body.details.rows.map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '5:工作要点条目',
        '6:开始时间',
        '6:完成时限',
        '6:报送周期',
        '6:指标及目标值',
        '7:具体任务',
        '7:责任人',
        '7:完成时限',
      ]),
    );
    expect(where).not.toContain('4:具体任务');
    expect(body.details.rows.every((e) => /[\u4e00-\u9fff]/.test(e.problem))).toBe(true);
    expect(await taskCount()).toBe(before);
  });

  it('reads a formula by its saved value, never evaluating it, and refuses one saved without a value', async () => {
    const file = await sheetFile([
      [
        1,
        '(一)',
        { formula: 'CONCATENATE("公式","任务")', result: '按缓存值读取的任务' },
        '山东省教育厅',
        '',
        '',
        '2026-03-01',
        '2026-11-30',
        '每月',
        '',
      ],
      [2, '(一)', { formula: 'A1&"x"' }, '山东省教育厅', '', '', '2026-03-01', '2026-11-30', '每月', ''],
    ]);
    const report = (await upload(file, true)).json<Report>();
    expect(report.tasks.map((x) => x.title)).toEqual(['按缓存值读取的任务']);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 5, column: '具体任务' });
    expect(report.errors[0]!.problem).toContain('公式');
  });

  it('refuses a sheet with too many rows (422) and a file that unpacks too large, before reading it', async () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < EXCEL_LIMITS.rows + 1; i++)
      rows.push([i + 1, '(一)', `任务${i}`, '山东省教育厅', '', '', '', '2026-11-30', '每月', '']);
    const res = await upload(await sheetFile(rows), true);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'TASK_IMPORT_TOO_LARGE' });
    expect(res.json<{ message: string }>().message).toContain('5000');

    const small = await sheetFile([
      [1, '(一)', '任务', '山东省教育厅', '', '', '', '2026-11-30', '每月', ''],
    ]);
    const staffCtx = { actor: null, ip: '127.0.0.1', requestId: 'test' };
    await expect(
      importTaskSheet(
        t.s,
        staffCtx,
        { planId: plan.id, filename: 'a.xlsx', bytes: small, mapping: {}, dryRun: true, asSystem: true },
        { ...EXCEL_LIMITS, unpackedBytes: 2000 },
      ),
    ).rejects.toMatchObject({ code: 'TASK_IMPORT_TOO_LARGE' });
    const notXlsx = await upload(Buffer.from('这不是 Excel 文件'), true);
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'TASK_IMPORT_UNREADABLE' });
  }, 60_000);
});
