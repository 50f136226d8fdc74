// Demo plans: the example 2022 provincial plan (山东省, 370000) and short 2022 plans of 济南市 (370100)
// and 历下区 (370102) whose items align upwards, so compare, alignment and coverage have something to
// show. Created, published and aligned by the system (audit rows without an actor, request id
// demo-seed), not by a demo account; each alignment takes the best suggestion.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import { parsePlan, type PlanNode, type PlanOutline } from './import/parser/index.ts';
import { findItemOfPlan, findItemWithPlan } from './item.repository.ts';
import { alignItem, alignmentSuggestions } from './alignment/alignment.service.ts';
import { findPlanById, findPlanIdOf } from './plan.repository.ts';
import { insertPlanWithTree, publishLoadedPlan } from './plan.service.ts';

type PlanDetail = Awaited<ReturnType<typeof publishLoadedPlan>>;

const DEMO_PLAN_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'demo',
  '2022-province-united-front-key-points.txt',
);

const leaf = (heading: string, body: string): PlanNode => ({
  number: null,
  heading,
  body,
  children: [],
  lead: [],
  cooperating: [],
  brandActivities: [],
  proposedTasks: [],
});
const section = (number: string, heading: string, children: PlanNode[]): PlanNode => ({
  ...leaf(heading, ''),
  number,
  children,
});

const CITY_NODES = [
  section('一', '把握一条主线', [
    leaf(
      '强化政治引领',
      '引导全市统战成员深学细悟笃行习近平新时代中国特色社会主义思想，深刻理解“两个确立”的决定性意义。',
    ),
    leaf('营造浓厚氛围', '组织好全市统一战线迎接党的二十大系列活动，营造喜迎二十大的浓厚氛围。'),
  ]),
  section('二', '服务全市发展大局', [
    leaf('助力乡村振兴', '擦亮“民主党派助力乡村振兴县区行”工作品牌，做深做实“万企兴万村”行动。'),
    leaf('民营经济统战工作', '健全完善政企沟通协商机制，推动构建亲清政商关系，促进民营经济健康发展。'),
    leaf('民族宗教工作', '不断铸牢中华民族共同体意识，深入推进民族团结进步创建。'),
  ]),
];

const COUNTY_NODES = [
  leaf('助力乡村振兴', '组织辖区民营企业参与“万企兴万村”行动，擦亮民主党派助力乡村振兴工作品牌。'),
  leaf('构建亲清政商关系', '完善政企沟通协商机制，推动构建亲清政商关系，服务民营经济健康发展。'),
];

const MIN_SCORE = 0.3;

const SYSTEM: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'demo-seed' };

// The services' scope checks need a signed-in actor; the seed calls the functions beneath them.
async function publishNew(
  s: Services,
  regionCode: string,
  title: string,
  outline: PlanOutline,
  sourceText = '',
  year = 2022,
): Promise<PlanDetail> {
  const draft = await insertPlanWithTree(s, SYSTEM, { regionCode, year, title, outline, sourceText });
  return publishLoadedPlan(s, SYSTEM, await loadPlan(s, draft.id), draft.version);
}

async function loadPlan(s: Services, id: number) {
  const plan = await findPlanById(s.db.kysely, id);
  if (!plan) throw new Error(`demo plan ${id} vanished`);
  return plan;
}

async function alignToBestSuggestion(s: Services, published: PlanDetail) {
  let version = published.version;
  const ids = published.items.flatMap((i) => [i.id, ...i.children.map((c) => c.id)]);
  for (const itemId of ids) {
    const plan = await loadPlan(s, published.id);
    const item = await findItemOfPlan(s.db.kysely, plan.id, itemId);
    if (!item) continue;
    const [best] = (await alignmentSuggestions(s, plan, item)).items;
    if (!best || best.score < MIN_SCORE) continue;
    const target = await findItemWithPlan(s.db.kysely, best.itemId);
    version = (await alignItem(s, SYSTEM, plan, itemId, version, target ?? null)).planVersion;
  }
}

const nodesOutline = (title: string, nodes: PlanNode[]): PlanOutline => ({
  ...parsePlan(''),
  title,
  year: 2022,
  nodes,
});

/** Seeds the demo plans once (after seedDemoWorkspace); does nothing when a 2022 provincial plan exists. */
export async function seedDemoPlans(s: Services): Promise<void> {
  if (await findPlanIdOf(s.db.kysely, '370000', 2022)) return;
  const text = fs.readFileSync(DEMO_PLAN_FILE, 'utf8');
  const outline = parsePlan(text);
  await publishNew(s, '370000', outline.title, outline, text);
  const cityTitle = '济南市2022年统战工作要点';
  const city = await publishNew(s, '370100', cityTitle, nodesOutline(cityTitle, CITY_NODES));
  await alignToBestSuggestion(s, city);
  const countyTitle = '历下区2022年统战工作要点';
  const county = await publishNew(s, '370102', countyTitle, nodesOutline(countyTitle, COUNTY_NODES));
  await alignToBestSuggestion(s, county);
}

/**
 * The example plan is anonymised: “XX” stands for the province (“港澳 XX 千人行”, “留学报国·智汇 XX”), typed
 * with stray spaces around it. The demo workspace is 山东省's, so its current-year copy names the province,
 * and the brands imported from it are the real ones (“港澳 XX 千人行” is “港澳山东千人行”, named again in
 * another item, so one brand holds both items and the demo's events).
 */
function namingTheProvince(text: string): string {
  return text.replace(/[ \t]*XX[ \t]*/g, '山东');
}

/**
 * The example provincial plan again, as a clearly labelled demo copy for `year` (title ending “（演示）”),
 * so the demo's tasks and reports can live in the current year (modules/demo). Returns its items, each
 * with its heading. Does nothing (null) when the province already has a plan for that year.
 */
export async function seedDemoPlanCopy(
  s: Services,
  year: number,
): Promise<{ planId: number; items: { id: number; heading: string }[] } | null> {
  if (await findPlanIdOf(s.db.kysely, '370000', year)) return null;
  const text = namingTheProvince(fs.readFileSync(DEMO_PLAN_FILE, 'utf8'));
  const parsed = parsePlan(text);
  const title = `${parsed.title.replace(/^\d{4}年/, '')}`;
  const outline = { ...parsed, year, title: `${year}年${title}（演示）` };
  const plan = await publishNew(s, '370000', outline.title, outline, text, year);
  const flat = (items: PlanDetail['items']): { id: number; heading: string }[] =>
    items.flatMap((i) => [{ id: i.id, heading: i.heading }, ...flat(i.children)]);
  return { planId: plan.id, items: flat(plan.items) };
}
