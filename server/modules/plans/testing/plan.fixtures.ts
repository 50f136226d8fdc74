// Helpers for the plans API tests: the example plan, small outlines, and calls that must succeed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Agent } from '../../../../test/app.ts';
import { parsePlan, type PlanNode, type PlanOutline } from '../import/parser/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const EXAMPLE_FILE = path.join(here, '..', 'demo', '2022-province-united-front-key-points.txt');
export const exampleText = () => fs.readFileSync(EXAMPLE_FILE, 'utf8');

export interface ItemOut {
  id: number;
  number: string | null;
  heading: string;
  body: string;
  lead: string[];
  cooperating: string[];
  brandActivities: string[];
  proposedTasks: Array<{ text: string; suggestedLead: string | null }>;
  alignedTo: { itemId: number } | null;
  children: ItemOut[];
}
export interface PlanOut {
  id: number;
  version: number;
  status: string;
  title: string;
  year: number;
  itemCount: number;
  items: ItemOut[];
  removed: string[];
  warnings: unknown[];
}

export function node(heading: string, body = '', children: PlanNode[] = []): PlanNode {
  return {
    number: null,
    heading,
    body,
    children,
    lead: [],
    cooperating: [],
    brandActivities: [],
    proposedTasks: [],
  };
}

export function outlineOf(title: string, year: number, nodes: PlanNode[]): PlanOutline {
  return { title, year, preamble: '', closing: '', nodes, brandActivities: [], removed: [], warnings: [] };
}

/** Creates a draft through the API and returns it. */
export async function createDraft(
  agent: Agent,
  input: { regionCode: string; year: number; title: string; outline: PlanOutline; sourceText?: string },
): Promise<PlanOut> {
  const res = await agent.post('/api/plans', { sourceText: '', ...input });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<PlanOut>();
}

export async function publish(agent: Agent, plan: { id: number; version: number }): Promise<PlanOut> {
  const res = await agent.request({
    method: 'POST',
    url: `/api/plans/${plan.id}/publish`,
    ifMatch: plan.version,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlanOut>();
}

export async function importExample(agent: Agent, regionCode = '370000'): Promise<PlanOut> {
  const text = exampleText();
  const outline = parsePlan(text);
  return createDraft(agent, { regionCode, year: 2022, title: outline.title, outline, sourceText: text });
}

export function flatItems(items: readonly ItemOut[]): ItemOut[] {
  return items.flatMap((i) => [i, ...flatItems(i.children)]);
}

/** An API item tree as an outline to PUT back (ids kept, alignment dropped). */
type OutlineNodeOut = Omit<ItemOut, 'alignedTo' | 'children' | 'id'> & { id?: number; children: unknown[] };
export function toOutlineNodes(items: readonly ItemOut[]): OutlineNodeOut[] {
  return items.map(({ alignedTo: _a, children, ...rest }) => ({
    ...rest,
    children: toOutlineNodes(children),
  }));
}
