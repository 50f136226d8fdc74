// 撤回: the person who entered a pairing takes it back while it has not been approved (待审核, or returned
// to them): the row goes in one transaction with its audit event, which keeps what it said
// (docs/decisions/pairing-withdraw.md). An approved pairing has counted in the ledger: it stays.
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { listFor } from '../attachments/index.ts';
import { fenOf, fenToWan } from './pairing.money.ts';
import { keeps } from './pairing.policy.ts';
import { deletePairing, findPairing, type PairingWithNames } from './pairing.repository.ts';

export async function withdrawPairing(
  s: Services,
  ctx: RequestContext,
  record: PairingWithNames,
  version: number,
): Promise<void> {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findPairing(trx, record.id);
    if (!row) throw appError('PAIRING_NOT_FOUND');
    if (!ctx.actor || row.created_by !== ctx.actor.userId || !keeps(ctx.actor, row))
      throw appError('FORBIDDEN', '只有登记人本人可以撤回结对项目');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    if (row.status === 'approved')
      throw appError(
        'PAIRING_STATE',
        '已审核通过的结对项目已计入台账，不能撤回；数字有变化请“报送进展”，登记有误请联系本地区统战部工作人员',
      );
    const files = await listFor(s, { type: 'pairing', id: row.id }, trx);
    if (!(await deletePairing(trx, row.id, version))) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'pairing.withdraw',
      objectType: 'pairing',
      objectId: row.id,
      before: {
        status: row.status,
        year: row.year,
        enterpriseId: row.enterprise_id,
        villageCode: row.village_code,
        projectType: row.project_type,
        title: row.title,
        investedWan: fenToWan(fenOf(row.invested_fen)),
        incomeWan: fenToWan(fenOf(row.income_fen)),
        peopleHelped: row.people_helped,
        jobsCreated: row.jobs_created,
        attachmentIds: files.map((f) => f.id),
      },
    });
  });
}
