// Helpers for the cases' API tests: people beyond the demo accounts, and taking an action at the version
// the page showed.
import { expect } from 'vitest';
import { generatePassword } from '../../../core/auth/password.ts';
import type { Role } from '../../../core/access/roles.ts';
import { signIn, type Agent, type TestApp } from '../../../../test/app.ts';
import { insertNewUser } from '../../org/index.ts';

export interface CaseOut {
  id: number;
  version: number;
  type: string;
  state: string;
  round: number;
  dueDate: string | null;
  isKey: boolean;
  adopted: boolean;
  taskId: number | null;
  satisfaction: string | null;
  mergedIntoId: number | null;
  actions: { value: string; label: string }[];
  relations: string[];
  timeline: { action: string; from: string; to: string; comment: string | null }[];
  handlers: { unitId: number; role: string; dueDate: string }[];
  answers: { unitId: number; round: number; role: string; category: string | null; onTime: boolean }[];
  ratings: { round: number; raterId: number; rating: string }[];
  signers: { userId: number; status: string }[];
  instructions: { leader: string; level: string }[];
  task: { id: number; status: string; statusLabel: string; progress: number; reports: unknown[] } | null;
  mainCase: { id: number } | null;
  mergedCases: { id: number }[];
}

export async function unitIds(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const u of await t.db.kysely.selectFrom('units').select(['id', 'name']).execute()) out[u.name] = u.id;
  return out;
}

/** A further person of a unit, signed in. */
export async function person(
  t: TestApp,
  username: string,
  unitId: number,
  role: Role,
  regionCode = '370000',
): Promise<{ agent: Agent; userId: number }> {
  const password = generatePassword();
  const sys = { actor: null, ip: '127.0.0.1', requestId: 'test' };
  const user = await insertNewUser(
    t.s,
    sys,
    { username, displayName: username, unitId, regionCode },
    { password, roles: [role], mustChange: false },
  );
  return { agent: await signIn(t, username, password), userId: user.id };
}

export async function getCase(agent: Agent, id: number): Promise<CaseOut> {
  const res = await agent.get(`/api/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CaseOut>();
}

/** Takes the action at the version the person's page shows; returns the raw answer. */
export async function tryAction(agent: Agent, id: number, action: string, body: object = {}) {
  const page = await agent.get(`/api/cases/${id}`);
  const version = page.statusCode === 200 ? page.json<CaseOut>().version : 1;
  return agent.request({
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    payload: { action, ...body },
    ifMatch: version,
  });
}

export async function act(agent: Agent, id: number, action: string, body: object = {}): Promise<CaseOut> {
  const res = await tryAction(agent, id, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json<CaseOut>();
}

export const proposalContent = {
  situation: '我省民营企业融资难问题仍较突出。',
  analysis: '中小微企业缺少抵押物，信用信息分散。',
  suggestions: '建立全省统一的融资信用服务平台。',
};
