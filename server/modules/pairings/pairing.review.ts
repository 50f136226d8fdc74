// Staff review an entry (approve, or return it with a reason the enterer reads), and the enterer reports
// progress on an approved pairing: the figures as of a date, with evidence, which become the pairing's.
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { attachTo } from '../attachments/index.ts';
import { fenOf, fenToWan, wanToFen } from './pairing.money.ts';
import { keeps, visible } from './pairing.policy.ts';
import { findPairing, insertUpdate, updatePairing, type PairingWithNames } from './pairing.repository.ts';
import type { ProgressInput } from './pairing.schemas.ts';
import { pairingDetail } from './pairing.service.ts';

export async function reviewPairing(
  s: Services,
  ctx: RequestContext,
  record: PairingWithNames,
  version: number,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
) {
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findPairing(trx, record.id);
    if (!row) throw appError('PAIRING_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    if (!ctx.actor?.permissions.has('work.manage') || !visible(ctx.actor, row))
      throw appError('FORBIDDEN', '结对项目由本地区统战部工作人员审核');
    if (row.status !== 'submitted')
      throw appError(
        'PAIRING_STATE',
        `该结对项目${row.status === 'approved' ? '已审核通过' : '已退回'}，不能再审核`,
      );
    const approve = input.decision === 'approve';
    const ok = await updatePairing(trx, row.id, version, {
      status: approve ? 'approved' : 'rejected',
      review_reason: input.reason ?? null,
      reviewed_by: ctx.actor.userId,
      reviewed_at: toTimestamp(s.clock.now()),
      updated_at: toTimestamp(s.clock.now()),
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: approve ? 'pairing.approve' : 'pairing.reject',
      objectType: 'pairing',
      objectId: row.id,
      ...(input.reason ? { note: { reason: input.reason } } : {}),
    });
  });
  return pairingDetail(s, ctx, (await findPairing(s.db.kysely, record.id))!);
}

export async function reportProgress(
  s: Services,
  ctx: RequestContext,
  record: PairingWithNames,
  version: number,
  input: ProgressInput,
) {
  const today = toTimestamp(s.clock.now()).slice(0, 10);
  if (input.reportedOn > today) throw appError('PAIRING_INVALID', '进展日期不能晚于今天');
  await s.db.kysely.transaction().execute(async (trx) => {
    const row = await findPairing(trx, record.id);
    if (!row) throw appError('PAIRING_NOT_FOUND');
    if (row.version !== version) throw appError('VERSION_CONFLICT');
    if (!keeps(ctx.actor, row))
      throw appError('FORBIDDEN', '只有企业所属工商联的联系人或本地区工作人员可以报送进展');
    if (row.status !== 'approved') throw appError('PAIRING_STATE', '结对项目审核通过后才能报送进展');
    const invested = wanToFen(input.investedWan);
    const income = wanToFen(input.incomeWan);
    // Figures are cumulative: money already counted does not disappear from the ledger by mistake.
    if (invested < fenOf(row.invested_fen))
      throw appError(
        'PAIRING_INVALID',
        `投入资金为累计数，不能少于已登记的 ${fenToWan(fenOf(row.invested_fen))} 万元；如原数有误请联系工作人员`,
      );
    const stamp = toTimestamp(s.clock.now());
    await insertUpdate(trx, {
      pairing_id: row.id,
      reported_on: input.reportedOn,
      note: input.note,
      invested_fen: invested.toString(),
      income_fen: income.toString(),
      people_helped: input.peopleHelped,
      jobs_created: input.jobsCreated,
      stage: input.stage,
      attachment_ids: JSON.stringify(input.attachmentIds),
      created_by: ctx.actor!.userId,
      created_at: stamp,
    });
    const ok = await updatePairing(trx, row.id, version, {
      invested_fen: invested.toString(),
      income_fen: income.toString(),
      people_helped: input.peopleHelped,
      jobs_created: input.jobsCreated,
      stage: input.stage,
      updated_at: stamp,
    });
    if (!ok) throw appError('VERSION_CONFLICT');
    await attachTo(s, trx, ctx, input.attachmentIds, { type: 'pairing', id: row.id });
    await s.audit.record(trx, ctx, {
      action: 'pairing.progress',
      objectType: 'pairing',
      objectId: row.id,
      before: {
        investedWan: fenToWan(fenOf(row.invested_fen)),
        incomeWan: fenToWan(fenOf(row.income_fen)),
        peopleHelped: row.people_helped,
        jobsCreated: row.jobs_created,
        stage: row.stage,
      },
      after: input,
    });
  });
  return pairingDetail(s, ctx, (await findPairing(s.db.kysely, record.id))!);
}
