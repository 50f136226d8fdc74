// 工作台 · 待办: what the signed-in person can do next. Until tasks exist, business roles get the next
// steps with this year's plans (plans/plan.next-steps.ts); the 三员 get the standing duties of their role.
import type { RequestContext } from '../../core/access/actor.ts';
import type { Permission } from '../../core/access/roles.ts';
import type { Services } from '../../core/services.ts';
import { planNextSteps } from '../plans/index.ts';

export type HomeStepKind =
  Awaited<ReturnType<typeof planNextSteps>>[number]['kind'] | 'users' | 'security' | 'audit';

export interface HomeStep {
  kind: HomeStepKind;
  title: string;
  detail: string | null;
  planId: number | null;
}

const ADMIN_DUTIES: Array<{ permission: Permission; step: HomeStep }> = [
  {
    permission: 'user.write',
    step: {
      kind: 'users',
      title: '维护单位和用户账户',
      detail: '新建账户、调整单位；账户的角色由安全管理员分配',
      planId: null,
    },
  },
  {
    permission: 'security.write',
    step: {
      kind: 'security',
      title: '检查安全策略与角色分配',
      detail: '密码策略、登录锁定和动态口令要求；为新账户分配角色',
      planId: null,
    },
  },
  {
    permission: 'audit.read',
    step: {
      kind: 'audit',
      title: '审阅审计日志并校验审计链',
      detail: '查看越权访问、登录失败和管理操作',
      planId: null,
    },
  },
];

export async function nextSteps(s: Services, ctx: RequestContext): Promise<{ items: HomeStep[] }> {
  const permissions: ReadonlySet<Permission> = ctx.actor?.permissions ?? new Set();
  const admin = ADMIN_DUTIES.filter((d) => permissions.has(d.permission)).map((d) => d.step);
  return { items: [...admin, ...(await planNextSteps(s, ctx))] };
}
