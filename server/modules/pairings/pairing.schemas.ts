import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/http/pagination.ts';
import { WAN_PATTERN } from './pairing.money.ts';
import { rowId } from '../../core/http/row-id.ts';

// 万企兴万村 结对台账: what the API takes and answers. Money is decimal text in 万元 (at most six decimals, to
// the 分), never a JSON number; counts are whole numbers within bounds.

export const PROJECT_TYPES = ['industry', 'employment', 'consumption', 'charity', 'other'] as const;
export const PROJECT_TYPE_LABELS: Record<(typeof PROJECT_TYPES)[number], string> = {
  industry: '产业帮扶',
  employment: '就业帮扶',
  consumption: '消费帮扶',
  charity: '公益帮扶',
  other: '其他',
};
export const STAGE_LABELS = {
  planned: '谋划中',
  ongoing: '实施中',
  completed: '已完成',
  stopped: '已终止',
} as const;
export const STATUS_LABELS = { submitted: '待审核', approved: '已通过', rejected: '已退回' } as const;

const projectType = z.enum(PROJECT_TYPES).meta({
  id: 'PairingProjectType',
  description: 'industry 产业, employment 就业, consumption 消费, charity 公益, other 其他',
});
const stage = z.enum(['planned', 'ongoing', 'completed', 'stopped']).meta({
  id: 'PairingStage',
  description: 'planned 谋划中, ongoing 实施中, completed 已完成, stopped 已终止',
});
const status = z.enum(['submitted', 'approved', 'rejected']).meta({
  id: 'PairingStatus',
  description: 'submitted 待审核, approved 已通过, rejected 已退回',
});

const MAX_COUNT = 10_000_000;
const wan = (what: string) =>
  z
    .string()
    .trim()
    .max(20, `${what}过长`)
    .regex(WAN_PATTERN, `${what}请填写以万元为单位的数字，最多 6 位小数（如 12.5）`);
const count = (what: string) =>
  z
    .number({ error: `${what}请填写整数` })
    .int(`${what}请填写整数`)
    .min(0, `${what}不能为负数`)
    .max(MAX_COUNT, `${what}不超过 ${MAX_COUNT}`);
const year = z.coerce
  .number()
  .int()
  .min(2000, '年度应在 2000–2100 之间')
  .max(2100, '年度应在 2000–2100 之间');
const villageCode = z.string().regex(/^\d{12}$/, '村代码应为 12 位数字（统计用区划代码）');
/** A place code of any level above a village: '' (all), 2, 4, 6 or 9 digits. */
const areaCode = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, '地区代码应为 2、4、6 或 9 位数字（省、市、县、乡）');
const attachmentIds = z.array(z.number().int().positive()).max(20, '一次最多 20 个附件');
/** A Luoshi region (GB/T 2260, 6 digits): its subtree, within what the reader sees. */
const regionCode = z
  .string()
  .regex(/^\d{6}$/, '地区代码应为 6 位数字')
  .meta({ title: '地区' });

export const idParams = z.strictObject({ id: rowId });

const figures = {
  investedWan: wan('投入资金'),
  incomeWan: wan('带动增收'),
  peopleHelped: count('带动人数'),
  jobsCreated: count('就业人数'),
};

export const pairingCreateBody = z.strictObject({
  year,
  enterpriseId: z.number().int().positive(),
  contactId: z.number().int().positive().nullable().optional(),
  villageCode,
  projectType,
  title: z.string().trim().min(2, '项目名称至少 2 个字').max(200, '项目名称不超过 200 字'),
  description: z.string().trim().max(2000, '项目情况不超过 2000 字').default(''),
  stage: stage.default('ongoing'),
  ...figures,
  attachmentIds: attachmentIds.default([]),
});
export type PairingCreateInput = z.infer<typeof pairingCreateBody>;

export const pairingUpdateBody = pairingCreateBody
  .omit({ enterpriseId: true, attachmentIds: true })
  .partial()
  .extend({ attachmentIds: attachmentIds.optional() });
export type PairingUpdateInput = z.infer<typeof pairingUpdateBody>;

export const reviewBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500, '理由不超过 500 字').optional(),
  })
  .refine((b) => b.decision === 'approve' || (b.reason ?? '').length >= 2, {
    message: '退回时请写明理由（至少 2 个字），以便填报人修改',
    path: ['reason'],
  });

export const progressBody = z.strictObject({
  reportedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  note: z.string().trim().min(2, '请写明本期进展（至少 2 个字）').max(2000, '进展说明不超过 2000 字'),
  stage,
  ...figures,
  attachmentIds: attachmentIds.default([]),
});
export type ProgressInput = z.infer<typeof progressBody>;

export const pairingListQuery = z.strictObject({
  year: year.optional(),
  status: status.optional(),
  projectType: projectType.optional(),
  area: areaCode.optional(),
  enterpriseId: rowId.optional(),
  q: z.string().trim().max(100).optional(),
  regionCode: regionCode.optional(),
  ...pageQuery,
});
export type PairingListQuery = z.infer<typeof pairingListQuery>;

const figuresOut = {
  investedWan: z.string(),
  incomeWan: z.string(),
  peopleHelped: z.number(),
  jobsCreated: z.number(),
};

const attachmentOut = z.object({ id: z.number(), name: z.string(), size: z.number() });

const pairingSchema = z
  .object({
    id: z.number(),
    year: z.number(),
    enterpriseId: z.number(),
    enterpriseName: z.string(),
    federationId: z.number(),
    federationName: z.string(),
    contactId: z.number().nullable(),
    contactName: z.string().nullable(),
    villageCode: z.string(),
    villageNames: z.array(z.string()),
    regionCode: z.string(),
    projectType,
    projectTypeLabel: z.string(),
    title: z.string(),
    description: z.string(),
    stage,
    ...figuresOut,
    status,
    statusLabel: z.string(),
    reviewReason: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Pairing' });

export const pairingDetailSchema = pairingSchema
  .extend({
    attachments: z.array(attachmentOut),
    updates: z.array(
      z.object({
        id: z.number(),
        reportedOn: z.string(),
        note: z.string(),
        stage,
        ...figuresOut,
        attachmentIds: z.array(z.number()),
        createdAt: z.string(),
      }),
    ),
    // What the reader may do now.
    mayEdit: z.boolean(),
    mayReview: z.boolean(),
    mayReport: z.boolean(),
    mayWithdraw: z.boolean(),
  })
  .meta({ id: 'PairingDetail' });

export const pairingPage = pageSchema(pairingSchema).extend({
  // Per status, over the same filters except the status itself.
  counts: z.object({ submitted: z.number(), approved: z.number(), rejected: z.number() }),
});

const enterpriseOption = z.object({
  id: z.number(),
  name: z.string(),
  federationId: z.number(),
  federationName: z.string(),
  contacts: z.array(z.object({ id: z.number(), name: z.string() })),
});
export const enterpriseOptions = z.array(enterpriseOption);

export const placeSchema = z.object({ code: z.string(), name: z.string() }).meta({ id: 'Place' });
export const villageChildrenQuery = z.strictObject({
  parent: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9})?$/, '上级代码应为空或 2、4、6、9 位数字')
    .default(''),
});
export const villageSearchQuery = z.strictObject({
  county: z.string().regex(/^\d{6}$/, '请先选择县（区），代码为 6 位数字'),
  q: z.string().trim().min(1, '请输入村名中的字').max(50),
});
export const villageSearchResult = z.array(placeSchema.extend({ township: z.string() }));

// Statistics: the approved pairings of a year by area (one level below `area`) and by project type.
export const statsQuery = z.strictObject({
  year,
  area: areaCode.optional(),
  projectType: projectType.optional(),
  regionCode: regionCode.optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

const statsFigures = z.object({ pairings: z.number(), ...figuresOut });
export const statsSchema = z
  .object({
    year: z.number(),
    area: z.object({ code: z.string(), names: z.array(z.string()) }),
    // The Luoshi region asked for (regionCode), or null.
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    // The level of the rows: province, city, county, township or village.
    level: z.enum(['province', 'city', 'county', 'township', 'village']),
    rows: z.array(
      statsFigures.extend({
        code: z.string(),
        name: z.string(),
        byType: z.array(statsFigures.extend({ projectType })),
      }),
    ),
    byType: z.array(statsFigures.extend({ projectType, label: z.string() })),
    totals: statsFigures,
  })
  .meta({ id: 'PairingStats' });
export type PairingStats = z.infer<typeof statsSchema>;

export const exportQuery = z.strictObject({
  year,
  area: areaCode.optional(),
  projectType: projectType.optional(),
  status: status.optional(),
  regionCode: regionCode.optional(),
});

// The approved pairings' totals of a year in a region (the dashboard's block and the plan item
// "万企兴万村"): every figure opens the ledger with `query` (GET /api/pairings, the ledger page), which
// lists exactly the pairings summed; a type's figures add its projectType.
export const pairingTotalsSchema = z
  .object({
    year: z.number(),
    region: z.object({ code: z.string(), name: z.string() }),
    totals: statsFigures,
    byType: z.array(statsFigures.extend({ projectType, label: z.string() })),
    query: z.record(z.string(), z.string()).describe('打开的结对台账的筛选条件'),
  })
  .meta({ id: 'PairingTotals' });
export type PairingTotals = z.infer<typeof pairingTotalsSchema>;

// A plan item's link to the ledger: linked when its text or brand activities name 万企兴万村; totals null
// when it is not, or when the reader does not see the ledger at all (a unit's handlers).
export const planItemPairingSchema = z.object({
  linked: z.boolean(),
  totals: pairingTotalsSchema.nullable(),
});
