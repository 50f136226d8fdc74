import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../../test/app.ts';
import { DIALECTS } from '../../../../test/db.ts';
import { runCli } from '../../../main.ts';
import { createDraft, node, outlineOf, publish, type PlanOut } from '../../plans/testing/plan.fixtures.ts';
import { HEADER, multipart, sheetFile } from './testing.ts';

// Calc must be there too: a Writer-only install (libreoffice-writer-nogui) converts no spreadsheet.
const LIBREOFFICE = fs.existsSync('/usr/lib/libreoffice/program/libsclo.so')
  ? ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => fs.existsSync(p))
  : undefined;

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _e: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** The cells of a sheet as the text a person sees, row by row (exceljs). */
async function sheetText(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= HEADER.length; c++) {
      const v = row.getCell(c).value;
      if (v !== null && typeof v === 'object')
        throw new Error(`cell ${c} is not plain: ${JSON.stringify(v)}`);
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    rows.push(cells);
  });
  return rows;
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, new lines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

// The Excel 任务分解表 out: the export re-imports to the same tasks, LibreOffice reads the same values, no
// cell runs a formula; the 进度台账; and the command line.
describe.each(DIALECTS)('Excel 任务分解表 export and CLI (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let handler: Agent;
  let plan: PlanOut;
  const unit: Record<string, number> = {};
  let handlerId: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-excel-'));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    const outline = outlineOf('山东省2026年统战工作要点', 2026, [
      { ...node('加强党外代表人士队伍建设'), number: '一、' },
      { ...node('服务乡村振兴'), number: '二、' },
    ]);
    plan = await publish(
      staff,
      await createDraft(staff, { regionCode: '370000', year: 2026, title: outline.title, outline }),
    );
    for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute())
      unit[u.name] = u.id;
    handlerId = (
      await t.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'handler')
        .executeTakeFirstOrThrow()
    ).id;
    const create = async (body: object) => {
      const res = await staff.post('/api/tasks', { startDate: '2026-02-01', dueDate: '2026-11-30', ...body });
      expect(res.statusCode, res.body).toBe(201);
    };
    await create({
      planItemId: plan.items[0]!.id,
      title: '举办党外干部专题培训班',
      leadUnitId: unit['山东省发展和改革委员会'],
      cooperatingUnitIds: [unit['山东省教育厅'], unit['山东省工商业联合会']],
      responsibleUserId: handlerId,
      cycle: 'quarterly',
      indicators: [
        { name: '培训人数', measureUnit: '人', target: 500 },
        { name: '满意度', measureUnit: '%', target: 90.5 },
      ],
    });
    // A title a spreadsheet would take for a formula: it must stay text in every program.
    await create({
      planItemId: plan.items[1]!.id,
      title: '=HYPERLINK("http://example.com","点我")',
      leadUnitId: unit['山东省教育厅'],
      cycle: 'none',
    });
    await create({
      planItemId: plan.items[1]!.id,
      title: '-编写典型案例',
      leadUnitId: unit['山东省农业农村厅'],
      cycle: 'milestone',
      dueDate: '2026-06-30',
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const exported = async (agent: Agent, url = `/api/tasks/excel/export?planId=${plan.id}`) => {
    const res = await agent.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return res.rawPayload;
  };

  const facts = async (ids: number[]) => {
    const db = t.db.kysely;
    return Promise.all(
      ids.map(async (id) => {
        const task = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const coop = await db
          .selectFrom('task_cooperators')
          .select('unit_id')
          .where('task_id', '=', id)
          .execute();
        const ind = await db
          .selectFrom('task_indicators')
          .select(['name', 'target', 'measure_unit'])
          .where('task_id', '=', id)
          .orderBy('id')
          .execute();
        return {
          title: task.title,
          plan_item_id: task.plan_item_id,
          lead: task.lead_unit_id,
          coop: coop.map((c) => c.unit_id).sort(),
          person: task.responsible_user_id,
          start: task.start_date,
          due: task.due_date,
          cycle: task.cycle,
          ind,
        };
      }),
    );
  };

  it('exports the filtered tasks with neutralised cells, and the file re-imports to the same tasks', async () => {
    const bytes = await exported(staff);
    const rows = await sheetText(bytes);
    expect(rows[1]).toEqual(HEADER);
    expect(rows.slice(2).map((r) => r[2])).toEqual([
      '举办党外干部专题培训班',
      `'=HYPERLINK("http://example.com","点我")`,
      "'-编写典型案例",
    ]);
    expect(rows[2]).toEqual([
      '1',
      '一、 加强党外代表人士队伍建设',
      '举办党外干部专题培训班',
      '山东省发展和改革委员会',
      '山东省教育厅、山东省工商业联合会',
      expect.any(String),
      '2026-02-01',
      '2026-11-30',
      '每季度',
      '培训人数：500人；满意度：90.5%',
    ]);
    const originals = (await t.db.kysely.selectFrom('tasks').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    const res = await staff.request({
      method: 'POST',
      url: `/api/tasks/excel/import?planId=${plan.id}&dryRun=false`,
      ...multipart(bytes),
    });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json<{ tasks: { taskId: number }[] }>().tasks.map((x) => x.taskId);
    expect(created).toHaveLength(3);
    expect(await facts(created)).toEqual(await facts(originals));
  });

  it('opens in LibreOffice with the same values, and no formula runs', async (ctx) => {
    // CI installs Calc (.ci/run), so there a missing Calc fails the run rather than skipping the check.
    if (!LIBREOFFICE && process.env.CI)
      throw new Error('LibreOffice Calc is missing: .ci/run installs libreoffice-calc-nogui');
    if (!LIBREOFFICE) return ctx.skip('LibreOffice Calc is not installed on this machine');
    const file = path.join(dir, 'export.xlsx');
    const bytes = await exported(staff);
    fs.writeFileSync(file, bytes);
    execFileSync(
      LIBREOFFICE,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/lo-profile`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        dir,
        file,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const csv = parseCsv(fs.readFileSync(path.join(dir, 'export.csv'), 'utf8'));
    // From the header down (LibreOffice writes a merged title cell once, exceljs repeats it).
    const expected = (await sheetText(bytes)).slice(1);
    expect(csv.slice(1).map((r) => r.slice(0, HEADER.length))).toEqual(expected);
    // A HYPERLINK that ran would show only its label as the cell's value.
    expect(csv.flat()).not.toContain('点我');
  }, 150_000);

  it('exports only what the reader may see, and the 进度台账 with its columns even without reports', async () => {
    const mine = (await handler.get(`/api/tasks?planId=${plan.id}`)).json<{ items: unknown[] }>().items
      .length;
    const rows = await sheetText(await exported(handler));
    expect(rows.length - 2).toBe(mine);
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(6);
    const res = await staff.get(`/api/tasks/excel/ledger?planId=${plan.id}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toContain('报告期');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toContain('需协调解决的问题');
    expect(sheet.rowCount).toBe(2 + 6);
  });

  it.runIf(dialect === 'sqlite')(
    'imports and exports on the command line, with exit codes and a system audit',
    async () => {
      const env = {
        ...process.env,
        DATABASE_URL: t.db.location,
        DATA_DIR: path.join(dir, 'data'),
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      };
      const luoshi = async (args: string[]) => {
        const stdout = new Collected();
        const stderr = new Collected();
        const code = await runCli(args, { stdin: Readable.from([]), stdout, stderr, env });
        return { code, stdout: stdout.text, stderr: stderr.text };
      };
      const bad = path.join(dir, 'bad.xlsx');
      fs.writeFileSync(
        bad,
        await sheetFile([[1, '二、', '日期写错的任务', '山东省教育厅', '', '', '', '明年', '每月', '']]),
      );
      const invalid = await luoshi(['tasks', 'import', bad, '--plan', String(plan.id), '--dry-run']);
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toContain('第 4 行\t完成时限');
      const good = path.join(dir, 'good.xlsx');
      fs.writeFileSync(
        good,
        await sheetFile([
          [1, '二、', '命令行导入的任务', '省农业农村厅', '', '', '', '2026-12-31', '季度', ''],
        ]),
      );
      const unmatched = await luoshi(['tasks', 'import', good, '--plan', String(plan.id), '--dry-run']);
      expect(unmatched.code).toBe(1);
      expect(unmatched.stderr).toContain(`山东省农业农村厅（山东省）=${unit['山东省农业农村厅']}`);
      const map = `省农业农村厅=${unit['山东省农业农村厅']}`;
      const dry = await luoshi([
        'tasks',
        'import',
        good,
        '--plan',
        String(plan.id),
        '--dry-run',
        '--map',
        map,
      ]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('检查通过');
      const done = await luoshi(['tasks', 'import', good, '--plan', String(plan.id), '--map', map]);
      expect(done.code, done.stderr).toBe(0);
      const audit = await t.db.kysely
        .selectFrom('audit_log')
        .select(['actor_id', 'actor_name'])
        .where('action', '=', 'task.import')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({ actor_id: null, actor_name: 'system' });
      const twice = await luoshi(['tasks', 'import', good, '--plan', String(plan.id), '--map', map]);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain('已于');
      const out = path.join(dir, 'cli-export.xlsx');
      const exportRun = await luoshi(['tasks', 'export', '--plan', String(plan.id), '--out', out]);
      expect(exportRun.code, exportRun.stderr).toBe(0);
      expect((await sheetText(fs.readFileSync(out))).map((r) => r[2])).toContain('命令行导入的任务');
      expect((await luoshi(['tasks', 'export', '--plan', 'x', '--out', out])).code).toBe(2);
    },
    60_000,
  );
});
