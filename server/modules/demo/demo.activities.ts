// 品牌活动 in the demo: the brands of the demo plan imported, and a year of events of 港澳山东千人行 and
// the other brands, organised by the province's office and two cities, held and reviewed, with signed
// projects (money in 万元, follow-up dates), talents, enterprises and villages — all through the services.
import type { Services } from '../../core/services.ts';
import { createEvent, createOutcome, findEvent, importBrands, transitionEvent } from '../activities/index.ts';
import type { DemoPeople } from './demo.people.ts';

interface Plan {
  planId: number;
}

type Outcome = Parameters<typeof createOutcome>[3];

const PROJECTS: [string, string, string, string][] = [
  ['高端装备产业园', '香港某控股集团', '52000', '370100'],
  ['跨境电商物流中心', '澳门某投资公司', '8600.5', '370200'],
  ['生物医药研发基地', '香港某医药公司', '23000', '370100'],
  ['现代海洋牧场', '澳门某渔业集团', '4100', '370200'],
];

export async function seedDemoActivities(s: Services, people: DemoPeople, plan: Plan, year: number) {
  const staff = people.ctx('staff');
  const { brands } = await importBrands(s, staff, plan.planId);
  if (!brands.length) return 0;
  const main = brands.find((b) => b.name === '港澳山东千人行') ?? brands[0]!;
  const office = people.unitId('办公室');
  const pad = (n: number) => String(n).padStart(2, '0');
  let events = 0;
  for (let month = 3; month <= 11; month += 2) {
    const brand = month % 4 === 1 ? main : (brands[(month >> 1) % brands.length] ?? main);
    const day = `${year}-${pad(month)}-15`;
    const e = await createEvent(s, staff, {
      name: `${year}年${brand.name}（${month}月）`,
      brandId: brand.id,
      // A brand named in two items (港澳山东千人行) leaves the choice to the organiser: its first item.
      planItemId: brand.planItems[0]?.id ?? null,
      startDate: day,
      endDate: day,
      placeRegionCode: month % 3 === 0 ? '370200' : '370100',
      address: month % 3 === 0 ? '青岛国际会议中心' : '济南舜耕山庄',
      organiserUnitId: office,
      participants: [
        { kind: 'enterprise', name: '港澳企业家代表', count: 30 + month },
        { kind: 'association', name: '港澳社团', count: 5 },
      ],
      agenda: '开幕、项目推介、签约仪式、座谈交流',
    });
    events++;
    let row = (await findEvent(s.db.kysely, e.id))!;
    for (const to of ['preparing', 'held'] as const) {
      await transitionEvent(s, staff, row, row.version, { to });
      row = (await findEvent(s.db.kysely, e.id))!;
    }
    const [name, enterprise, amountWan, regionCode] = PROJECTS[(month >> 1) % PROJECTS.length]!;
    const outcomes: Outcome[] = [
      {
        kind: 'project',
        name,
        enterprise,
        amountWan,
        regionCode,
        stage: '正式合同',
        followUps: [
          { kind: 'start', dueDate: `${year}-${pad(Math.min(month + 2, 12))}-01` },
          { kind: 'funding', dueDate: `${year}-12-20` },
        ],
      },
      { kind: 'talents', name: '高层次人才', quantity: 3 + (month % 5) },
      { kind: 'enterprises_in', name: '港澳企业', quantity: 2 },
      { kind: 'villages', name: '结对帮扶村', quantity: month % 3 === 0 ? 4 : 1 },
    ];
    for (const o of outcomes) await createOutcome(s, staff, row, o);
    if (month <= 9) {
      row = (await findEvent(s.db.kysely, e.id))!;
      await transitionEvent(s, staff, row, row.version, {
        to: 'reviewed',
        review: '项目对接精准，签约落地快；下一次提前一个月发布项目清单，邀请更多县区参加。',
      });
    }
  }
  return events;
}
