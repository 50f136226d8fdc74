// 万企兴万村 pairings in the demo workspace (issue 10 §2), entered through the pairings' own services: the
// provincial 工商联 of the contacts directory (demo.contacts.ts) with six member enterprises, its contact
// person 赵敏 (gsl_zhaomin, a submitter of 山东省工商业联合会 among the demo accounts printed at start with
// their one-time passwords: demo.seed.ts), pairings with villages across the province, most approved by
// staff, one returned, two waiting for review, and progress reported on several through the year.
import type { Actor, RequestContext } from '../../core/access/actor.ts';
import { permissionsOf } from '../../core/access/roles.ts';
import { toTimestamp } from '../../core/clock.ts';
import type { Services } from '../../core/services.ts';
import { createContact, createOrganisation } from '../contacts/index.ts';
import { createPairing, reportProgress, reviewPairing, findPairing } from '../pairings/index.ts';
import type { DemoPeople } from './demo.people.ts';

const FEDERATION_UNIT = '山东省工商业联合会';

const ENTERPRISES: ReadonlyArray<readonly [string, string]> = [
  ['山东鲁农现代农业集团有限公司', '370000'],
  ['济南泉城食品有限公司', '370100'],
  ['青岛海岸电子科技有限公司', '370200'],
  ['淄博齐鲁陶瓷有限公司', '370300'],
  ['烟台果都供应链有限公司', '370600'],
  ['山东惠民建设集团有限公司', '370000'],
];

type Type = 'industry' | 'employment' | 'consumption' | 'charity' | 'other';
// enterprise, village (a real 统计用区划代码), type, title, 万元, people, jobs, 增收 万元, what happens next.
const PAIRINGS: ReadonlyArray<
  readonly [number, string, Type, string, string, number, number, string, 'approve' | 'reject' | 'wait']
> = [
  [0, '370112007201', 'industry', '洪家园村设施蔬菜大棚', '260', 180, 45, '52.6', 'approve'],
  [0, '370124001201', 'consumption', '平阴玫瑰产品直采', '85.5', 320, 12, '38.25', 'approve'],
  [1, '370102001002', 'charity', '解放桥社区助老食堂', '18.8', 260, 6, '0', 'approve'],
  [1, '370112007202', 'employment', '卧牛山西村食品加工车间', '120', 95, 60, '41.4', 'approve'],
  [2, '370211001001', 'industry', '盐滩社区海洋牧场', '310', 140, 38, '66', 'approve'],
  [3, '370303001001', 'employment', '陶瓷技能培训与就业', '42.3', 75, 40, '20.1', 'reject'],
  [4, '370602001001', 'consumption', '苹果产销对接', '66', 210, 15, '29.75', 'approve'],
  [5, '370124001202', 'other', '村内道路硬化', '95.2', 400, 0, '0', 'wait'],
  [2, '370211001002', 'charity', '助学基金', '12', 60, 0, '0', 'wait'],
];

function addTwenty(wan: string): string {
  const [whole = '0', fraction] = wan.split('.');
  return `${Number(whole) + 20}${fraction ? `.${fraction}` : ''}`;
}

function contactCtx(userId: number, unitId: number): RequestContext {
  const actor: Actor = {
    userId,
    username: 'gsl_zhaomin',
    displayName: '赵敏',
    roles: ['submitter'],
    permissions: permissionsOf(['submitter']),
    scope: { kind: 'organisation', organisationId: unitId },
    unitId,
    regionCode: '370000',
    regionPath: '370000',
    sessionId: 'demo-seed',
  };
  return { actor, ip: '127.0.0.1', requestId: 'demo-seed' };
}

// The provincial 工商联 is the directory's own (demo.contacts.ts), linked to its unit.
export async function seedDemoPairings(
  s: Services,
  people: DemoPeople,
  year: number,
  federationId: number,
): Promise<number> {
  const staff = people.ctx('staff');
  const unitId = people.unitId(FEDERATION_UNIT);
  const enterprises: number[] = [];
  for (const [name, regionCode] of ENTERPRISES)
    enterprises.push(
      (
        await createOrganisation(s, staff, {
          regionCode,
          kind: 'enterprise',
          name,
          federationId,
        })
      ).id,
    );
  const contact = await createContact(s, staff, {
    organisationId: federationId,
    name: '赵敏',
    title: '会员部副部长',
    phone: '13800000903',
    legalBasis: 'duty',
  });
  // Her account is one of the printed demo accounts; here she acts in her 工商联's scope.
  const gsl = contactCtx(people.ctx('gsl_zhaomin').actor!.userId, unitId);

  let entered = 0;
  for (const [
    i,
    [e, villageCode, projectType, title, investedWan, people_, jobs, incomeWan, next],
  ] of PAIRINGS.entries()) {
    // The 工商联 enters most; staff enter a few themselves.
    const by = i % 3 === 2 ? staff : gsl;
    const p = await createPairing(s, by, {
      year,
      enterpriseId: enterprises[e]!,
      contactId: contact.id,
      villageCode,
      projectType,
      title,
      description: `${title}，由企业出资建设并带动村民增收。`,
      stage: 'ongoing',
      investedWan,
      incomeWan,
      peopleHelped: people_,
      jobsCreated: jobs,
      attachmentIds: [],
    });
    entered++;
    if (next === 'wait') continue;
    const reviewed = await reviewPairing(
      s,
      staff,
      (await findPairing(s.db.kysely, p.id))!,
      p.version,
      next === 'approve'
        ? { decision: 'approve' }
        : { decision: 'reject', reason: '带动就业人数与协议不一致，请核对后修改' },
    );
    // Half the approved ones report progress (today, at the end of the history): more money in, more people.
    if (next === 'approve' && i % 2 === 0)
      await reportProgress(s, gsl, (await findPairing(s.db.kysely, p.id))!, reviewed.version, {
        reportedOn: toTimestamp(s.clock.now()).slice(0, 10),
        note: '三季度项目按计划推进，新增投入已到位。',
        stage: i === 0 ? 'completed' : 'ongoing',
        // 20 万元 more, added as text (whole 万元 and the same decimals): no floating point.
        investedWan: addTwenty(investedWan),
        incomeWan,
        peopleHelped: people_ + 30,
        jobsCreated: jobs + 5,
        attachmentIds: [],
      });
  }
  return entered;
}
