// The item tree of a plan: validation, flattening into rows (pre-order) and rebuilding from rows.
import { appError } from '../../core/errors.ts';
import type { PlanItemRow } from '../../db/schema.ts';

const MAX_DEPTH = 5;
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
  const empty: EmptyItem[] = [];
  let count = 0;
  const visit = (list: readonly OutlineNode[], depth: number, path: string): void => {
    list.forEach((node, i) => {
      const where = `${path}${i + 1}`;
      if (depth > MAX_DEPTH) invalid(`条目层级不能超过 ${MAX_DEPTH} 级（第 ${where} 条）`);
      if (++count > MAX_NODES) invalid(`条目不能超过 ${MAX_NODES} 个`);
      if (isBlank(node.heading) && isBlank(node.body))
        empty.push({ path: where, number: node.number, id: node.id ?? null });
      if (node.id !== undefined) {
        if (seen.has(node.id)) invalid(`条目编号 ${node.id} 重复出现`);
        seen.add(node.id);
      }
      visit(node.children, depth + 1, `${where}.`);
    });
  };
  visit(nodes, 1, '');
  refuseEmptyItems(empty);
}

/** An item with no heading and no body, named by its number and its path (1.2 = 2nd child of the 1st). */
export interface EmptyItem {
  path: string;
  number: string | null;
  id: number | null;
}

// Text with no letter or digit: nothing, spaces (also full-width and zero-width ones) or punctuation.
export function isBlank(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/** The items of a tree (as stored or as sent) that have neither heading nor body. */
export function emptyItemsOf(nodes: readonly OutlineNode[], path = ''): EmptyItem[] {
  return nodes.flatMap((node, i) => {
    const where = `${path}${i + 1}`;
    const own =
      isBlank(node.heading) && isBlank(node.body)
        ? [{ path: where, number: node.number, id: node.id ?? null }]
        : [];
    return [...own, ...emptyItemsOf(node.children, `${where}.`)];
  });
}

/** 400 PLAN_ITEM_EMPTY naming the first empty items in Chinese, all of them in details.items. */
export function refuseEmptyItems(empty: readonly EmptyItem[]): void {
  if (!empty.length) return;
  const named = empty.slice(0, 3).map(describeItem).join('、');
  const more = empty.length > 3 ? ` 等 ${empty.length} 个条目` : '';
  throw appError('PLAN_ITEM_EMPTY', `${named}${more}的标题和正文都为空：请填写内容或删除该条目`, {
    items: empty,
  });
}

/** An item's path in a tree (1.2 = the 2nd child of the 1st item), or undefined when it is not there. */
export function pathOfItem(nodes: readonly OutlineNode[], id: number, path = ''): string | undefined {
  for (const [i, node] of nodes.entries()) {
    const where = `${path}${i + 1}`;
    if (node.id === id) return where;
    const below = pathOfItem(node.children, id, `${where}.`);
    if (below) return below;
  }
  return undefined;
}

function describeItem(e: EmptyItem): string {
  return e.number?.trim() ? `第 ${e.path} 条（${e.number.trim()}）` : `第 ${e.path} 条`;
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

export function parseList<T>(json: string): T[] {
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
