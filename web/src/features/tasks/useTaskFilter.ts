// The task list's filter and the address bar kept in step: a 工作台 figure opens the list with exactly the
// query it counted (e.g. ?leadUnitId=3&report=owed&from=本期待报送), and every change is written back so a
// reload, a shared link or the back button shows the same list.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import type { TaskExportQuery, TaskHealth, TaskQuery, TaskSource, TaskStatus } from './api';

type Report = Exclude<NonNullable<TaskQuery['report']>, ''>;
const REPORT_LABELS: Record<Report, string> = {
  owed: '有待报送的报告（本月底前到期或已逾期）',
  returned: '有被退回待修改的报告',
  submitted: '有待审核的报告',
};
const one = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown) => Number(one(v)) || null;

const emptyTaskFilter = () => ({
  planId: null as number | null,
  regionCode: '',
  leadUnitId: null as number | null,
  status: [] as TaskStatus[],
  health: [] as TaskHealth[],
  due: null as [string, string] | null,
  source: '' as TaskSource | '',
  q: '',
  undecomposed: false,
  // Conditions a link can set that have no field in the bar: shown as tags, each removable.
  year: null as number | null,
  sectionId: null as number | null,
  planItemId: null as number | null,
  parentId: null as number | null,
  cooperatingUnitId: null as number | null,
  regionOnly: false,
  report: '' as Report | '',
  adjustment: false,
});
export type TaskFilter = ReturnType<typeof emptyTaskFilter>;

/** `load` runs whenever the filter changes (here or by a change of address that is not ours). */
export function useTaskFilter(load: () => void) {
  const route = useRoute();
  const router = useRouter();
  const filter = reactive(emptyTaskFilter());
  // The name of the figure that opened the list (工作台), shown above it until the filter changes.
  const from = ref('');

  function readQuery(q: LocationQuery): void {
    const dueFrom = one(q.dueFrom);
    const dueTo = one(q.dueTo);
    const report = one(q.report);
    Object.assign(filter, {
      planId: num(q.planId),
      regionCode: one(q.regionCode) ?? '',
      leadUnitId: num(q.leadUnitId),
      status: (one(q.status)?.split(',') ?? []) as TaskStatus[],
      health: (one(q.health)?.split(',') ?? []) as TaskHealth[],
      due: dueFrom && dueTo ? [dueFrom, dueTo] : null,
      source: (one(q.source) ?? '') as TaskSource | '',
      q: one(q.q) ?? '',
      undecomposed: q.undecomposed === 'true',
      year: num(q.year),
      sectionId: num(q.sectionId),
      planItemId: num(q.planItemId),
      parentId: num(q.parentId),
      cooperatingUnitId: num(q.cooperatingUnitId),
      regionOnly: q.regionOnly === 'true',
      report: report && report in REPORT_LABELS ? (report as Report) : '',
      adjustment: q.adjustment === 'pending',
    });
    from.value = one(q.from) ?? '';
  }
  readQuery(route.query);

  const extraTags = computed(() => {
    const tags: { key: keyof TaskFilter; label: string }[] = [];
    if (filter.year) tags.push({ key: 'year', label: `${filter.year} 年` });
    if (filter.sectionId) tags.push({ key: 'sectionId', label: '工作要点的一个部分' });
    if (filter.planItemId) tags.push({ key: 'planItemId', label: '工作要点的一个条目' });
    if (filter.parentId) tags.push({ key: 'parentId', label: '一项任务的下级任务' });
    if (filter.cooperatingUnitId) tags.push({ key: 'cooperatingUnitId', label: '配合单位' });
    if (filter.regionOnly && filter.regionCode)
      tags.push({ key: 'regionOnly', label: '仅本级，不含下级地区' });
    if (filter.report) tags.push({ key: 'report', label: REPORT_LABELS[filter.report] });
    if (filter.adjustment) tags.push({ key: 'adjustment', label: '有待审批的调整申请' });
    return tags;
  });

  const filtered = computed(
    () =>
      !!(
        filter.planId ||
        filter.regionCode ||
        filter.leadUnitId ||
        filter.status.length ||
        filter.health.length ||
        filter.due ||
        filter.source ||
        filter.q ||
        filter.undecomposed ||
        extraTags.value.length
      ),
  );

  /** The filter as the API reads it (and the export: the same tasks). */
  function filterQuery(): TaskExportQuery {
    return {
      planId: filter.planId ?? undefined,
      regionCode: filter.regionCode || undefined,
      leadUnitId: filter.leadUnitId ?? undefined,
      status: filter.status.length ? filter.status : undefined,
      health: filter.health.length ? filter.health : undefined,
      dueFrom: filter.due?.[0],
      dueTo: filter.due?.[1],
      source: filter.source || undefined,
      q: filter.q.trim() || undefined,
      undecomposed: filter.undecomposed ? 'true' : undefined,
      year: filter.year ?? undefined,
      sectionId: filter.sectionId ?? undefined,
      planItemId: filter.planItemId ?? undefined,
      parentId: filter.parentId ?? undefined,
      cooperatingUnitId: filter.cooperatingUnitId ?? undefined,
      regionOnly: filter.regionOnly && filter.regionCode ? 'true' : undefined,
      report: filter.report || undefined,
      adjustment: filter.adjustment ? 'pending' : undefined,
    };
  }

  // The address as the filter writes it; a change of address that is not ours (back, a link) is read.
  let written = '';
  function urlQuery(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(filterQuery()))
      if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : String(v);
    if (from.value) out.from = from.value;
    return out;
  }
  written = JSON.stringify(urlQuery());
  watch(
    () => route.query,
    (q) => {
      if (route.name !== 'tasks' || JSON.stringify(q) === written) return;
      readQuery(q);
      written = JSON.stringify(urlQuery());
      load();
    },
  );

  /** A change made on this page: the figure's name no longer describes the list. */
  function apply(): void {
    from.value = '';
    const q = urlQuery();
    written = JSON.stringify(q);
    void router.replace({ query: q });
    load();
  }
  /** Replaces the whole filter (empty, or a starting point such as one plan's drafts) and applies it. */
  function reset(start: Partial<TaskFilter> = {}): void {
    Object.assign(filter, { ...emptyTaskFilter(), ...start });
    apply();
  }
  function dropTag(key: keyof TaskFilter): void {
    Object.assign(filter, { [key]: emptyTaskFilter()[key] });
    apply();
  }

  return { filter, from, extraTags, filtered, filterQuery, apply, reset, dropTag };
}
