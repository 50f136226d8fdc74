import { z } from 'zod';
import { ROLES } from '../../core/access/roles.ts';
import { rowId } from '../../core/http/row-id.ts';

const regionLevel = z.enum(['province', 'city', 'county']).meta({ id: 'RegionLevel' });
export const recordStatus = z.enum(['active', 'disabled']).meta({ id: 'RecordStatus' });
const unitKind = z
  .enum(['department', 'office', 'member_unit', 'government', 'party', 'federation', 'other'])
  .meta({ id: 'UnitKind' });

export const regionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: regionLevel,
    parentCode: z.string().nullable(),
    status: recordStatus,
    version: z.number().int(),
  })
  .meta({ id: 'Region' });

export const regionCreateBody = z.strictObject({
  code: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字（GB/T 2260）'),
  name: z.string().trim().min(1).max(60),
  level: regionLevel,
  parentCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
});

export const regionUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  status: recordStatus.optional(),
});

export const unitSchema = z
  .object({
    id: z.number().int(),
    regionCode: z.string(),
    regionName: z.string(),
    name: z.string(),
    kind: unitKind,
    parentId: z.number().int().nullable(),
    status: recordStatus,
    // 简称: other names the unit is known by (省发展改革委), used to match names in plans and imports.
    aliases: z.array(z.string()),
    // 负责人: the user told at the second step of escalation when a deadline is missed; null if none.
    head: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Unit' });

// 简称: other names the unit is known by, matched after its full name when a plan's suggested lead unit or
// an imported 任务分解表 names it (admins steer the matching here).
const unitAliases = z
  .array(z.string().trim().min(1, '简称不能为空').max(60, '简称不能超过 60 个字'))
  .max(20, '简称最多 20 个')
  .meta({ title: '简称' });

export const unitCreateBody = z.strictObject({
  regionCode: z.string().regex(/^\d{6}$/),
  name: z.string().trim().min(1).max(100),
  kind: unitKind,
  parentId: z.number().int().positive().nullable().optional(),
  aliases: unitAliases.default([]),
});

export const unitUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  kind: unitKind.optional(),
  parentId: z.number().int().positive().nullable().optional(),
  status: recordStatus.optional(),
  aliases: unitAliases.optional(),
  // 负责人: an active user of this unit, or null for none.
  headUserId: z.number().int().positive().nullable().optional().meta({ title: '负责人' }),
});

export const roleId = z.enum(ROLES).meta({ id: 'RoleId' });

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    roles: z.array(roleId),
    status: recordStatus,
    locked: z.boolean(),
    lockedUntil: z.string().nullable(),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
    // 三员 passwords are reset only on the server's console; the page hides 重置密码 for them.
    passwordResetOnConsoleOnly: z.boolean(),
    // 安全管理员 and 审计管理员 accounts are not disabled on the page; the page hides 停用 for them.
    disableForbidden: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });

const usernameSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, '用户名应为 3–32 位字母、数字、下划线、点或连字符，以字母开头');

export const userCreateBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(40),
  unitId: z.number().int().positive().nullable().optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
});

export const userUpdateBody = z.strictObject({
  displayName: z.string().trim().min(1).max(40).optional(),
  unitId: z.number().int().positive().nullable().optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  status: recordStatus.optional(),
});

export const userRolesBody = z.strictObject({ roles: z.array(roleId).max(4) });

export const idParam = z.strictObject({ id: rowId });
export const codeParam = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
