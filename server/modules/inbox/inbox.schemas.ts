import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { MESSAGE_KIND_LIST } from '../../core/notify/kinds.ts';

export const message = z.object({
  id: z.number().int(),
  kind: z.enum(MESSAGE_KIND_LIST as [string, ...string[]]),
  kindLabel: z.string().describe('消息类型（中文）'),
  title: z.string(),
  body: z.string(),
  object: z.object({ type: z.string(), id: z.string() }).nullable().describe('消息所涉及的记录'),
  link: z.string().nullable().describe('点击后打开的页面路径'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type MessageOut = z.infer<typeof message>;

export const inboxQuery = z.strictObject({
  unread: z.stringbool().optional().describe('只列未读消息'),
  ...pageQuery,
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxPage = pageSchema(message).extend({
  unreadCount: z.number().int().describe('未读消息数（与列表同一时刻读出）'),
});

export const unreadCount = z.object({ count: z.number().int() });

export const messageParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const readOne = z.object({ message, unreadCount: z.number().int() });

export const readAllBody = z
  .strictObject({
    upToId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('只标记编号不大于此的消息（页面上看到的最新一条），之后新到的消息保持未读'),
  })
  .nullish();
export type ReadAllBody = z.infer<typeof readAllBody>;

export const readAll = z.object({ marked: z.number().int(), unreadCount: z.number().int() });
