// `luoshi cases link-files [--batch N]`: the files of cases saved before a case's files were attached to
// it are attached now (files.backfill.ts), done as the system; each case's files audited as
// attachment.attach (backfill), the run as case.link_files with its counts.
import { parseArgs } from 'node:util';
import type { RequestContext } from '../../../core/access/actor.ts';
import { writeLine, type CliIo } from '../../../core/console-io.ts';
import type { Services } from '../../../core/services.ts';
import { CasesUsageError } from '../text/similar.cli.ts';
import { LINK_BATCH, LINK_BATCH_MAX, linkOldCaseFiles } from './files.backfill.ts';

const REASONS = {
  missing: '文件不存在 / no such file',
  attached_elsewhere: '已用于其他记录 / attached to another record',
  uploaded_by_another: '非提交人或答复人上传 / uploaded by someone else',
} as const;

export async function casesLinkFilesCommand(
  s: Services,
  ctx: RequestContext,
  args: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { batch: { type: 'string', default: String(LINK_BATCH) } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length)
    throw new CasesUsageError(`cases link-files takes no file: ${positionals.join(' ')}`);
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > LINK_BATCH_MAX)
    throw new CasesUsageError(`--batch must be a whole number from 1 to ${LINK_BATCH_MAX}`);
  const result = await linkOldCaseFiles(s, ctx, { batch });
  const { leftListed, ...counts } = result;
  await s.db.kysely.transaction().execute((trx) =>
    s.audit.record(trx, ctx, {
      action: 'case.link_files',
      actorName: 'system',
      objectType: 'case',
      after: counts,
    }),
  );
  const left = Object.values(result.left).reduce((a, b) => a + b, 0);
  await writeLine(
    io.stdout,
    `事项附件已关联 / case files linked: ${result.linked} linked, ${result.already} already linked, ${left} left as they were, ${result.cases} cases read`,
  );
  for (const f of leftListed)
    await writeLine(io.stdout, `  case ${f.caseId} file ${f.fileId}: ${REASONS[f.reason]}`);
  if (left > leftListed.length) await writeLine(io.stdout, `  … ${left - leftListed.length} more`);
  return 0;
}
