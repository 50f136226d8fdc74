// Demo plans: the example 2022 provincial plan (山东省, 370000) and short 2022 plans of 济南市 (370100)
// and 历下区 (370102) whose items align upwards, so compare, alignment and coverage have something to
// show. Created and published by the demo staff account; each alignment takes the best suggestion.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { permissionsOf } from '../../core/access/roles.ts';
import type { Services } from '../../core/services.ts';
import { parsePlan, type PlanNode } from './parser/index.ts';
import { setItemAlignment, suggestAlignment } from './plan.alignment.ts';
import { createPlan, publishPlan } from './plan.service.ts';

export const DEMO_PLAN_FILE = path.join(
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

async function demoStaff(s: Services): Promise<RequestContext> {
  const user = await s.db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'unit_id', 'region_code'])
    .where('username', '=', 'staff')
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: ['staff'],
    permissions: permissionsOf(['staff']),
    scope: { kind: 'region', regionPath: '370000' },
    unitId: user.unit_id,
    regionCode: user.region_code,
    sessionId: 'demo-seed',
  };
  return { actor, ip: '127.0.0.1', requestId: 'demo-seed' };
}

async function publishNew(
  s: Services,
  ctx: RequestContext,
  regionCode: string,
  title: string,
  nodes: PlanNode[],
  sourceText = '',
) {
  const outline = { ...parsePlan(''), title, year: 2022, nodes };
  const draft = await createPlan(s, ctx, { regionCode, year: 2022, title, outline, sourceText });
  return publishPlan(s, ctx, draft.id, draft.version);
}

async function alignToBestSuggestion(
  s: Services,
  ctx: RequestContext,
  plan: { id: number; items: Array<{ id: number; children: Array<{ id: number }> }> },
) {
  const ids = plan.items.flatMap((i) => [i.id, ...i.children.map((c) => c.id)]);
  for (const itemId of ids) {
    const [best] = (await suggestAlignment(s, ctx, plan.id, itemId)).items;
    if (best && best.score >= MIN_SCORE)
      await setItemAlignment(s, ctx, { planId: plan.id, itemId }, best.itemId);
  }
}

/** Seeds the demo plans once (after seedDemoWorkspace); does nothing when a 2022 provincial plan exists. */
export async function seedDemoPlans(s: Services): Promise<void> {
  const existing = await s.db.kysely
    .selectFrom('plans')
    .select('id')
    .where('region_code', '=', '370000')
    .where('year', '=', 2022)
    .executeTakeFirst();
  if (existing) return;
  const ctx = await demoStaff(s);
  const text = fs.readFileSync(DEMO_PLAN_FILE, 'utf8');
  const outline = parsePlan(text);
  const draft = await createPlan(s, ctx, {
    regionCode: '370000',
    year: 2022,
    title: outline.title,
    outline,
    sourceText: text,
  });
  await publishPlan(s, ctx, draft.id, draft.version);
  const city = await publishNew(s, ctx, '370100', '济南市2022年统战工作要点', CITY_NODES);
  await alignToBestSuggestion(s, ctx, city);
  const county = await publishNew(s, ctx, '370102', '历下区2022年统战工作要点', COUNTY_NODES);
  await alignToBestSuggestion(s, ctx, county);
}
