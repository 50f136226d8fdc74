// What a person can do next with this year's plans (工作台 · 待办), computed in their own scope: staff
// import, publish, revise and align their region's plan; readers read the plans in force above them.
// Until tasks exist these are the only to-dos; each names a plan the person can open.
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import type { PlanItemRow } from '../../db/schema.ts';
import { listItemsOfPlan } from './item.repository.ts';
import { canSeePlan, visibilityOf } from './plan.policy.ts';
import {
  findPlanById,
  findPublishedPlanOf,
  findRegionPath,
  findRevisionOf,
  findUnitRegionCode,
  listPlans,
  type PlanSummaryRow,
} from './plan.repository.ts';

export type NextStepKind =
  'import' | 'publish' | 'publish-revision' | 'align' | 'parent-plan' | 'coverage' | 'read-plan' | 'no-plan';

export interface NextStep {
  kind: NextStepKind;
  title: string;
  detail: string | null;
  planId: number | null;
}

const named = (p: Pick<PlanSummaryRow, 'title'>) => `《${p.title}》`;

export async function planNextSteps(s: Services, ctx: RequestContext): Promise<NextStep[]> {
  const actor = ctx.actor;
  if (!actor || !actor.permissions.has('work.read')) return [];
  const year = Number(toTimestamp(s.clock.now()).slice(0, 4));
  const regionCode =
    actor.regionCode ??
    (actor.unitId === null ? undefined : await findUnitRegionCode(s.db.kysely, actor.unitId));
  const region = regionCode ? await findRegionPath(s.db.kysely, regionCode) : undefined;
  if (!region) return [];
  const visibility = await visibilityOf(s, actor);
  const visible = async (p: { id: number } | undefined) => {
    const plan = p && (await findPlanById(s.db.kysely, p.id));
    return plan && canSeePlan(visibility, plan) ? plan : undefined;
  };
  const parentPlan = region.parent_code
    ? await visible(await findPublishedPlanOf(s.db.kysely, region.parent_code, year))
    : undefined;
  const own = await listPlans(s.db, { visibility, regionCode: region.code, year, limit: 20 });
  const published = own.find((p) => p.status === 'published');
  if (actor.permissions.has('work.manage')) {
    return staffSteps(s, { year, regionName: region.name, own, published, parentPlan });
  }
  const steps: NextStep[] = [];
  if (published) steps.push(read(published, `阅读本地区${year}年工作要点`));
  if (parentPlan) steps.push(read(parentPlan, `阅读上级${year}年工作要点`));
  if (published && actor.permissions.has('work.instruct') && region.level !== 'county')
    steps.push({
      kind: 'coverage',
      title: `查看${named(published)}在下级的落实情况`,
      detail: null,
      planId: published.id,
    });
  if (!steps.length)
    steps.push({ kind: 'no-plan', title: `${year}年工作要点尚未发布`, detail: null, planId: null });
  return steps;
}

function read(plan: PlanSummaryRow, title: string): NextStep {
  return { kind: 'read-plan', title, detail: `${plan.region_name}${named(plan)}`, planId: plan.id };
}

interface StaffView {
  year: number;
  regionName: string;
  own: PlanSummaryRow[];
  published: PlanSummaryRow | undefined;
  parentPlan: PlanSummaryRow | undefined;
}

async function staffSteps(s: Services, v: StaffView): Promise<NextStep[]> {
  const steps: NextStep[] = [];
  const { year, published, parentPlan } = v;
  if (!published) {
    const drafts = v.own.filter((p) => p.status === 'draft' && p.revision_of === null);
    const newest = drafts[0];
    if (newest)
      steps.push({
        kind: 'publish',
        title: `发布${v.regionName}${year}年工作要点`,
        detail: `草稿${named(newest)}${drafts.length > 1 ? `等 ${drafts.length} 份` : ''}待审定发布`,
        planId: newest.id,
      });
    else
      steps.push({
        kind: 'import',
        title: `导入${v.regionName}${year}年工作要点`,
        detail: '粘贴文本或上传 .txt/.docx，解析为条目后保存为草稿',
        planId: null,
      });
    if (parentPlan)
      steps.push({
        kind: 'parent-plan',
        title: `上级${named(parentPlan)}已发布`,
        detail: `${parentPlan.region_name}的要点是本地区要点对应落实的依据`,
        planId: parentPlan.id,
      });
    return steps;
  }
  const revision = await findRevisionOf(s.db.kysely, published.id);
  if (revision)
    steps.push({
      kind: 'publish-revision',
      title: `发布${named(published)}的修订稿`,
      detail: `修订稿最后保存于 ${revision.updated_at.slice(0, 16).replace('T', ' ')}，发布前原要点继续有效`,
      planId: revision.id,
    });
  if (parentPlan) {
    const open = unalignedCount(await listItemsOfPlan(s.db.kysely, published.id));
    if (open > 0)
      steps.push({
        kind: 'align',
        title: `为 ${open} 个条目确认对应的上级条目`,
        detail: `${named(published)}对应${parentPlan.region_name}${named(parentPlan)}`,
        planId: published.id,
      });
  }
  if (published.region_level !== 'county')
    steps.push({
      kind: 'coverage',
      title: `查看${named(published)}在下级的落实情况`,
      detail: null,
      planId: published.id,
    });
  return steps;
}

/**
 * Items still to align: not aligned, not under an aligned item (an aligned section covers its children)
 * and with no aligned item below (a section whose sub-items are aligned is taken up through them).
 */
function unalignedCount(items: readonly PlanItemRow[]): number {
  const ordered = [...items].sort((a, b) => a.ord - b.ord);
  const coveredAbove = new Set<number>();
  for (const item of ordered) {
    if (item.aligned_to !== null || (item.parent_id !== null && coveredAbove.has(item.parent_id)))
      coveredAbove.add(item.id);
  }
  const alignedBelow = new Set<number>();
  for (const item of [...ordered].reverse()) {
    if (item.parent_id !== null && (item.aligned_to !== null || alignedBelow.has(item.id)))
      alignedBelow.add(item.parent_id);
  }
  return ordered.filter((i) => !coveredAbove.has(i.id) && !alignedBelow.has(i.id)).length;
}
