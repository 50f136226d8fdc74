// `luoshi cases reindex [--rebuild]`: the similarity index brought in line with the cases
// (similar.reindex.ts), done as the system and audited (case.reindex) with the counts.
import { parseArgs } from 'node:util';
import type { RequestContext } from '../../../core/access/actor.ts';
import { writeLine, type CliIo } from '../../../core/console-io.ts';
import type { Services } from '../../../core/services.ts';
import { reindexProposals } from './similar.reindex.ts';

export class CasesUsageError extends Error {}

export async function casesReindexCommand(
  s: Services,
  ctx: RequestContext,
  args: string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { rebuild: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length) throw new CasesUsageError(`cases reindex takes no file: ${positionals.join(' ')}`);
  const result = await reindexProposals(s.db.kysely, {
    rebuild: values.rebuild,
    now: s.clock.now(),
  });
  await s.db.kysely.transaction().execute((trx) =>
    s.audit.record(trx, ctx, {
      action: 'case.reindex',
      actorName: 'system',
      objectType: 'proposal_index',
      after: { ...result, rebuild: values.rebuild },
    }),
  );
  await writeLine(
    io.stdout,
    `相似提案索引已更新 / similarity index updated: ${result.indexed} indexed, ${result.removed} removed, ${result.total} in the index`,
  );
  return 0;
}
