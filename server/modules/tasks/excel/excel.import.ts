// Importing a 任务分解表 into a plan: read within bounds, check every row, list unit names to review,
// and only when the whole file is valid (and was not imported before) create every task in one
// transaction through the same insertNewTask as a task created by hand.
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../../core/access/actor.ts';
import { isInSubtree } from '../../../core/access/scope.ts';
import { toTimestamp } from '../../../core/clock.ts';
import { AppError, appError } from '../../../core/errors.ts';
import type { Services } from '../../../core/services.ts';
import { managerRegionOf } from '../task.input.ts';
import { insertNewTask } from '../task.service.ts';
import { EXCEL_LIMITS, type ExcelLimits } from './excel.limits.ts';
import { ItemMatcher, UnitMatcher, type UnmatchedUnit } from './excel.match.ts';
import {
  findImport,
  findPlanForImport,
  insertImport,
  listActiveUsersOfUnits,
  listPlanItems,
  listUnitsUnder,
  setImportCount,
} from './excel.repository.ts';
import { rowsToTasks } from './excel.rows.ts';
import { readTaskSheet, type RowProblem } from './excel.sheet.ts';
import { checkXlsxZip } from './excel.zip.ts';

export interface ExcelImportRequest {
  planId: number;
  filename: string;
  bytes: Buffer;
  /** Review answers: a name in the file → the unit it means. */
  mapping: Record<string, number>;
  /** Check only (the preview and `--dry-run`); otherwise save when valid. */
  dryRun: boolean;
  /** The managing region when no person imports (the command line): the plan's region. */
  asSystem?: boolean;
}

export interface ExcelImportReport {
  valid: boolean;
  saved: boolean;
  fileHash: string;
  rowCount: number;
  errors: RowProblem[];
  unmatchedUnits: UnmatchedUnit[];
  tasks: { row: number; title: string; leadUnitName: string; dueDate: string; taskId: number | null }[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A stored timestamp as a clerk reads it (China time). */
function shownTime(at: string): string {
  const d = new Date(Date.parse(at) + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export async function importTaskSheet(
  s: Services,
  ctx: RequestContext,
  req: ExcelImportRequest,
  limits: ExcelLimits = EXCEL_LIMITS,
): Promise<ExcelImportReport> {
  const started = performance.now();
  const db = s.db.kysely;
  const plan = await findPlanForImport(db, req.planId);
  const manager =
    plan && req.asSystem ? { code: plan.region_code, path: plan.region_path } : managerRegionOf(ctx.actor);
  // A plan of one's own region, a superior's, or a lower one's: never a sibling's (it stays unseen).
  if (!plan || !(isInSubtree(manager.path, plan.region_path) || isInSubtree(plan.region_path, manager.path)))
    throw appError('PLAN_NOT_FOUND');
  if (plan.status !== 'published')
    throw appError('TASK_IMPORT_INVALID', '只能向已发布的工作要点导入任务，请先发布工作要点');
  await checkXlsxZip(req.bytes, req.filename, limits);
  const fileHash = sha256(req.bytes);
  await refuseRepeat(s, plan.id, fileHash);

  const sheet = await readTaskSheet(req.bytes, req.filename, limits);
  const units = await listUnitsUnder(db, manager.path);
  const people = new Map<number, { id: number; display_name: string }[]>();
  for (const p of await listActiveUsersOfUnits(
    db,
    units.map((u) => u.id),
  )) {
    const list = people.get(p.unit_id!) ?? [];
    list.push(p);
    people.set(p.unit_id!, list);
  }
  const unitMatcher = new UnitMatcher(units, req.mapping);
  const errors = [...sheet.problems];
  const rows = rowsToTasks(
    sheet.rows,
    {
      items: new ItemMatcher(await listPlanItems(db, plan.id)),
      units: unitMatcher,
      people,
      defaultStart: `${plan.year}-01-01`,
    },
    errors,
  );
  if (performance.now() - started > limits.millis)
    throw appError(
      'TASK_IMPORT_TOO_LARGE',
      `文件过于复杂，未能在 ${limits.millis / 1000} 秒内检查完毕，请拆分后再导入`,
    );
  errors.sort((a, b) => a.row - b.row);
  const unmatchedUnits = [...unitMatcher.unmatched.values()];
  if (sheet.rows.length === 0) errors.push({ row: 0, column: '具体任务', problem: '表头下方没有任务' });
  const valid = errors.length === 0 && unmatchedUnits.length === 0;
  const report: ExcelImportReport = {
    valid,
    saved: false,
    fileHash,
    rowCount: sheet.rows.length,
    errors,
    unmatchedUnits,
    tasks: rows.map((r) => ({
      row: r.row,
      title: r.input.title,
      leadUnitName: r.leadUnitName,
      dueDate: r.input.dueDate,
      taskId: null,
    })),
  };
  if (!valid || req.dryRun) return report;

  await db.transaction().execute(async (trx) => {
    const importId = await insertImport(trx, {
      plan_id: plan.id,
      file_hash: fileHash,
      file_name: req.filename.slice(0, 200),
      created_by: ctx.actor?.userId ?? null,
      created_at: toTimestamp(s.clock.now()),
    });
    for (const [i, r] of rows.entries()) {
      try {
        report.tasks[i]!.taskId = await insertNewTask(trx, s, ctx, r.input, { importId, manager });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // A rule of a single task (the same one a form would apply): the whole file is refused, by row.
        throw appError('TASK_IMPORT_INVALID', undefined, {
          rows: [{ row: r.row, column: '具体任务', problem: error.message }],
        });
      }
    }
    await setImportCount(trx, importId, rows.length);
    await s.audit.record(trx, ctx, {
      action: 'task.import',
      ...(ctx.actor ? {} : { actorName: 'system' }),
      objectType: 'plan',
      objectId: plan.id,
      after: { importId, file: req.filename, fileHash, tasks: rows.length, bySystem: !ctx.actor },
    });
  });
  report.saved = true;
  return report;
}

async function refuseRepeat(s: Services, planId: number, fileHash: string) {
  const before = await findImport(s.db.kysely, planId, fileHash);
  if (before)
    throw appError(
      'TASK_IMPORT_DUPLICATE',
      `该文件已于 ${shownTime(before.created_at)} 导入到本工作要点（“${before.file_name}”，${before.task_count} 项任务），不能重复导入；如需修改任务请在任务列表中编辑`,
      { importedAt: before.created_at, taskCount: before.task_count },
    );
}
