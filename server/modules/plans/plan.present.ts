// Rows → API objects for plans. No column name crosses the HTTP boundary.
import type { PlanItemRow } from '../../db/schema.ts';
import type { PlanSummaryRow, PlanWithRegion } from './plan.repository.ts';
import { parseMeta, parseNotice, type OutlineMeta } from './plan.stored.ts';
import { buildTree } from './plan.tree.ts';

export function metaOf(outline: OutlineMeta): OutlineMeta {
  const { preamble, closing, brandActivities, removed, warnings } = outline;
  return { preamble, closing, brandActivities, removed, warnings };
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
    ...parseMeta(p.outline_meta, `plan ${p.id} outline parts`),
    notice: parseNotice(p.notice, `plan ${p.id} notice`),
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
