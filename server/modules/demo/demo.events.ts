// The demo year's events besides tasks and reports (demo.script.ts): a cancellation, adjustments,
// completions, a reminder, when the accounts last read their inbox, and supervision (督办单, 批示, 督办通报:
// demo.supervision.ts). Dates as in demo.script.ts.
import type { When } from './demo.script.ts';
import type { SupervisionEvent } from './demo.supervision.ts';

export type EventSpec =
  | { on: When; task: string; do: 'requestCompletion'; summary: string }
  | { on: When; task: string; do: 'confirmCompletion' }
  | { on: When; task: string; do: 'cancel'; reason: string }
  | { on: When; task: string; do: 'adjust'; dueDate: string; reason: string }
  | { on: When; task: string; do: 'decideAdjustment'; approve: boolean; comment: string }
  | { on: When; do: 'remind'; by: string }
  | { on: When; do: 'readInbox'; by: string[] }
  | ({ on: When } & SupervisionEvent);

export const EVENTS: EventSpec[] = [
  { on: '04-20', task: 'risks', do: 'cancel', reason: '并入“维护统一战线领域安全稳定”专项工作统一推进' },
  {
    on: '05-12',
    task: 'business',
    do: 'adjust',
    dueDate: '12-31',
    reason: '企业反映问题集中在下半年办结，申请将完成时限延至年底',
  },
  { on: '05-14', task: 'business', do: 'decideAdjustment', approve: true, comment: '同意' },
  {
    on: '09-25',
    task: 'yellowriver',
    do: 'requestCompletion',
    summary: '活动已于 9 月中旬举办，42 家海外华文媒体参加，发稿 300 余篇。',
  },
  { on: '09-28', task: 'yellowriver', do: 'confirmCompletion' },
  {
    on: -14,
    task: 'ethnic',
    do: 'adjust',
    dueDate: '12-31',
    reason: '示范单位命名需待省民族宗教委年底集中审定，申请按原时限在审定后办结',
  },
  {
    on: -9,
    task: 'innovation',
    do: 'adjust',
    dueDate: '12-31',
    reason: '年度研发投入统计数据 12 月中旬才能发布，申请将完成时限延至年底',
  },
  { on: -4, do: 'remind', by: 'zhoumin' },
  {
    on: -5,
    task: 'hkmacao',
    do: 'requestCompletion',
    summary: '全年组织 6 批港澳青年来鲁交流，参加人士 1060 人次，总结评估已完成。',
  },
  {
    on: -2,
    task: 'specialised',
    do: 'requestCompletion',
    summary: '引进“专精特新”企业 68 家，两场对接洽谈活动均已举办。',
  },
  // A 重点 督办单 on 烟台's lagging village task: signed, answered with measures, accepted (整改中).
  {
    on: -24,
    task: 'villages-yantai',
    do: 'notice',
    key: 'yantai',
    level: 'key',
    reason: '烟台市“千企兴千村”工作进度明显滞后于序时进度，连续两期完成比例不足一半。',
    requirements: '请于五个工作日内分析滞后原因，提出整改措施和整改时限，并按期报告整改完成情况。',
  },
  { on: -23, do: 'signNotice', notice: 'yantai' },
  {
    on: -21,
    do: 'respondNotice',
    notice: 'yantai',
    measures: '成立工作专班，逐村对接帮扶企业；每周调度进度，月底前完成剩余 40 个村的结对。',
    fixInWorkingDays: 20,
  },
  { on: -20, do: 'acceptNotice', notice: 'yantai' },
  // A leader's 批办 on the innovation task, which the 发改委 reported back on (staff have yet to confirm).
  {
    on: -12,
    task: 'innovation',
    do: 'instruct',
    key: 'innovation',
    by: 'leader',
    kind: 'act',
    text: '请发改委会同工信厅梳理“专精特新”企业研发投入情况，年底前拿出梯度培育的具体举措并报告。',
  },
  {
    on: -9,
    do: 'followUp',
    instruction: 'innovation',
    text: '已会同省工信厅梳理 312 家“专精特新”企业研发投入情况，梯度培育措施已形成初稿，12 月上旬报部审定。',
  },
  // A 一般 督办单 just issued on the same task, whose reports keep coming in late: waiting to be signed.
  {
    on: -3,
    task: 'innovation',
    do: 'notice',
    key: 'innovation-late',
    level: 'general',
    reason: '本年度已有两期进度报告逾期报送，影响全省进度汇总。',
    requirements: '请说明逾期原因，明确专人负责，今后按期报送。',
  },
  // Last month's 督办通报 of the province, issued and sent to the units.
  { on: -1, do: 'bulletin', by: 'staff' },
  // What came before stays read; the last weeks' messages wait, unread.
  {
    on: -60,
    do: 'readInbox',
    by: ['staff', 'zhoumin', 'handler', 'jinan_staff', 'lixia_staff', 'qingdao_staff'],
  },
];
