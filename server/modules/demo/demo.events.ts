// The demo year's events besides tasks and reports (demo.script.ts): a cancellation, adjustments,
// completions, a reminder, and when the accounts last read their inbox. Dates as in demo.script.ts.
import type { When } from './demo.script.ts';

export type EventSpec =
  | { on: When; task: string; do: 'requestCompletion'; summary: string }
  | { on: When; task: string; do: 'confirmCompletion' }
  | { on: When; task: string; do: 'cancel'; reason: string }
  | { on: When; task: string; do: 'adjust'; dueDate: string; reason: string }
  | { on: When; task: string; do: 'decideAdjustment'; approve: boolean; comment: string }
  | { on: When; do: 'remind'; by: string }
  | { on: When; do: 'readInbox'; by: string[] };

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
  // What came before stays read; the last weeks' messages wait, unread.
  {
    on: -60,
    do: 'readInbox',
    by: ['staff', 'zhoumin', 'handler', 'jinan_staff', 'lixia_staff', 'qingdao_staff'],
  },
];
