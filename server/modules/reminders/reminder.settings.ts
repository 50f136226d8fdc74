// 提醒与督办规则: how many working days before a deadline its unit is reminded, and after how many working
// days overdue it is escalated, step by step: the unit's handlers, the unit's head (负责人), the managing
// region's staff, a leader of that region. One set of rules for the deployment, kept in the settings table
// like the security settings, edited by the provincial staff (the keepers of the holiday calendar too).
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../../core/access/actor.ts';
import { toTimestamp } from '../../core/clock.ts';
import { appError } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import type { Database } from '../../db/schema.ts';
import { findSetting, saveSettingVersioned } from '../../db/settings.repository.ts';

const KEY = 'reminders';

const lead = (fallback: number, title: string, description: string) =>
  z
    .number({ error: `${title}应为 0–30 的整数` })
    .int(`${title}应为整数`)
    .min(0, `${title}不能小于 0`)
    .max(30, `${title}不能超过 30 个工作日`)
    .default(fallback)
    .meta({ title, description });

const after = (fallback: number, title: string, description: string) =>
  z
    .number({ error: `${title}应为 1–60 的整数` })
    .int(`${title}应为整数`)
    .min(1, `${title}至少为 1 个工作日`)
    .max(60, `${title}不能超过 60 个工作日`)
    .default(fallback)
    .meta({ title, description });

const reminderRulesShape = z.strictObject({
  taskDueLead: lead(
    3,
    '任务到期前提醒（工作日）',
    '任务完成时限前这么多个工作日，提醒牵头单位承办人；0 表示到期当天提醒。',
  ),
  milestoneDueLead: lead(3, '里程碑到期前提醒（工作日）', '里程碑到期前这么多个工作日，提醒牵头单位承办人。'),
  reportDueLead: lead(
    2,
    '进度报告截止前提醒（工作日）',
    '进度报告截止前这么多个工作日，提醒尚未报送的单位。',
  ),
  noticeResponseLead: lead(
    1,
    '督办单反馈期限前提醒（工作日）',
    '督办单要求反馈的期限前这么多个工作日，提醒被督办单位。',
  ),
  escalateHandlers: after(
    1,
    '逾期第一步：单位承办人（逾期工作日）',
    '逾期达到这么多个工作日，提醒牵头单位承办人。',
  ),
  escalateHead: after(
    3,
    '逾期第二步：单位负责人（逾期工作日）',
    '逾期达到这么多个工作日，告知牵头单位负责人。',
  ),
  escalateStaff: after(
    5,
    '逾期第三步：统战部工作人员（逾期工作日）',
    '逾期达到这么多个工作日，告知负责管理的统战部工作人员。',
  ),
  escalateLeader: after(
    10,
    '逾期第四步：部领导（逾期工作日）',
    '逾期达到这么多个工作日，报告该地区统战部领导。',
  ),
});

// Each step comes after the one before it, so the ladder is climbed one rung at a time.
export const reminderRulesSchema = reminderRulesShape
  .refine((r) => r.escalateHandlers < r.escalateHead, {
    path: ['escalateHead'],
    message: '第二步（单位负责人）的逾期天数应大于第一步（单位承办人）',
  })
  .refine((r) => r.escalateHead < r.escalateStaff, {
    path: ['escalateStaff'],
    message: '第三步（统战部工作人员）的逾期天数应大于第二步（单位负责人）',
  })
  .refine((r) => r.escalateStaff < r.escalateLeader, {
    path: ['escalateLeader'],
    message: '第四步（部领导）的逾期天数应大于第三步（统战部工作人员）',
  })
  .meta({ id: 'ReminderRules' });

export type ReminderRules = z.infer<typeof reminderRulesSchema>;

export const defaultReminderRules: ReminderRules = reminderRulesSchema.parse({});

export const reminderRulesOut = reminderRulesShape
  .extend({ version: z.number().int(), canEdit: z.boolean() })
  .meta({ id: 'ReminderRulesOut' });

type Q = Kysely<Database> | Transaction<Database>;

/** The rules in force and their version (0: never saved, the defaults). A stored row that no longer
 * reads (an older release's shape) gives the defaults for what it lacks. */
export async function loadReminderRules(db: Q): Promise<ReminderRules & { version: number }> {
  const row = await findSetting(db, KEY);
  if (!row) return { ...defaultReminderRules, version: 0 };
  try {
    const parsed = reminderRulesSchema.safeParse({ ...defaultReminderRules, ...JSON.parse(row.value) });
    return { ...(parsed.success ? parsed.data : defaultReminderRules), version: row.version };
  } catch {
    return { ...defaultReminderRules, version: row.version };
  }
}

// One set of rules for the deployment: only the top region's staff (the province) change them.
function canEdit(ctx: RequestContext): boolean {
  const path = ctx.actor?.regionPath;
  return !!ctx.actor?.permissions.has('work.manage') && !!path && !path.includes('/');
}

export async function getReminderRules(s: Services, ctx: RequestContext) {
  return { ...(await loadReminderRules(s.db.kysely)), canEdit: canEdit(ctx) };
}

/** The provincial staff's change, version-checked (If-Match) and audited with before and after. */
export async function saveReminderRules(
  s: Services,
  ctx: RequestContext,
  rules: ReminderRules,
  expectedVersion: number,
) {
  if (!canEdit(ctx)) throw appError('FORBIDDEN', '提醒与督办规则全省统一，由省级统战部工作人员维护');
  await s.db.kysely.transaction().execute(async (trx) => {
    const { version: _version, ...before } = await loadReminderRules(trx);
    const saved = await saveSettingVersioned(
      trx,
      KEY,
      JSON.stringify(rules),
      expectedVersion,
      toTimestamp(s.clock.now()),
    );
    if (!saved) throw appError('VERSION_CONFLICT');
    await s.audit.record(trx, ctx, {
      action: 'reminder.rules_update',
      objectType: 'setting',
      objectId: KEY,
      before,
      after: rules,
    });
  });
  return getReminderRules(s, ctx);
}
