// 建议任务: a plan item's proposed tasks offered as tasks to create, each with its suggested lead unit
// resolved to a unit of the plan's region — by exact name, then a unit's short name (简称), then the
// region's keyword map (关键词 → 单位). A name that resolves to no unit, or to more than one, is returned
// unresolved with the likely candidates: the person creating the task chooses; nothing is guessed.
import { scopedResource } from '../../core/access/guard.ts';
import type { RequestContext } from '../../core/access/actor.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { unitsOfRegion, type NamedUnit } from '../org/index.ts';
import { mapOf } from './import/import.service.ts';
import { findItemForSuggestions } from './item.repository.ts';
import { canSeePlan, visibilityOf } from './plan.policy.ts';
import { parseList, type ProposedTask } from './plan.tree.ts';

type ItemForSuggestions = NonNullable<Awaited<ReturnType<typeof findItemForSuggestions>>>;

/** A plan item as a scoped record: visible when its plan is (plans' own rules). */
export const planItemResource = scopedResource<ItemForSuggestions, number>({
  type: 'plan_item',
  notFound: 'PLAN_ITEM_NOT_FOUND',
  find: (s, id) => findItemForSuggestions(s.db.kysely, id),
  inScope: async (s, ctx, item) =>
    canSeePlan(await visibilityOf(s, ctx.actor), {
      region_code: item.region_code,
      region_path: item.region_path,
      status: item.status,
    }),
});

type ResolvedBy = 'exact' | 'alias' | 'keyword';
const MAX_CANDIDATES = 10;

interface UnitRef {
  id: number;
  name: string;
}

export interface TaskSuggestion {
  text: string;
  title: string;
  suggestedLead: string | null;
  leadUnit: UnitRef | null;
  resolvedBy: ResolvedBy | null;
  candidates: UnitRef[];
}

// Full-width letters, digits and spaces read as their half-width forms; whitespace is ignored.
function normal(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

const ref = (u: NamedUnit): UnitRef => ({ id: u.id, name: u.name });

/** The one unit matching `want` by `names`, or the several that do (ambiguous), or none. */
function matching(units: readonly NamedUnit[], want: string, names: (u: NamedUnit) => string[]): NamedUnit[] {
  return units.filter((u) => names(u).some((n) => normal(n) === want));
}

interface Resolver {
  units: readonly NamedUnit[];
  keywords: readonly { keyword: string; unit: string }[];
}

function resolveLead(
  r: Resolver,
  lead: string | null,
): Omit<TaskSuggestion, 'text' | 'title' | 'suggestedLead'> {
  const none = { leadUnit: null, resolvedBy: null, candidates: [] };
  if (lead === null || normal(lead) === '') return none;
  const want = normal(lead);
  const steps: [ResolvedBy, () => NamedUnit[]][] = [
    ['exact', () => matching(r.units, want, (u) => [u.name])],
    ['alias', () => matching(r.units, want, (u) => u.aliases)],
    [
      'keyword',
      () => {
        // The map names a unit for a keyword found in the suggested lead; that name must itself be a unit.
        const names = new Set(
          r.keywords.filter((k) => want.includes(normal(k.keyword))).map((k) => normal(k.unit)),
        );
        return r.units.filter(
          (u) => names.has(normal(u.name)) || u.aliases.some((a) => names.has(normal(a))),
        );
      },
    ],
  ];
  let ambiguous: NamedUnit[] = [];
  for (const [by, find] of steps) {
    const found = find();
    if (found.length === 1) return { leadUnit: ref(found[0]!), resolvedBy: by, candidates: [] };
    if (found.length > 1 && ambiguous.length === 0) ambiguous = found;
  }
  // Unresolved: the units the name is ambiguous between, else those whose name or short name contains the
  // suggestion or is contained in it.
  const similar = r.units.filter((u) =>
    [u.name, ...u.aliases].some((n) => normal(n).includes(want) || want.includes(normal(n))),
  );
  const candidates = [...new Map([...ambiguous, ...similar].map((u) => [u.id, u])).values()];
  return { ...none, candidates: candidates.slice(0, MAX_CANDIDATES).map(ref) };
}

/** A task title from a proposed task's text: trimmed, first line, at most 200 characters. */
function titleOf(text: string): string {
  const first = text.trim().split(/\r?\n/)[0] ?? '';
  return first.trim().slice(0, 200);
}

/** The item's proposed tasks as suggestions; the plan must be visible (the guard) and published. */
export async function taskSuggestions(
  s: Services,
  _ctx: RequestContext,
  item: ItemForSuggestions,
): Promise<{ items: TaskSuggestion[] }> {
  if (item.status !== 'published') throw appError('PLAN_NOT_PUBLISHED');
  const [units, map] = await Promise.all([
    unitsOfRegion(s, item.region_code),
    mapOf(s.db.kysely, { code: item.region_code, name: item.region_name, path: item.region_path }),
  ]);
  const resolver = { units, keywords: map.keywords };
  return {
    items: parseList<ProposedTask>(item.proposed_tasks).map((p) => ({
      text: p.text,
      title: titleOf(p.text),
      suggestedLead: p.suggestedLead,
      ...resolveLead(resolver, p.suggestedLead),
    })),
  };
}
