import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR } from './shipped.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期的格式应为 YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '日期不存在',
  )
  .refine((d) => {
    const year = Number(d.slice(0, 4));
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }, `只能维护 ${FIRST_YEAR}—${LAST_YEAR} 年的日期`)
  .describe('日期（YYYY-MM-DD）');

export const DAY_KIND_LABELS = { holiday: '放假', workday: '调休上班' } as const;
const dayKind = z.enum(['holiday', 'workday']).describe('holiday 放假；workday 调休上班（周末上班）');

export const calendarQuery = z.strictObject({
  year: z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR).describe('年份'),
});

const calendarDay = z.object({
  day: z.string(),
  kind: dayKind,
  kindLabel: z.string(),
  name: z.string().describe('所属节日（春节、国庆节……）'),
  origin: z.enum(['shipped', 'staff']).describe('shipped 随系统发布的安排；staff 工作人员的更正'),
  version: z.number().int().describe('更正的版本号（If-Match 用；随系统发布的日期为 0）'),
});

export const calendarYear = z.object({
  year: z.number().int(),
  source: z.enum(['official', 'provisional']),
  sourceNote: z.string().describe('安排的来源说明'),
  days: z.array(calendarDay).describe('该年的放假日和调休上班日（不含普通周末）'),
  workingDays: z.number().int().describe('该年的工作日数'),
  canCorrect: z.boolean().describe('当前用户能否更正（省级统战部工作人员）'),
});
export type CalendarYearOut = z.infer<typeof calendarYear>;

export const calendarDayBody = z.strictObject({
  day,
  kind: dayKind,
  name: z.string().trim().min(1, '请填写所属节日，如“春节”').max(20, '节日名称不能超过 20 个字'),
});
export type CalendarDayBody = z.infer<typeof calendarDayBody>;

export const calendarDayQuery = z.strictObject({ day });
