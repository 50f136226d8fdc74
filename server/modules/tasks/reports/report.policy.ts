// A report as a scoped record (for the files attached to it): read by whoever may read its task.
import { scopedResource } from '../../../core/access/guard.ts';
import type { ProgressReportRow } from '../../../db/schema.ts';
import { taskResource } from '../task.policy.ts';
import { findTaskById } from '../task.repository.ts';

export const reportResource = scopedResource<ProgressReportRow, number>({
  type: 'progress_report',
  notFound: 'REPORT_NOT_FOUND',
  find: (s, id) =>
    s.db.kysely.selectFrom('progress_reports').selectAll().where('id', '=', id).executeTakeFirst(),
  inScope: async (s, ctx, report) => {
    const task = await findTaskById(s.db.kysely, report.task_id);
    return task !== undefined && (await taskResource.inScope(s, ctx, task));
  },
});
