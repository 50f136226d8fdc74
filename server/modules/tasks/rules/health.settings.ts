import { z } from 'zod';

// The thresholds of the 红黄绿 rules and of report due dates. Each carries a Chinese title and an
// explanation (Zod metadata, so z.toJSONSchema gives a settings screen its labels); docs/health-rules.md
// explains them for clerks. Days are working days (工作日) on the holiday calendar (task.calendar.ts).
const days = (max: number, fallback: number, title: string, description: string) =>
  z.number().int().min(0).max(max).default(fallback).meta({ title, description });

export const healthSettingsSchema = z.object({
  reportDay: days(
    60,
    5,
    '报告报送期限（工作日）',
    '每个填报周期结束后第几个工作日前报送进度报告；新建任务默认用这个天数，任务可单独设置。',
  ),
  behindMargin: z.number().int().min(1).max(100).default(20).meta({
    title: '进度落后黄灯阈值（百分点）',
    description: '没有里程碑的任务，时间已过的百分比减去完成进度，达到这个数即亮黄灯。',
  }),
  milestoneSoonDays: days(
    90,
    7,
    '里程碑临近提醒（工作日）',
    '里程碑在这么多个工作日内到期且尚未完成时亮黄灯。',
  ),
  reportSoonDays: days(
    30,
    3,
    '报告临近截止提醒（工作日）',
    '进度报告在这么多个工作日内截止且尚未报送时亮黄灯；0 表示只在截止当天提醒。',
  ),
  reportGraceDays: days(
    60,
    5,
    '报告逾期宽限（工作日）',
    '进度报告过了截止日期仍未报送，宽限期内亮黄灯，超过宽限期亮红灯。',
  ),
  returnedFixDays: days(
    60,
    5,
    '退回报告修改期限（工作日）',
    '被退回的进度报告应在这么多个工作日内修改重报；期限内亮黄灯，超过期限仍未重报亮红灯。',
  ),
});

export type HealthSettings = z.infer<typeof healthSettingsSchema>;

export const defaultHealthSettings: HealthSettings = healthSettingsSchema.parse({});
