import { z } from 'zod';
import { MESSAGE_KIND_LIST } from '../../core/notify/kinds.ts';
import { rowId } from '../../core/http/row-id.ts';

const kind = z.enum(MESSAGE_KIND_LIST as [string, ...string[]]);
const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((u) => {
      try {
        return ['http:', 'https:'].includes(new URL(u).protocol);
      } catch {
        return false;
      }
    }, `${what}应为 http:// 或 https:// 开头的完整地址`);

export const channelSettingsBody = z.strictObject({
  emailEnabled: z.boolean(),
  smtpHost: z.string().trim().max(255),
  smtpPort: z.number().int().min(1).max(65535),
  smtpSecure: z.boolean().describe('true：直接使用 TLS（通常为 465 端口）'),
  smtpUser: z.string().trim().max(255),
  smtpPassword: z.string().max(255).nullable().optional().describe('不传：不改；null：清除'),
  mailFrom: z.string().trim().max(255),
  publicUrl: z
    .string()
    .trim()
    .max(255)
    .refine(
      (u) => u === '' || /^https?:\/\/[^/\s]+/.test(u),
      '系统访问地址应为 http:// 或 https:// 开头的完整地址',
    )
    .describe('邮件和机器人消息中链接的前缀；空：消息中不带链接'),
});
export type ChannelSettingsBody = z.infer<typeof channelSettingsBody>;

export const channelSettings = channelSettingsBody
  .omit({ smtpPassword: true })
  .extend({ passwordSet: z.boolean(), version: z.number().int() });

export const webhookBody = z.strictObject({
  name: z.string().trim().min(1, '请填写名称').max(60),
  format: z
    .enum(['dingtalk', 'wecom', 'json'])
    .describe('dingtalk 钉钉机器人；wecom 企业微信机器人；json 通用 JSON'),
  url: httpUrl('Webhook 地址'),
  secret: z.string().max(200).nullable().optional().describe('钉钉加签密钥；不传：不改；null：清除'),
  kinds: z.array(kind).max(50).describe('发送的消息类型；空：全部'),
  unitId: z.number().int().positive().nullable().describe('只发送给该单位人员的消息；null：全部'),
  enabled: z.boolean(),
});
export type WebhookBody = z.infer<typeof webhookBody>;

export const webhook = webhookBody.omit({ secret: true }).extend({
  id: z.number().int(),
  secretSet: z.boolean(),
  unitName: z.string().nullable(),
  version: z.number().int(),
});

export const webhookParams = z.strictObject({ id: rowId });

export const failedDelivery = z.object({
  id: z.number().int(),
  channel: z.enum(['email', 'webhook']),
  target: z.string().describe('收件人（已脱敏）或 Webhook 名称'),
  kindLabel: z.string(),
  subject: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

const mode = z
  .enum(['immediate', 'digest', 'inapp'])
  .describe('immediate 立即发送；digest 每日汇总；inapp 仅站内');

export const notificationSettingsBody = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .refine((e) => e === '' || z.email().safeParse(e).success, '邮箱格式不正确')
    .describe('接收通知的邮箱；空：不发邮件'),
  modes: z.partialRecord(kind, mode).describe('各类消息的送达方式；未列出的类型立即发送'),
  digestTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM'),
});
export type NotificationSettingsBody = z.infer<typeof notificationSettingsBody>;

export const notificationSettings = notificationSettingsBody.extend({
  version: z.number().int(),
  kinds: z.array(z.object({ kind, label: z.string() })),
});
