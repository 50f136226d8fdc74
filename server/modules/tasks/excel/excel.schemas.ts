import { z } from 'zod';
import { taskListQuery } from '../task.schemas.ts';
import { rowId } from '../../../core/http/row-id.ts';

export const taskExportQuery = taskListQuery.omit({ cursor: true, limit: true, sort: true });

export const taskImportQuery = z.strictObject({
  planId: rowId.meta({ title: '工作要点' }),
  // true (the default): check and report only; false: save when the whole file is valid.
  dryRun: z.enum(['true', 'false']).default('true'),
});

/** The review answers, sent as the form field `mapping` (JSON): a name in the file → a unit id. */
export const unitMapping = z.record(z.string().max(200), z.number().int().positive());

const rowProblem = z.object({ row: z.number(), column: z.string(), problem: z.string() });

export const taskImportReportSchema = z
  .object({
    valid: z.boolean(),
    saved: z.boolean(),
    fileHash: z.string(),
    rowCount: z.number(),
    errors: z.array(rowProblem),
    unmatchedUnits: z.array(
      z.object({
        name: z.string(),
        rows: z.array(z.number()),
        candidates: z.array(z.object({ id: z.number(), name: z.string(), regionName: z.string() })),
      }),
    ),
    tasks: z.array(
      z.object({
        row: z.number(),
        title: z.string(),
        leadUnitName: z.string(),
        dueDate: z.string(),
        taskId: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'TaskImportReport' });
