// The plans API (工作要点), one typed function per route under /api/plans. Types follow
// server/modules/plans/plan.schemas.ts and the capabilities' schemas (import/, alignment/, search/).
import { get, patch, post, put, request, newIdempotencyKey, type Page } from '@/api/client';

export type PlanStatus = 'draft' | 'published' | 'repealed';

export interface ProposedTask {
  text: string;
  suggestedLead: string | null;
}

// One node of an outline as the parser produces it and as the editor sends it back; `id` keeps an
// existing item (and its alignment).
export interface OutlineNode {
  id?: number;
  number: string | null;
  heading: string;
  body: string;
  lead: string[];
  cooperating: string[];
  brandActivities: string[];
  proposedTasks: ProposedTask[];
  children: OutlineNode[];
}

export interface PlanWarning {
  message: string;
  // UTF-16 offset into the previewed text.
  offset: number;
}

export interface PlanOutline {
  title: string;
  year: number | null;
  preamble: string;
  closing: string;
  nodes: OutlineNode[];
  brandActivities: string[];
  removed: string[];
  warnings: PlanWarning[];
}

export interface RegionRef {
  code: string;
  name: string;
  level: string;
}

export interface PlanSummary {
  id: number;
  region: RegionRef;
  year: number;
  title: string;
  status: PlanStatus;
  version: number;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  // A revision (修订稿): the id of the published plan it revises.
  revisionOf: number | null;
}

export interface Alignment {
  itemId: number;
  alignedAt: string | null;
}

export interface PlanItem extends Omit<OutlineNode, 'id' | 'children'> {
  id: number;
  alignedTo: Alignment | null;
  children: PlanItem[];
}

export interface PlanDetail extends PlanSummary {
  preamble: string;
  closing: string;
  brandActivities: string[];
  removed: string[];
  warnings: PlanWarning[];
  sourceText: string;
  // What readers are told about the last revision, withdrawal or repeal.
  notice: PlanNotice | null;
  // The open revision of a published plan (shown to its region's staff only).
  revision: { id: number; version: number; updatedAt: string } | null;
  items: PlanItem[];
}

export interface PlanNotice {
  kind: 'revised' | 'withdrawn' | 'repealed';
  at: string;
  by: string | null;
  version: number;
  reason: string | null;
  changes: { changed: number; added: number; removed: number; moved: number } | null;
  regionsTold: string[];
}

export interface PlanVersionDetail extends PlanVersion {
  preamble: string;
  closing: string;
  items: OutlineNode[];
}

export interface PlanVersion {
  no: number;
  action: string;
  title: string;
  status: PlanStatus;
  itemCount: number;
  createdAt: string;
  createdBy: string | null;
}

export interface ItemRef {
  itemId: number;
  planId: number;
  number: string | null;
  heading: string;
  region: { code: string; name: string };
  year: number;
  planTitle: string;
}

export interface PlanItemDetail {
  plan: PlanSummary;
  item: Omit<PlanItem, 'children'> & { childCount: number };
  ancestors: Array<{ id: number; number: string | null; heading: string }>;
  alignedTo: ItemRef | null;
  alignedFrom: ItemRef[];
}

export interface PreviewResult {
  text: string;
  outline: PlanOutline;
}

export interface UnitKeyword {
  keyword: string;
  unit: string;
}
export interface UnitKeywords {
  regionCode: string;
  regionName: string;
  /** The region whose map applies here (this one or its nearest ancestor); null: the built-in map. */
  source: { code: string; name: string } | null;
  keywords: UnitKeyword[];
  /** Version of this region's own map; 0 while it inherits. */
  version: number;
}

// 对比
export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}
export interface CompareItem {
  id: number;
  parentId: number | null;
  ord: number;
  position: number;
  number: string | null;
  heading: string;
  body: string;
}
export interface CompareEntry {
  kind: 'matched' | 'changed' | 'added' | 'removed';
  // parent: moved under another item; order: moved among its siblings.
  moved: 'parent' | 'order' | null;
  score: number | null;
  left: CompareItem | null;
  right: CompareItem | null;
  diff: { heading: DiffSegment[]; body: DiffSegment[] } | null;
}
export interface CompareResult {
  left: PlanSummary;
  right: PlanSummary;
  summary: Record<'matched' | 'changed' | 'added' | 'removed' | 'moved' | 'leftItems' | 'rightItems', number>;
  entries: CompareEntry[];
}

// 对应关系
export interface AlignmentSuggestion extends ItemRef {
  score: number;
  // The item this one is aligned to now.
  current: boolean;
}
export interface AlignmentResult {
  itemId: number;
  alignedTo: ItemRef | null;
  // The plan's new version (same as the ETag); absent from servers before alignment was versioned.
  planVersion?: number;
}

// 覆盖情况
export interface CoverageRegion {
  code: string;
  name: string;
  level: string;
  // The direct subordinate region it belongs to (for a province plan: its city).
  groupCode: string;
  hasPublishedPlan: boolean;
  alignedItems: number;
  coveredItems: number;
}
export interface CoverageRow {
  itemId: number;
  number: string | null;
  heading: string;
  depth: number;
  // In the order of `regions`.
  counts: number[];
  total: number;
  regionsCovered: number;
  regionsMissing: number;
}
export interface CoverageResult {
  plan: PlanSummary;
  regions: CoverageRegion[];
  groups: Array<{ code: string; name: string; regionCodes: string[] }>;
  items: CoverageRow[];
  totals: Record<'items' | 'regions' | 'alignedItems' | 'coveredItems' | 'uncoveredItems', number>;
}
export interface CoverageOfItem {
  plan: PlanSummary;
  itemId: number;
  items: Array<ItemRef & { direct: boolean; viaItemId: number | null }>;
}

// 全文检索
export interface SearchHit {
  itemId: number;
  planId: number;
  planTitle: string;
  planStatus: PlanStatus;
  region: { code: string; name: string };
  year: number;
  number: string | null;
  heading: string;
  snippet: string;
  highlights: Array<{ start: number; length: number }>;
}
export interface SearchResult {
  tokens: string[];
  items: SearchHit[];
  nextCursor: string | null;
}

// 工作要点
export interface PlanQuery {
  regionCode?: string;
  year?: number | null;
  status?: PlanStatus | '';
  cursor?: string | null;
  limit?: number;
}
export const listPlans = (query: PlanQuery = {}) => get<Page<PlanSummary>>('/api/plans', { ...query });
export const getPlan = (id: number) => get<PlanDetail>(`/api/plans/${id}`);

export const previewText = (text: string) => post<PreviewResult>('/api/plans/preview', { text });
export function previewFile(file: File): Promise<PreviewResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<PreviewResult>('POST', '/api/plans/preview', { form });
}

export interface PlanCreateBody {
  regionCode: string;
  year: number;
  title: string;
  outline: PlanOutline;
  sourceText: string;
}
export const createPlan = (body: PlanCreateBody, idempotencyKey: string = newIdempotencyKey()) =>
  post<PlanDetail>('/api/plans', body, { idempotencyKey });

export const updateOutline = (id: number, version: number, body: { title?: string; outline: PlanOutline }) =>
  put<PlanDetail>(`/api/plans/${id}/outline`, body, version);

export const getPlanItem = (id: number, itemId: number) =>
  get<PlanItemDetail>(`/api/plans/${id}/items/${itemId}`);
export const updatePlanItem = (
  id: number,
  itemId: number,
  version: number,
  body: { heading?: string; body?: string; lead?: string[]; cooperating?: string[] },
) => patch<PlanDetail>(`/api/plans/${id}/items/${itemId}`, body, version);

export const publishPlan = (id: number, version: number) =>
  request<PlanDetail>('POST', `/api/plans/${id}/publish`, { ifMatch: version });

// Newest first; keyset-paged (older servers answer every version with no nextCursor).
export const listVersions = (id: number, cursor?: string | null) =>
  get<{ items: PlanVersion[]; nextCursor?: string | null }>(`/api/plans/${id}/versions`, {
    cursor,
    limit: 50,
  });
export const restoreVersion = (id: number, no: number, version: number) =>
  request<PlanDetail>('POST', `/api/plans/${id}/versions/${no}/restore`, { ifMatch: version });

// 单位关键词
export const getUnitKeywords = () => get<UnitKeywords>('/api/plans/unit-keywords');
export const saveUnitKeywords = (version: number, keywords: UnitKeyword[]) =>
  put<UnitKeywords>('/api/plans/unit-keywords', { keywords }, version);

// 对比、对应、覆盖、检索
export const comparePlans = (left: number, right: number) =>
  get<CompareResult>('/api/plans/compare', { left, right });
export const getAlignmentSuggestions = (id: number, itemId: number) =>
  get<{ items: AlignmentSuggestion[] }>(`/api/plans/${id}/items/${itemId}/alignment-suggestions`);
// targetItemId null removes the alignment. If-Match is the plan's version (the change makes a new one).
export const setAlignment = (id: number, itemId: number, version: number, targetItemId: number | null) =>
  put<AlignmentResult>(`/api/plans/${id}/items/${itemId}/alignment`, { targetItemId }, version);
export const getCoverage = (id: number) => get<CoverageResult>(`/api/plans/${id}/coverage`);
export const getCoverageOfItem = (id: number, itemId: number, regionCode?: string) =>
  get<CoverageOfItem>(`/api/plans/${id}/coverage/${itemId}`, { regionCode });
export const searchPlans = (q: string, cursor?: string | null) =>
  get<SearchResult>('/api/plans/search', { q, cursor, limit: 20 });

// 修订、撤回、废止、历史版本
export const startRevision = (id: number, version: number) =>
  request<PlanDetail>('POST', `/api/plans/${id}/revision`, { ifMatch: version });
export const getRevisionChanges = (id: number) =>
  get<CompareResult & { linksLost: number }>(`/api/plans/${id}/revision-changes`);
export const discardRevision = (id: number, version: number) =>
  request<void>('DELETE', `/api/plans/${id}`, { ifMatch: version });
export const endPlan = (id: number, how: 'withdraw' | 'repeal', version: number, reason: string) =>
  request<PlanDetail>('POST', `/api/plans/${id}/${how}`, { ifMatch: version, body: { reason } });
export const getVersion = (id: number, no: number) =>
  get<PlanVersionDetail>(`/api/plans/${id}/versions/${no}`);
export const compareVersion = (id: number, no: number) =>
  get<Omit<CompareResult, 'left' | 'right'> & { version: PlanVersion; current: PlanSummary }>(
    `/api/plans/${id}/versions/${no}/compare`,
  );
