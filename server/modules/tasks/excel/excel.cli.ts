// `npx luoshi tasks import FILE.xlsx --plan ID [--dry-run] [--map 'name=unitId' …]` and
// `npx luoshi tasks export --plan ID --out FILE.xlsx`: the same import and export as the web, for bulk
// migration, done as the system (audited with no person, the plan's region managing the tasks).
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { RequestContext } from '../../../core/access/actor.ts';
import { writeLine, type CliIo } from '../../../core/console-io.ts';
import { AppError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { exportTaskTable } from './excel.export.ts';
import { importTaskSheet, type ExcelImportReport } from './excel.import.ts';

export class TasksUsageError extends Error {}

const planOf = (plan: string | undefined) => {
  if (!plan || !/^\d+$/.test(plan)) throw new TasksUsageError('--plan takes a numeric plan id');
  return Number(plan);
};

function mappingOf(maps: string[]): Record<string, number> {
  const mapping: Record<string, number> = {};
  for (const m of maps) {
    const at = m.lastIndexOf('=');
    const id = m.slice(at + 1);
    if (at <= 0 || !/^\d+$/.test(id)) throw new TasksUsageError(`--map takes 'name=unitId', got '${m}'`);
    mapping[m.slice(0, at)] = Number(id);
  }
  return mapping;
}

/** The row report as lines a person reads in a terminal. */
function reportLines(report: ExcelImportReport, dryRun: boolean): string[] {
  const lines = report.errors.map((e) => `第 ${e.row} 行\t${e.column}\t${e.problem}`);
  for (const u of report.unmatchedUnits) {
    const candidates =
      u.candidates.map((c) => `${c.name}（${c.regionName}）=${c.id}`).join('；') || '无相近单位';
    lines.push(
      `单位“${u.name}”未匹配（第 ${u.rows.join('、')} 行）：候选 ${candidates}；用 --map '${u.name}=单位编号' 指定`,
    );
  }
  if (!report.valid) lines.push(`文件有问题，未导入任何任务（共 ${report.rowCount} 行）`);
  else if (dryRun) lines.push(`检查通过：${report.rowCount} 行均可导入（--dry-run，未保存）`);
  else lines.push(`已导入 ${report.tasks.length} 项任务（草稿）`);
  return lines;
}

export async function tasksImportCommand(s: Services, ctx: RequestContext, args: string[], io: CliIo) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      'dry-run': { type: 'boolean' },
      map: { type: 'string', multiple: true },
    },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new TasksUsageError('expected exactly one FILE.xlsx');
  const dryRun = values['dry-run'] ?? false;
  const bytes = await fs.readFile(file);
  try {
    const report = await importTaskSheet(s, ctx, {
      planId: planOf(values.plan),
      filename: file,
      bytes,
      mapping: mappingOf(values.map ?? []),
      dryRun,
      asSystem: true,
    });
    for (const line of reportLines(report, dryRun))
      await writeLine(report.valid ? io.stdout : io.stderr, line);
    return report.valid ? 0 : 1;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const rows = (error.details?.rows ?? []) as { row: number; column: string; problem: string }[];
    for (const e of rows) await writeLine(io.stderr, `第 ${e.row} 行\t${e.column}\t${e.problem}`);
    await writeLine(io.stderr, error.message);
    return 1;
  }
}

export async function tasksExportCommand(s: Services, ctx: RequestContext, args: string[], io: CliIo) {
  const { values } = parseArgs({
    args,
    options: { plan: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.out) throw new TasksUsageError('--out FILE.xlsx is required');
  const bytes = await exportTaskTable(s, ctx, { planId: planOf(values.plan) }, true);
  await fs.writeFile(values.out, bytes);
  await writeLine(io.stdout, `已导出到 ${values.out}`);
  return 0;
}
