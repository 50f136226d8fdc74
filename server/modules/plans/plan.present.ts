// Rows → API objects for plans. No column name crosses the HTTP boundary.
import type { z } from 'zod';
import type { PlanItemRow } from '../../db/schema.ts';
import { planNoticeSchema } from './plan.schemas.ts';
import type { PlanSummaryRow, PlanWithRegion } from './plan.repository.ts';
import { buildTree } from './plan.tree.ts';

/** Outline parts kept with the plan besides its items (the current version's). */
export interface OutlineMeta {
  preamble: string;
  closing: string;
  brandActivities: string[];
  removed: string[];
  warnings: Array<{ message: string; offset: number }>;
}

export function parseMeta(json: string): OutlineMeta {
  const value = JSON.parse(json) as Partial<OutlineMeta>;
  return {
    preamble: value.preamble ?? '',
    closing: value.closing ?? '',
    brandActivities: value.brandActivities ?? [],
    removed: value.removed ?? [],
    warnings: value.warnings ?? [],
  };
}

export function metaOf(outline: OutlineMeta): OutlineMeta {
  const { preamble, closing, brandActivities, removed, warnings } = outline;
  return { preamble, closing, brandActivities, removed, warnings };
}

/** What readers of a plan are told about its last revision, withdrawal (撤回) or repeal (废止). */
export type PlanNotice = z.infer<typeof planNoticeSchema>;

function parseNotice(json: string | null): PlanNotice | null {
  return json === null ? null : planNoticeSchema.parse(JSON.parse(json));
}

export function planToSummary(p: PlanSummaryRow) {
  return {
    id: p.id,
    region: { code: p.region_code, name: p.region_name, level: p.region_level },
    year: p.year,
    title: p.title,
    status: p.status,
    version: p.version,
    itemCount: p.item_count,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    publishedAt: p.published_at,
    revisionOf: p.revision_of,
  };
}

/** The open revision of a published plan, as its readers who may see it are shown it. */
export interface RevisionRef {
  id: number;
  version: number;
  updatedAt: string;
}

export function planToDetail(p: PlanWithRegion, items: PlanItemRow[], revision: RevisionRef | null = null) {
  return {
    ...planToSummary(p),
    itemCount: items.length,
    ...parseMeta(p.outline_meta),
    sourceText: p.source_text,
    notice: parseNotice(p.notice),
    revision,
    items: buildTree(items),
  };
}

export function itemRef(row: {
  id: number;
  plan_id: number;
  number: string | null;
  heading: string;
  region_code: string;
  region_name: string;
  year: number;
  title: string;
}) {
  return {
    itemId: row.id,
    planId: row.plan_id,
    number: row.number,
    heading: row.heading,
    region: { code: row.region_code, name: row.region_name },
    year: row.year,
    planTitle: row.title,
  };
}
