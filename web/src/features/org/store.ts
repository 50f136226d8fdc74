import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { REGION_LEVEL_LABELS } from '@/shared/labels';
import { listRegions, type Region } from './api';

export interface RegionNode extends Region {
  children?: RegionNode[];
}

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

// Builds the province → city → county tree. A region whose parent is outside the user's data scope is
// shown as a root.
function buildTree(regions: Region[]): RegionNode[] {
  const byCode = new Map<string, RegionNode>(regions.map((r) => [r.code, { ...r }]));
  const roots: RegionNode[] = [];
  for (const node of byCode.values()) {
    const parent = node.parentCode ? byCode.get(node.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (nodes: RegionNode[]) => {
    nodes.sort((a, b) => a.code.localeCompare(b.code));
    nodes.forEach((n) => n.children && sort(n.children));
  };
  sort(roots);
  return roots;
}

function toOptions(nodes: RegionNode[]): RegionOption[] {
  return nodes.map((n) => ({
    value: n.code,
    label: `${n.name}（${REGION_LEVEL_LABELS[n.level] ?? n.level}）`,
    ...(n.children ? { children: toOptions(n.children) } : {}),
  }));
}

// All regions in the user's scope (≈150 for a province), loaded once and shared by the org pages.
export const useRegionStore = defineStore('regions', () => {
  const all = ref<Region[]>([]);
  const loaded = ref(false);
  let inFlight: Promise<void> | null = null;

  const tree = computed(() => buildTree(all.value));
  const options = computed(() => toOptions(tree.value));
  const byCode = computed(() => new Map(all.value.map((r) => [r.code, r])));

  async function fetchAll(): Promise<void> {
    const out: Region[] = [];
    let cursor: string | null = null;
    // Bounded: 50 pages of 200 is far beyond a province's regions.
    for (let i = 0; i < 50; i++) {
      const page = await listRegions({ limit: 200, cursor });
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    all.value = out;
    loaded.value = true;
  }

  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    inFlight ??= fetchAll().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function upsert(region: Region): void {
    const i = all.value.findIndex((r) => r.code === region.code);
    if (i >= 0) all.value.splice(i, 1, region);
    else all.value.push(region);
  }

  return { all, loaded, tree, options, byCode, load, upsert };
});
