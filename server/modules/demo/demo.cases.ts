// Cases in the demo workspace (issue 9), at different stages, made through the cases' own services as
// the people would: 民盟's proposals waiting for review, being handled by 省发展改革委 and answered
// awaiting its rating; an enterprise appeal assigned to 省发展改革委; 历下区's request to 济南市.
import type { Services } from '../../core/services.ts';
import { createCase, createMeeting, takeAction } from '../cases/index.ts';
import type { DemoContacts } from './demo.contacts.ts';
import type { DemoPeople } from './demo.people.ts';

const proposal = (title: string, topic: string) => ({
  type: 'proposal' as const,
  title,
  content: {
    situation: `${topic}是我省高质量发展中群众和企业反映较多的问题。`,
    analysis: '相关政策分散在多个部门，落实中存在衔接不畅、信息不对称的情况。',
    suggestions: '建议由牵头部门统筹，建立清单化推进机制，定期向社会公布进展。',
    attachmentIds: [],
  },
});

export async function seedDemoCases(
  s: Services,
  people: DemoPeople,
  contacts: DemoContacts,
): Promise<number> {
  const submitter = people.ctx('submitter');
  const staff = people.ctx('staff');
  const handler = people.ctx('handler');
  const ndrc = people.unitId('山东省发展和改革委员会');

  // Waiting for staff to review (立案).
  await takeAction(
    s,
    submitter,
    (await createCase(s, submitter, proposal('关于完善民营企业融资服务的建议', '民营企业融资难'))).id,
    'submit',
  );

  // Accepted, marked 重点 and forwarded: 省发展改革委 has it to answer.
  const forwarded = (await createCase(s, submitter, proposal('关于推进数字乡村建设的建议', '数字乡村建设')))
    .id;
  await takeAction(s, submitter, forwarded, 'submit');
  await takeAction(s, staff, forwarded, 'accept');
  await takeAction(s, staff, forwarded, 'mark_key');
  await takeAction(s, staff, forwarded, 'forward', { leadUnitId: ndrc, cooperatingUnitIds: [] });

  // Answered: 民盟 is asked to rate it.
  const answered = (
    await createCase(s, submitter, proposal('关于加强基层医疗服务能力的建议', '基层医疗服务'))
  ).id;
  await takeAction(s, submitter, answered, 'submit');
  await takeAction(s, staff, answered, 'accept');
  await takeAction(s, staff, answered, 'forward', { leadUnitId: ndrc, cooperatingUnitIds: [] });
  await takeAction(s, handler, answered, 'answer', {
    letter: '感谢贵委会的建议。我委已会同有关部门制定基层医疗服务能力提升方案，列入明年重点工作。',
    category: 'planned',
    attachmentIds: [],
  });

  // An enterprise's appeal recorded by staff, assigned to 省发展改革委.
  const appeal = (
    await createCase(s, staff, {
      type: 'appeal',
      title: '企业新建厂房用电报装周期长',
      content: {
        kind: 'coordination',
        channel: 'visit',
        enterprise: '山东某新材料有限公司',
        // Its person in the contacts directory, whom the open appeal keeps from deletion.
        contactId: contacts.appealContactId,
        content: '企业新建厂房申请用电报装已两个月，影响投产。',
        attachmentIds: [],
      },
    })
  ).id;
  await takeAction(s, staff, appeal, 'submit');
  await takeAction(s, staff, appeal, 'forward', { leadUnitId: ndrc, cooperatingUnitIds: [] });

  // A 政企座谈会 with an appeal raised in it, waiting for staff to assign it.
  const meeting = await createMeeting(s, staff, {
    title: '全省民营企业家座谈会',
    // A week before the demo's today.
    heldOn: new Date(s.clock.now().getTime() - 7 * 86_400_000).toISOString().slice(0, 10),
    place: '省委统战部第一会议室',
    organiser: '省委统战部、省工商联',
    attendees: '山东某新材料有限公司\n山东某食品集团有限公司\n山东某智能装备有限公司',
  });
  const raised = (
    await createCase(s, staff, {
      type: 'appeal',
      title: '中小企业融资担保费率偏高',
      content: {
        kind: 'complaint',
        channel: 'meeting',
        meetingId: meeting.id,
        enterprise: '山东某食品集团有限公司',
        content: '座谈会上企业反映，政府性融资担保费率仍在 1.5% 左右，高于周边省份。',
        attachmentIds: [],
      },
    })
  ).id;
  await takeAction(s, staff, raised, 'submit');

  // 历下区 asks 济南市 for help.
  const request = (
    await createCase(s, people.ctx('lixia_staff'), {
      type: 'grassroots',
      title: '关于充实街道统战工作力量的请示',
      content: {
        need: 'staffing',
        content: '辖区街道统战委员多为兼职，难以承担新形势下的工作任务。',
        attachmentIds: [],
      },
    })
  ).id;
  await takeAction(s, people.ctx('lixia_staff'), request, 'submit');
  return 6;
}
