// The item tree of a plan: validation, flattening into rows (pre-order) and rebuilding from rows.
import { appError } from '../../core/errors.ts';
import type { PlanItemRow } from '../../db/schema.ts';

export const MAX_DEPTH = 5;
export const MAX_NODES = 2000;

export interface ProposedTask {
  text: string;
  suggestedLead: string | null;
}

/** One node of an outline as clients send it; `id` names an existing item to keep. */
export interface OutlineNode {
  id?: number | undefined;
  number: string | null;
  heading: string;
  body: string;
  lead: string[];
  cooperating: string[];
  brandActivities: string[];
  proposedTasks: ProposedTask[];
  children: OutlineNode[];
}

export interface FlatNode {
  node: OutlineNode;
  /** Index in pre-order; also the key the children use to name their parent. */
  ord: number;
  parentOrd: number | null;
  position: number;
  depth: number;
}

/** Checks the rules a saved tree must keep: depth, size, text on every node, ids used once. */
export function validateTree(nodes: readonly OutlineNode[]): void {
  const seen = new Set<number>();
  let count = 0;
  const visit = (list: readonly OutlineNode[], depth: number, path: string): void => {
    list.forEach((node, i) => {
      const where = `${path}${i + 1}`;
      if (depth > MAX_DEPTH) invalid(`条目层级不能超过 ${MAX_DEPTH} 级（第 ${where} 条）`);
      if (++count > MAX_NODES) invalid(`条目不能超过 ${MAX_NODES} 个`);
      if (!node.heading.trim() && !node.body.trim()) invalid(`第 ${where} 条的标题和正文不能都为空`);
      if (node.id !== undefined) {
        if (seen.has(node.id)) invalid(`条目编号 ${node.id} 重复出现`);
        seen.add(node.id);
      }
      visit(node.children, depth + 1, `${where}.`);
    });
  };
  visit(nodes, 1, '');
}

function invalid(message: string): never {
  throw appError('PLAN_TREE_INVALID', message);
}

export function flattenTree(nodes: readonly OutlineNode[]): FlatNode[] {
  const out: FlatNode[] = [];
  const visit = (list: readonly OutlineNode[], parentOrd: number | null, depth: number): void => {
    list.forEach((node, position) => {
      const ord = out.length;
      out.push({ node, ord, parentOrd, position, depth });
      visit(node.children, ord, depth + 1);
    });
  };
  visit(nodes, null, 1);
  return out;
}

export function countNodes(nodes: readonly OutlineNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}

/** Drops ids that `keep` rejects (a restored version naming items deleted since). */
export function withIds(nodes: readonly OutlineNode[], keep: (id: number) => boolean): OutlineNode[] {
  return nodes.map((n) => ({
    ...n,
    id: n.id !== undefined && keep(n.id) ? n.id : undefined,
    children: withIds(n.children, keep),
  }));
}

export interface PlanItemNode extends Required<Omit<OutlineNode, 'children'>> {
  alignedTo: { itemId: number; alignedAt: string | null } | null;
  children: PlanItemNode[];
}

function parseList<T>(json: string): T[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
}

export function itemRowToNode(row: PlanItemRow): PlanItemNode {
  return {
    id: row.id,
    number: row.number,
    heading: row.heading,
    body: row.body,
    lead: parseList<string>(row.lead),
    cooperating: parseList<string>(row.cooperating),
    brandActivities: parseList<string>(row.brand_activities),
    proposedTasks: parseList<ProposedTask>(row.proposed_tasks),
    alignedTo: row.aligned_to === null ? null : { itemId: row.aligned_to, alignedAt: row.aligned_at },
    children: [],
  };
}

/** Rows in pre-order (`ord`) → the item tree. */
export function buildTree(rows: readonly PlanItemRow[]): PlanItemNode[] {
  const byId = new Map<number, PlanItemNode>();
  const roots: PlanItemNode[] = [];
  for (const row of [...rows].sort((a, b) => a.ord - b.ord)) {
    const node = itemRowToNode(row);
    byId.set(row.id, node);
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** An item tree as an outline (ids kept, alignment dropped): what a version stores. */
export function treeToOutlineNodes(nodes: readonly PlanItemNode[]): OutlineNode[] {
  return nodes.map(({ alignedTo: _alignedTo, children, ...rest }) => ({
    ...rest,
    children: treeToOutlineNodes(children),
  }));
}
