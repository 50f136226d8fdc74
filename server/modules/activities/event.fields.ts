// An event's fields as typed by a person, checked against the records they name (brand, plan item, task,
// place, organiser and co-organiser units) and turned into the stored columns. Shared by create and edit.
import type { RequestContext } from '../../core/access/actor.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { brandInScope, eventScopeOf } from './activity.scope.ts';
import type { EventInput } from './activity.schemas.ts';
import { brandLinks, findBrand, findPlanItems, findRegion, findUnits } from './brand.repository.ts';
import { findTask, type EventWithNames } from './event.repository.ts';

export const invalid = (message: string, field?: string) =>
  appError('ACTIVITY_INVALID', message, field ? { field } : undefined);

// What a person reads on the timeline when an event's fields change.
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  brandId: '品牌',
  planItemId: '条目',
  taskId: '任务',
  startDate: '开始日期',
  endDate: '结束日期',
  placeRegionCode: '地点地区',
  address: '地点',
  organiserUnitId: '主办单位',
  coOrganiserIds: '协办单位',
  participants: '参加单位',
  agenda: '议程',
  summary: '活动概况',
  attachmentIds: '附件',
};
export const fieldLabels = (keys: readonly string[]) => keys.map((k) => FIELD_LABELS[k] ?? k);

function taskVisible(
  ctx: RequestContext,
  task: { region_path: string; manager_region_path: string; lead_unit_id: number },
) {
  const scope = ctx.actor!.scope;
  return (
    scope.kind === 'all' ||
    (scope.kind === 'region' &&
      (isInSubtree(task.region_path, scope.regionPath) ||
        isInSubtree(task.manager_region_path, scope.regionPath))) ||
    (scope.kind === 'unit' && task.lead_unit_id === scope.unitId)
  );
}

/** Checks the references of an event's fields and works out the stored columns. */
export async function resolveFields(
  s: Services,
  ctx: RequestContext,
  input: EventInput,
  current?: EventWithNames,
) {
  const db = s.db.kysely;
  const out: Record<string, unknown> = {};
  if (input.name !== undefined) out.name = input.name;
  for (const k of ['address', 'agenda', 'summary'] as const) if (input[k] !== undefined) out[k] = input[k];
  const start = input.startDate ?? current?.start_date;
  const end = input.endDate ?? current?.end_date;
  if (start && end && end < start) throw invalid('结束日期不能早于开始日期', 'endDate');
  if (input.startDate !== undefined) {
    out.start_date = input.startDate;
    out.year = Number(input.startDate.slice(0, 4));
  }
  if (input.endDate !== undefined) out.end_date = input.endDate;
  if (input.placeRegionCode !== undefined) {
    const region = await findRegion(db, input.placeRegionCode);
    if (!region) throw invalid('活动地点的行政区划不存在', 'placeRegionCode');
    out.place_region_code = region.code;
    out.place_region_path = region.path;
  }
  if (input.organiserUnitId !== undefined) {
    const [unit] = await findUnits(db, [input.organiserUnitId]);
    if (!unit) throw invalid('主办单位不存在', 'organiserUnitId');
    const scope = eventScopeOf(ctx);
    const allowed =
      scope.kind === 'all' ||
      (scope.kind === 'region' && isInSubtree(unit.region_path, scope.path)) ||
      (scope.kind === 'unit' && unit.id === scope.unitId);
    if (!allowed) throw invalid('只能以本单位（或本地区及以下的单位）作为主办单位', 'organiserUnitId');
    out.organiser_unit_id = unit.id;
    out.owner_region_path = unit.region_path;
  }
  if (input.coOrganiserIds !== undefined) {
    const units = await findUnits(db, input.coOrganiserIds);
    if (units.length !== new Set(input.coOrganiserIds).size)
      throw invalid('协办单位不存在', 'coOrganiserIds');
    const organiser = input.organiserUnitId ?? current?.organiser_unit_id;
    if (organiser !== undefined && input.coOrganiserIds.includes(organiser))
      throw invalid('主办单位不必再列为协办单位', 'coOrganiserIds');
    out.co_organisers = JSON.stringify([...new Set(input.coOrganiserIds)]);
  }
  if (input.participants !== undefined) out.participants = JSON.stringify(input.participants);
  if (input.brandId !== undefined) {
    if (input.brandId !== null) {
      const brand = await findBrand(db, input.brandId);
      if (!brand || !brandInScope(ctx, brand.region_path)) throw invalid('品牌活动不存在', 'brandId');
      // An event of a brand tied to exactly one plan item counts toward it unless another is named.
      if (input.planItemId === undefined && !current?.plan_item_id) {
        const { items } = await brandLinks(db, [brand.id]);
        if (items.length === 1) out.plan_item_id = items[0]!.id;
      }
    }
    out.brand_id = input.brandId;
  }
  if (input.planItemId !== undefined) {
    if (input.planItemId !== null && !(await findPlanItems(db, [input.planItemId])).length)
      throw invalid('工作要点条目不存在', 'planItemId');
    out.plan_item_id = input.planItemId;
  }
  if (input.taskId !== undefined) {
    if (input.taskId !== null) {
      const task = await findTask(db, input.taskId);
      if (!task || !taskVisible(ctx, task)) throw invalid('任务不存在或不在您的范围内', 'taskId');
    }
    out.task_id = input.taskId;
  }
  return out;
}
