import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type DueCalendar, addDays } from './dates.ts';
import { expectedReports } from './expected-reports.ts';
import { elapsedPercent, type HealthFacts, healthOf, type HealthReport } from './health.ts';
import { defaultHealthSettings, type HealthSettings, healthSettingsSchema } from './health.settings.ts';

// The task runs 100 days, 2026-01-01 → 2026-04-11, so on 2026-03-02 exactly 60% of its time has passed.
const facts = (over: Partial<HealthFacts> = {}): HealthFacts => ({
  status: 'accepted',
  startDate: '2026-01-01',
  dueDate: '2026-04-11',
  progress: 60,
  milestones: [],
  reports: [],
  ...over,
});
const febReport = (over: Partial<HealthReport> = {}): HealthReport => ({
  periodKey: '2026-02',
  dueDate: '2026-03-05',
  status: 'due',
  ...over,
});
const milestone = (dueDate: string, doneDate: string | null = null, title = '完成调研') => ({
  id: 1,
  title,
  dueDate,
  doneDate,
});

interface Case {
  name: string;
  facts: HealthFacts;
  today: string;
  settings?: Partial<HealthSettings>;
  colour: string;
  reasons: [string, string][];
}

const cases: Case[] = [
  // Pace (tasks without milestones)
  {
    name: 'progress keeps up with time',
    facts: facts(),
    today: '2026-03-02',
    colour: 'green',
    reasons: [['ON_TRACK', '进度 60%，时间已过 60%，进度正常']],
  },
  {
    name: 'behind, but within the margin',
    facts: facts({ progress: 45 }),
    today: '2026-03-02',
    colour: 'green',
    reasons: [['ON_TRACK', '进度 45%，时间已过 60%，落后 15 个百分点，在允许范围内']],
  },
  {
    name: 'behind by exactly the margin',
    facts: facts({ progress: 40 }),
    today: '2026-03-02',
    colour: 'yellow',
    reasons: [
      ['BEHIND_SCHEDULE', '进度 40%，时间已过 60%，落后 20 个百分点（落后 20 个百分点及以上亮黄灯）'],
    ],
  },
  {
    name: 'behind by 30 points',
    facts: facts({ progress: 30 }),
    today: '2026-03-02',
    colour: 'yellow',
    reasons: [
      ['BEHIND_SCHEDULE', '进度 30%，时间已过 60%，落后 30 个百分点（落后 20 个百分点及以上亮黄灯）'],
    ],
  },
  {
    name: 'a wider margin is a setting',
    facts: facts({ progress: 30 }),
    today: '2026-03-02',
    settings: { behindMargin: 40 },
    colour: 'green',
    reasons: [['ON_TRACK', '进度 30%，时间已过 60%，落后 30 个百分点，在允许范围内']],
  },
  {
    name: 'not started yet',
    facts: facts({ progress: 0 }),
    today: '2025-12-20',
    colour: 'green',
    reasons: [['NOT_STARTED', '任务将于 2026年1月1日 开始']],
  },
  {
    name: 'due today and nearly done',
    facts: facts({ progress: 90 }),
    today: '2026-04-11',
    colour: 'green',
    reasons: [['ON_TRACK', '进度 90%，时间已过 100%，落后 10 个百分点，在允许范围内']],
  },
  // The task's own due date
  {
    name: 'task overdue',
    facts: facts({ progress: 80 }),
    today: '2026-04-23',
    colour: 'red',
    reasons: [['TASK_OVERDUE', '任务已超过完成时限（2026年4月11日），逾期 12 天，当前进度 80%']],
  },
  {
    name: 'task overdue even at 100% until completion is requested',
    facts: facts({ progress: 100 }),
    today: '2026-04-12',
    colour: 'red',
    reasons: [['TASK_OVERDUE', '任务已超过完成时限（2026年4月11日），逾期 1 天，当前进度 100%']],
  },
  // Milestones
  {
    name: 'milestone overdue',
    facts: facts({ milestones: [milestone('2026-03-01')] }),
    today: '2026-03-06',
    colour: 'red',
    reasons: [['MILESTONE_OVERDUE', '里程碑“完成调研”应于 2026年3月1日 完成，已逾期 5 天，尚未完成']],
  },
  {
    name: 'milestone due soon',
    facts: facts({ milestones: [milestone('2026-03-05')] }),
    today: '2026-03-02',
    colour: 'yellow',
    reasons: [['MILESTONE_DUE_SOON', '里程碑“完成调研”将于 2026年3月5日 到期（还有 3 天），尚未完成']],
  },
  {
    name: 'milestone due today',
    facts: facts({ milestones: [milestone('2026-03-02')] }),
    today: '2026-03-02',
    colour: 'yellow',
    reasons: [['MILESTONE_DUE_SOON', '里程碑“完成调研”将于 2026年3月2日 到期（今天到期），尚未完成']],
  },
  {
    name: 'milestone further away than the warning days',
    facts: facts({ milestones: [milestone('2026-03-10')] }),
    today: '2026-03-02',
    colour: 'green',
    reasons: [['MILESTONES_ON_TRACK', '已完成里程碑 0/1 个，没有逾期的里程碑']],
  },
  {
    name: 'milestones set the pace instead of elapsed time',
    facts: facts({
      progress: 10,
      milestones: [milestone('2026-02-01', '2026-02-03'), milestone('2026-04-01', null, '形成方案')],
    }),
    today: '2026-03-02',
    colour: 'green',
    reasons: [['MILESTONES_ON_TRACK', '已完成里程碑 1/2 个，没有逾期的里程碑']],
  },
  // Reports
  {
    name: 'report due soon',
    facts: facts({ reports: [febReport()] }),
    today: '2026-03-02',
    colour: 'yellow',
    reasons: [['REPORT_DUE_SOON', '进度报告（2026年2月）将于 2026年3月5日 截止（还有 3 天），尚未报送']],
  },
  {
    name: 'report due, but not soon yet',
    facts: facts({ progress: 59, reports: [febReport()] }),
    today: '2026-03-01',
    colour: 'green',
    reasons: [['ON_TRACK', '进度 59%，时间已过 59%，进度正常']],
  },
  {
    name: 'report drafted but not submitted counts as not reported',
    facts: facts({ reports: [febReport({ status: 'draft', label: '2026年2月' })] }),
    today: '2026-03-05',
    colour: 'yellow',
    reasons: [['REPORT_DUE_SOON', '进度报告（2026年2月）将于 2026年3月5日 截止（今天到期），尚未报送']],
  },
  {
    name: 'report overdue within the grace days',
    facts: facts({ progress: 70, reports: [febReport()] }),
    today: '2026-03-07',
    colour: 'yellow',
    reasons: [
      [
        'REPORT_OVERDUE',
        '进度报告（2026年2月）已过截止日期（2026年3月5日）2 天，尚未报送；宽限期到 2026年3月10日，逾期将亮红灯',
      ],
    ],
  },
  {
    name: 'report missing after the grace days',
    facts: facts({ progress: 70, reports: [febReport()] }),
    today: '2026-03-11',
    colour: 'red',
    reasons: [
      ['REPORT_MISSING', '进度报告（2026年2月）逾期未报：截止 2026年3月5日，逾期 6 天，已过 5 天宽限期'],
    ],
  },
  {
    name: 'several reports missing read as one reason',
    facts: facts({
      startDate: '2025-10-01',
      progress: 90,
      reports: ['2025-10', '2025-11', '2025-12', '2026-01'].map((periodKey, i) =>
        febReport({ periodKey, dueDate: ['2025-11-05', '2025-12-05', '2026-01-05', '2026-02-05'][i]! }),
      ),
    }),
    today: '2026-03-02',
    colour: 'red',
    reasons: [
      [
        'REPORT_MISSING',
        '4 期进度报告逾期未报（均已过 5 天宽限期）：2025年10月（截止 2025年11月5日，逾期 117 天）、2025年11月（截止 2025年12月5日，逾期 87 天）、2025年12月（截止 2026年1月5日，逾期 56 天）等',
      ],
    ],
  },
  {
    name: 'submitted and accepted reports raise nothing',
    facts: facts({
      reports: [febReport({ status: 'submitted' }), febReport({ periodKey: '2026-01', status: 'accepted' })],
    }),
    today: '2026-03-20',
    colour: 'green',
    reasons: [['ON_TRACK', '进度 60%，时间已过 78%，落后 18 个百分点，在允许范围内']],
  },
  {
    name: 'returned report within its fixing days',
    facts: facts({
      reports: [febReport({ status: 'returned', returnedAt: '2026-03-03T10:00:00.000+08:00' })],
    }),
    today: '2026-03-05',
    colour: 'yellow',
    reasons: [
      [
        'REPORT_RETURNED',
        '进度报告（2026年2月）于 2026年3月3日 被退回，请于 2026年3月8日 前修改重报（还有 3 天）',
      ],
    ],
  },
  {
    name: 'returned report not fixed in time',
    facts: facts({
      progress: 70,
      reports: [febReport({ status: 'returned', returnedAt: '2026-03-03T10:00:00.000+08:00' })],
    }),
    today: '2026-03-09',
    colour: 'red',
    reasons: [
      [
        'REPORT_RETURNED_NOT_FIXED',
        '进度报告（2026年2月）于 2026年3月3日 被退回，已超过 5 天修改期限（2026年3月8日）仍未重报',
      ],
    ],
  },
  // Several at once: red reasons first, the colour is the worst
  {
    name: 'red and yellow together',
    facts: facts({
      progress: 30,
      milestones: [],
      reports: [febReport({ dueDate: '2026-02-20', periodKey: '2026-01' })],
    }),
    today: '2026-03-02',
    colour: 'red',
    reasons: [
      ['REPORT_MISSING', '进度报告（2026年1月）逾期未报：截止 2026年2月20日，逾期 10 天，已过 5 天宽限期'],
      ['BEHIND_SCHEDULE', '进度 30%，时间已过 60%，落后 30 个百分点（落后 20 个百分点及以上亮黄灯）'],
    ],
  },
  {
    name: 'an assigned task not yet signed for is judged the same way',
    facts: facts({ status: 'assigned', progress: 0 }),
    today: '2026-03-02',
    colour: 'yellow',
    reasons: [['BEHIND_SCHEDULE', '进度 0%，时间已过 60%，落后 60 个百分点（落后 20 个百分点及以上亮黄灯）']],
  },
  // No colour
  {
    name: 'draft',
    facts: facts({ status: 'draft' }),
    today: '2026-05-01',
    colour: 'none',
    reasons: [['DRAFT', '任务尚未下达，不亮灯']],
  },
  {
    name: 'completed',
    facts: facts({ status: 'completed' }),
    today: '2026-05-01',
    colour: 'none',
    reasons: [['COMPLETED', '任务已办结，不再亮灯']],
  },
  {
    name: 'cancelled',
    facts: facts({ status: 'cancelled' }),
    today: '2026-05-01',
    colour: 'none',
    reasons: [['CANCELLED', '任务已撤销，不再亮灯']],
  },
  // Completion requested: judged on the day it was requested
  {
    name: 'completion requested on time, awaiting confirmation past the due date',
    facts: facts({
      status: 'completion_requested',
      completionRequestedAt: '2026-04-10T16:00:00.000+08:00',
      reports: [febReport()],
    }),
    today: '2026-04-20',
    colour: 'green',
    reasons: [['COMPLETION_REQUESTED', '已于 2026年4月10日 按期申请办结，等待确认']],
  },
  {
    name: 'completion requested late',
    facts: facts({ status: 'completion_requested', completionRequestedAt: '2026-04-14T09:00:00.000+08:00' }),
    today: '2026-04-20',
    colour: 'red',
    reasons: [
      ['TASK_OVERDUE', '任务超过完成时限（2026年4月11日）3 天后才申请办结（2026年4月14日），等待确认'],
    ],
  },
];

describe('healthOf', () => {
  it.each(cases)('$name', ({ facts: f, today, settings, colour, reasons }) => {
    const result = healthOf(f, today, { ...defaultHealthSettings, ...settings });
    expect(result.reasons.map((r) => [r.code, r.message])).toEqual(reasons);
    expect(result.colour).toBe(colour);
  });

  it('lists red reasons before yellow ones and takes the worst colour', () => {
    const result = healthOf(
      facts({
        progress: 10,
        milestones: [milestone('2026-03-04', null, '形成方案'), milestone('2026-02-20')],
        reports: [febReport()],
      }),
      '2026-03-02',
      defaultHealthSettings,
    );
    expect(result.colour).toBe('red');
    expect(result.reasons.map((r) => [r.code, r.colour])).toEqual([
      ['MILESTONE_OVERDUE', 'red'],
      ['MILESTONE_DUE_SOON', 'yellow'],
      ['REPORT_DUE_SOON', 'yellow'],
    ]);
  });

  it('counts due dates through the calendar it is given', () => {
    // A calendar where "3 days" reach 6 days ahead: the report due in 5 days is already "soon".
    const slow: DueCalendar = { after: (date, days) => addDays(date, days * 2) };
    const f = facts({ reports: [febReport({ dueDate: '2026-03-07' })] });
    expect(healthOf(f, '2026-03-02', defaultHealthSettings).colour).toBe('green');
    expect(healthOf(f, '2026-03-02', defaultHealthSettings, slow).colour).toBe('yellow');
  });
});

describe('elapsedPercent', () => {
  it('is 0 before and on the start date, 100 on and after the due date, rounded down between', () => {
    expect(elapsedPercent('2026-01-01', '2026-04-11', '2025-12-01')).toBe(0);
    expect(elapsedPercent('2026-01-01', '2026-04-11', '2026-01-01')).toBe(0);
    expect(elapsedPercent('2026-01-01', '2026-01-04', '2026-01-02')).toBe(33);
    expect(elapsedPercent('2026-01-01', '2026-04-11', '2026-04-11')).toBe(100);
    expect(elapsedPercent('2026-01-01', '2026-01-01', '2026-01-01')).toBe(100);
  });
});

describe('expectedReports', () => {
  const task = { cycle: 'monthly' as const, startDate: '2026-01-01', dueDate: '2026-04-11', reportDay: 5 };

  it('adds a due entry for each period due by the warning horizon that has no row, keeping stored rows', () => {
    const rows: HealthReport[] = [
      { periodKey: '2026-01', dueDate: '2026-02-05', status: 'accepted' },
      { periodKey: '2025-12', dueDate: '2026-01-05', status: 'returned', returnedAt: '2026-01-06' },
    ];
    expect(expectedReports(task, rows, '2026-03-02', defaultHealthSettings)).toEqual([
      { periodKey: '2026-01', label: '2026年1月', dueDate: '2026-02-05', status: 'accepted' },
      { periodKey: '2026-02', label: '2026年2月', dueDate: '2026-03-05', status: 'due' },
      { periodKey: '2025-12', dueDate: '2026-01-05', status: 'returned', returnedAt: '2026-01-06' },
    ]);
    expect(expectedReports(task, [], '2026-03-01', defaultHealthSettings).map((r) => r.periodKey)).toEqual([
      '2026-01',
    ]);
  });

  it('feeds healthOf: a period with no row at all still turns red after its grace days', () => {
    const result = healthOf(
      facts({ progress: 70, reports: expectedReports(task, [], '2026-03-11', defaultHealthSettings) }),
      '2026-03-11',
      defaultHealthSettings,
    );
    expect(result.colour).toBe('red');
    expect(result.reasons[0]?.message).toContain('2026年1月');
  });
});

describe('health settings', () => {
  it('has defaults, Chinese titles for a settings screen, and refuses nonsense', () => {
    expect(healthSettingsSchema.parse({})).toEqual({
      reportDay: 5,
      behindMargin: 20,
      milestoneSoonDays: 7,
      reportSoonDays: 3,
      reportGraceDays: 5,
      returnedFixDays: 5,
    });
    const json = z.toJSONSchema(healthSettingsSchema) as { properties: Record<string, { title?: string }> };
    for (const [key, property] of Object.entries(json.properties)) {
      expect(property.title, key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(healthSettingsSchema.safeParse({ behindMargin: 0 }).success).toBe(false);
    expect(healthSettingsSchema.safeParse({ reportGraceDays: -1 }).success).toBe(false);
    expect(healthSettingsSchema.safeParse({ reportDay: 1.5 }).success).toBe(false);
  });
});
