// Outcomes (活动成效), each recorded once with its evidence on a held event: signed projects (amount in 万元,
// stored as 分; follow-up dates 开工/投产/资金到位 that remind the responsible unit; status history), talents
// by kind (counts only, no personal data), enterprises brought in or gone out, villages served, other
// indicator values. An outcome may count toward one indicator of the event's task: its actual moves by the
// outcome's amount, and moves back on an edit or deletion.
import { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { ActivityOutcomeKind } from '../../db/schema.ts';
import { attachTo, listFor } from '../attachments/index.ts';
import { fenToWan, wanToFen } from './activity.money.ts';
import { coOrganisersOf } from './activity.policy.ts';
import { mayEditEvent } from './activity.scope.ts';
import {
  FOLLOWUP_LABELS,
  OUTCOME_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
  type OutcomeCreate,
  type OutcomeUpdate,
} from './activity.schemas.ts';
import { findRegion, findUnits } from './brand.repository.ts';
import type { EventWithNames } from './event.repository.ts';
import { insertLog } from './event.repository.ts';
import {
  deleteOutcome,
  findIndicator,
  findOutcome,
  insertHistory,
  insertOutcome,
  listFollowups,
  listHistory,
  moveIndicator,
  replaceFollowups,
  updateOutcome,
  type OutcomeRow,
  type OutcomeWithEvent,
} from './outcome.repository.ts';

const invalid = (message: string, field?: string) =>
  appError('ACTIVITY_INVALID', message, field ? { field } : undefined);
const storedStatus = z.enum(PROJECT_STATUSES).nullable();
const statusLabel = (s: string) => (PROJECT_STATUS_LABELS as Record<string, string>)[s] ?? s;

export async function presentOutcomes(s: Services, rows: readonly OutcomeWithEvent[]) {
  const ids = rows.map((r) => r.id);
  const [followups, history] = await Promise.all([
    listFollowups(s.db.kysely, ids),
    listHistory(s.db.kysely, ids),
  ]);
  return Promise.all(
    rows.map(async (o) => ({
      id: o.id,
      eventId: o.event_id,
      eventName: o.event_name,
      brandId: o.brand_id,
      year: o.year,
      kind: o.kind,
      kindLabel: OUTCOME_LABELS[o.kind],
      name: o.name,
      enterprise: o.enterprise,
      amountWan: o.amount_fen === null ? null : fenToWan(o.amount_fen),
      stage: o.stage,
      status: storedStatus.parse(o.status),
      statusLabel: o.status ? statusLabel(o.status) : null,
      regionCode: o.region_code,
      regionName: o.region_name,
      quantity: o.quantity,
      value: o.value,
      measureUnit: o.measure_unit,
      responsibleUnitId: o.responsible_unit_id,
      responsibleUnitName: o.responsible_unit_name,
      taskIndicatorId: o.task_indicator_id,
      followUps: followups
        .filter((f) => f.outcome_id === o.id)
        .map((f) => ({
          kind: f.kind,
          label: FOLLOWUP_LABELS[f.kind],
          dueDate: f.due_date,
          doneOn: f.done_on,
        })),
      history: history
        .filter((h) => h.outcome_id === o.id)
        .map((h) => ({
          at: h.at,
          status: h.status,
          label: statusLabel(h.status),
          note: h.note,
          actorName: h.actor_name,
        })),
      attachments: (await listFor(s, { type: 'activity_outcome', id: o.id })).map((a) => ({
        id: a.id,
        fileName: a.fileName,
        size: a.size,
        mime: a.mime,
      })),
      version: o.version,
    })),
  );
}

interface Resolved {
  name: string;
  enterprise: string | null;
  amount_fen: number | null;
  stage: string | null;
  status: string | null;
  responsible_unit_id: number | null;
  region_code: string;
  region_path: string;
  quantity: number;
  value: string | null;
  measure_unit: string | null;
  task_indicator_id: number | null;
  indicator_amount: number | null;
}

/** The stored columns of an outcome from its input over its current values, every rule checked. */
async function resolve(
  s: Services,
  event: { task_id: number | null; place_region_code: string },
  kind: ActivityOutcomeKind,
  input: OutcomeUpdate,
  current?: OutcomeRow,
): Promise<Resolved> {
  const db = s.db.kysely;
  const pick = <T>(v: T | undefined, old: T, fallback: T): T =>
    v !== undefined ? v : current ? old : fallback;
  const regionCode = input.regionCode ?? current?.region_code ?? event.place_region_code;
  const region = await findRegion(db, regionCode);
  if (!region) throw invalid('落地地区的行政区划不存在', 'regionCode');
  const out: Resolved = {
    name: input.name ?? current?.name ?? '',
    enterprise: pick(input.enterprise?.trim() || undefined, current?.enterprise ?? null, null),
    amount_fen: input.amountWan !== undefined ? wanToFen(input.amountWan) : (current?.amount_fen ?? null),
    stage: pick(input.stage, current?.stage ?? null, null),
    status: pick(input.status, current?.status ?? null, null),
    responsible_unit_id: pick(input.responsibleUnitId, current?.responsible_unit_id ?? null, null),
    region_code: region.code,
    region_path: region.path,
    quantity: input.quantity ?? current?.quantity ?? 0,
    value: pick(input.value, current?.value ?? null, null),
    measure_unit: pick(input.measureUnit, current?.measure_unit ?? null, null),
    task_indicator_id: pick(input.taskIndicatorId, current?.task_indicator_id ?? null, null),
    indicator_amount: null,
  };
  if (kind === 'project') {
    if (!out.enterprise) throw invalid('请填写签约企业', 'enterprise');
    if (out.amount_fen === null) throw invalid('请填写签约金额（万元）', 'amountWan');
    out.quantity = 1;
    out.status ??= 'signed';
  } else {
    out.amount_fen = null;
    out.status = null;
    if (kind === 'other') {
      if (out.value === null) throw invalid('请填写指标值', 'value');
      out.quantity = 1;
    } else if (out.quantity < 1) throw invalid('请填写数量（至少为 1）', 'quantity');
  }
  if (out.responsible_unit_id !== null && !(await findUnits(db, [out.responsible_unit_id])).length)
    throw invalid('责任单位不存在', 'responsibleUnitId');
  if (out.task_indicator_id !== null) {
    const indicator = await findIndicator(db, out.task_indicator_id);
    if (!indicator || indicator.task_id !== event.task_id)
      throw invalid('只能计入本活动所属任务的指标；请先在活动上选择任务', 'taskIndicatorId');
    out.indicator_amount = indicatorAmount(kind, out, indicator.measure_unit);
  }
  return out;
}

/**
 * What an outcome adds to an indicator: a project its amount when the indicator is measured in 万元,
 * otherwise one project; talents, enterprises and villages their count; another indicator its value.
 */
function indicatorAmount(kind: ActivityOutcomeKind, o: Resolved, measureUnit: string): number {
  if (kind === 'project') return /万元/.test(measureUnit) ? Number(fenToWan(o.amount_fen ?? 0)) : 1;
  if (kind === 'other') return Number(o.value ?? 0);
  return o.quantity;
}

function requireOpen(
  ctx: RequestContext,
  event: EventWithNames | OutcomeWithEvent,
  states: readonly string[],
) {
  if (!mayEditEvent(ctx, { ...event, co_organisers: coOrganisersOf(event.co_organisers) }))
    throw appError('ACTIVITY_NOT_ORGANISER');
  if ('state' in event && !states.includes(event.state))
    throw appError('ACTIVITY_STATE', '活动举办后才能登记成效；结束后不能再增删');
}

const actorName = (ctx: RequestContext) => ctx.actor?.displayName ?? null;

export async function createOutcome(
  s: Services,
  ctx: RequestContext,
  event: EventWithNames,
  input: OutcomeCreate,
) {
  requireOpen(ctx, event, ['held', 'reviewed']);
  if (input.kind !== 'project' && input.followUps?.length)
    throw invalid('只有签约项目有跟进日期', 'followUps');
  const r = await resolve(s, event, input.kind, input);
  const stamp = toTimestamp(s.clock.now());
  const id = await s.db.kysely.transaction().execute(async (trx) => {
    const newId = await insertOutcome(trx, {
      ...r,
      event_id: event.id,
      kind: input.kind,
      created_by: ctx.actor?.userId ?? null,
      created_at: stamp,
      updated_at: stamp,
    });
    if (r.task_indicator_id !== null && r.indicator_amount !== null)
      await moveIndicator(trx, r.task_indicator_id, r.indicator_amount);
    if (input.kind === 'project') {
      await replaceFollowups(trx, newId, input.followUps ?? []);
      await insertHistory(trx, {
        outcome_id: newId,
        at: stamp,
        status: r.status!,
        note: input.statusNote ?? '',
        actor_name: actorName(ctx),
      });
    }
    if (input.attachmentIds?.length)
      await attachTo(s, trx, ctx, input.attachmentIds, { type: 'activity_outcome', id: newId });
    await insertLog(trx, {
      event_id: event.id,
      at: stamp,
      actor_id: ctx.actor?.userId ?? null,
      actor_name: actorName(ctx),
      action: 'outcome_add',
      note: `${OUTCOME_LABELS[input.kind]}：${r.name}`,
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_outcome.create',
      objectType: 'activity_outcome',
      objectId: newId,
      after: {
        eventId: event.id,
        kind: input.kind,
        name: r.name,
        amountFen: r.amount_fen,
        quantity: r.quantity,
      },
    });
    return newId;
  });
  return (await presentOutcomes(s, [(await findOutcome(s.db.kysely, id))!]))[0]!;
}

export async function editOutcome(
  s: Services,
  ctx: RequestContext,
  record: OutcomeWithEvent,
  version: number,
  input: OutcomeUpdate,
) {
  requireOpen(ctx, record, []);
  if (record.kind !== 'project' && input.followUps?.length)
    throw invalid('只有签约项目有跟进日期', 'followUps');
  const event = await s.db.kysely
    .selectFrom('activity_events')
    .select(['task_id', 'place_region_code', 'state'])
    .where('id', '=', record.event_id)
    .executeTakeFirstOrThrow();
  if (event.state === 'planned' || event.state === 'preparing') throw appError('ACTIVITY_STATE');
  const r = await resolve(s, event, record.kind, input, record);
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    if (!(await updateOutcome(trx, record.id, version, { ...r, updated_at: stamp })))
      throw appError('VERSION_CONFLICT');
    if (record.task_indicator_id !== null && record.indicator_amount !== null)
      await moveIndicator(trx, record.task_indicator_id, -record.indicator_amount);
    if (r.task_indicator_id !== null && r.indicator_amount !== null)
      await moveIndicator(trx, r.task_indicator_id, r.indicator_amount);
    if (input.followUps) await replaceFollowups(trx, record.id, input.followUps);
    if (record.kind === 'project' && (r.status !== record.status || input.statusNote))
      await insertHistory(trx, {
        outcome_id: record.id,
        at: stamp,
        status: r.status!,
        note: input.statusNote ?? '',
        actor_name: actorName(ctx),
      });
    if (input.attachmentIds?.length)
      await attachTo(s, trx, ctx, input.attachmentIds, { type: 'activity_outcome', id: record.id });
    await s.audit.record(trx, ctx, {
      action: 'activity_outcome.update',
      objectType: 'activity_outcome',
      objectId: record.id,
      before: {
        amountFen: record.amount_fen,
        quantity: record.quantity,
        status: record.status,
        value: record.value,
      },
      after: { amountFen: r.amount_fen, quantity: r.quantity, status: r.status, value: r.value },
    });
  });
  return (await presentOutcomes(s, [(await findOutcome(s.db.kysely, record.id))!]))[0]!;
}

export async function removeOutcome(
  s: Services,
  ctx: RequestContext,
  record: OutcomeWithEvent,
  version: number,
) {
  requireOpen(ctx, record, []);
  const stamp = toTimestamp(s.clock.now());
  await s.db.kysely.transaction().execute(async (trx) => {
    const event = await trx
      .selectFrom('activity_events')
      .select('state')
      .where('id', '=', record.event_id)
      .executeTakeFirstOrThrow();
    if (event.state !== 'held' && event.state !== 'reviewed')
      throw appError('ACTIVITY_STATE', '活动已结束，不能再删除成效记录');
    if (!(await deleteOutcome(trx, record.id, version))) throw appError('VERSION_CONFLICT');
    if (record.task_indicator_id !== null && record.indicator_amount !== null)
      await moveIndicator(trx, record.task_indicator_id, -record.indicator_amount);
    await insertLog(trx, {
      event_id: record.event_id,
      at: stamp,
      actor_id: ctx.actor?.userId ?? null,
      actor_name: actorName(ctx),
      action: 'outcome_delete',
      note: `${OUTCOME_LABELS[record.kind]}：${record.name}`,
    });
    await s.audit.record(trx, ctx, {
      action: 'activity_outcome.delete',
      objectType: 'activity_outcome',
      objectId: record.id,
      before: {
        eventId: record.event_id,
        kind: record.kind,
        name: record.name,
        amountFen: record.amount_fen,
        quantity: record.quantity,
      },
    });
  });
}
