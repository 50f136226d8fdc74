// The contacts directory of the demo workspace (issue 9 §6), kept through the contacts' own services as
// staff and a party committee's submitter would: the 民主党派 committees and 省工商联 (linked to their units,
// so their submitters see their own), two cities' 工商联, enterprises with their 工商联, and their people.
// Every phone number (138 0000 xxxx) and address (@example.com, reserved for examples) is made up.
import type { RequestContext } from '../../core/access/actor.ts';
import type { Services } from '../../core/services.ts';
import { dayOf, plusDays } from './demo.calendar.ts';
import { createContact, createOrganisation } from '../contacts/index.ts';
import { PARTY_COMMITTEES } from './demo.data.ts';
import type { DemoPeople } from './demo.people.ts';

type Person = readonly [name: string, title: string, phone: string | null, email: string | null];

// The people of the committees' offices, by committee.
const COMMITTEE_PEOPLE: Record<string, readonly Person[]> = {
  民革山东省委会: [['赵文华', '秘书长', '13800000101', 'zhaowenhua@example.com']],
  民盟山东省委会: [
    ['陈静', '参政议政部部长', '13800000201', 'chenjing@example.com'],
    ['林海涛', '组织部干事', '13800000202', null],
    ['许晓燕', '宣传部副部长', null, 'xuxiaoyan@example.com'],
  ],
  民建山东省委会: [['孟凡清', '秘书长', '13800000301', 'mengfanqing@example.com']],
  民进山东省委会: [['韩雪梅', '办公室主任', '13800000401', null]],
  农工党山东省委会: [['邓立军', '参政议政处处长', '13800000501', 'denglijun@example.com']],
  致公党山东省委会: [['程思远', '联络部部长', '13800000601', null]],
  九三学社山东省委会: [['宋志刚', '秘书长', '13800000701', 'songzhigang@example.com']],
  台盟山东省委会: [['吕佳宁', '办公室主任', '13800000801', null]],
  山东省工商业联合会: [
    ['杜海峰', '会员部部长', '13800000901', 'duhaifeng@example.com'],
    ['秦悦', '权益保护部干事', '13800000902', null],
  ],
};

export interface DemoContacts {
  /** The person of the enterprise whose appeal the demo records (demo.cases.ts). */
  appealContactId: number;
  /** 山东省工商业联合会 in the directory: the 万企兴万村 enterprises' 工商联 (demo.pairings.ts). */
  provincialFederationId: number;
}

export async function seedDemoContacts(s: Services, people: DemoPeople): Promise<DemoContacts> {
  const staff = people.ctx('staff');
  const jinan = people.ctx('jinan_staff');
  const qingdao = people.ctx('qingdao_staff');
  const person = (ctx: RequestContext, organisationId: number, [name, title, phone, email]: Person) =>
    createContact(s, ctx, {
      organisationId,
      name,
      title,
      phone,
      email,
      // Committee offices are held for the department's duties; enterprise people by their consent.
      legalBasis: 'duty',
    });
  const consenting = (ctx: RequestContext, organisationId: number, p: Person, consentOn: string) =>
    createContact(s, ctx, {
      organisationId,
      name: p[0],
      title: p[1],
      phone: p[2],
      email: p[3],
      legalBasis: 'consent',
      consentOn,
    });

  // Consent was given some weeks before the demo's today (the history's last day).
  const weeksAgo = (weeks: number) => plusDays(dayOf(s.clock.now()), -7 * weeks);
  const ids: Record<string, number> = {};
  for (const [name, kind] of PARTY_COMMITTEES) {
    const org = await createOrganisation(s, staff, {
      regionCode: '370000',
      kind,
      name,
      unitId: people.unitId(name),
    });
    ids[name] = org.id;
    for (const p of COMMITTEE_PEOPLE[name] ?? []) await person(staff, org.id, p);
  }

  const jinanFederation = await createOrganisation(s, jinan, {
    regionCode: '370100',
    kind: 'federation',
    name: '济南市工商业联合会',
  });
  await person(jinan, jinanFederation.id, [
    '王立平',
    '经济服务部部长',
    '13800001001',
    'wangliping@example.com',
  ]);
  const qingdaoFederation = await createOrganisation(s, qingdao, {
    regionCode: '370200',
    kind: 'federation',
    name: '青岛市工商业联合会',
  });
  await person(qingdao, qingdaoFederation.id, ['曲晓东', '会员服务部部长', '13800001101', null]);

  const enterprise = (ctx: RequestContext, regionCode: string, name: string, federationId: number) =>
    createOrganisation(s, ctx, { regionCode, kind: 'enterprise', name, federationId });
  const materials = await enterprise(staff, '370000', '山东某新材料有限公司', ids['山东省工商业联合会']!);
  const appealContact = await consenting(
    staff,
    materials.id,
    ['孙建华', '行政总监', '13800002001', 'sunjianhua@example.com'],
    weeksAgo(20),
  );
  const equipment = await enterprise(jinan, '370100', '济南某智能装备有限公司', jinanFederation.id);
  await consenting(
    jinan,
    equipment.id,
    ['田宇', '总经理', '13800002101', 'tianyu@example.com'],
    weeksAgo(12),
  );
  await consenting(jinan, equipment.id, ['郭倩', '办公室主任', '13800002102', null], weeksAgo(12));
  const food = await enterprise(qingdao, '370200', '青岛某海洋食品有限公司', qingdaoFederation.id);
  await consenting(
    qingdao,
    food.id,
    ['姜涛', '董事长助理', '13800002201', 'jiangtao@example.com'],
    weeksAgo(6),
  );
  return { appealContactId: appealContact.id, provincialFederationId: ids['山东省工商业联合会']! };
}
