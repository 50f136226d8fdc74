import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  signIn,
  type Agent,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { generatePassword } from '../../core/auth/password.ts';
import { insertNewUser } from '../org/index.ts';
import { federationWithEnterprise, type Federation } from './testing/pairing.fixtures.ts';

// 撤回 by the person who entered a pairing, before approval (docs/decisions/pairing-withdraw.md), and the
// entry form's refusals naming their field with the server's stable code.

interface Pairing {
  id: number;
  version: number;
  status: string;
  mayWithdraw: boolean;
}
interface Problem {
  in: string;
  path: string;
  code: string;
  message: string;
}
interface Res {
  statusCode: number;
  body: string;
  json: <U>() => U;
}
const ok = <T>(res: Res, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};
const LIXIA = '370102001002';
const LICHENG = '370112007201';

describe.each(DIALECTS)('万企兴万村: withdrawing an entry, and field-level refusals (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let colleague: Agent;
  let gsl: Federation;
  let jinan: Federation;

  const body = (over: Record<string, unknown> = {}) => ({
    year: 2026,
    enterpriseId: gsl.enterpriseId,
    villageCode: LIXIA,
    projectType: 'industry',
    title: '蔬菜大棚产业项目',
    investedWan: '50',
    incomeWan: '5',
    peopleHelped: 20,
    jobsCreated: 3,
    ...over,
  });
  const enter = (agent: Agent, over: Record<string, unknown> = {}) =>
    agent.post('/api/pairings', body(over), { 'idempotency-key': idempotencyKey() });
  const withdraw = (agent: Agent, p: { id: number; version: number }, version: number | null = p.version) =>
    agent.request({
      method: 'DELETE',
      url: `/api/pairings/${p.id}`,
      ...(version === null ? {} : { ifMatch: version }),
    });
  const review = (p: Pairing, payload: object) =>
    staff.request({ method: 'POST', url: `/api/pairings/${p.id}/review`, payload, ifMatch: p.version });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-06-01T10:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    gsl = await federationWithEnterprise(t, staff, {
      unitName: '山东省工商业联合会',
      federation: '山东省工商联',
      enterprise: '山东某农业科技有限公司',
      regionCode: '370000',
      username: 'gsl_withdraw',
    });
    jinan = await federationWithEnterprise(t, staff, {
      unitName: '济南市工商业联合会',
      federation: '济南市工商联',
      enterprise: '济南某食品有限公司',
      regionCode: '370100',
      username: 'jn_gsl_withdraw',
    });
    // A second person of the same 工商联: sees and keeps its pairings, but did not enter this one.
    const unit = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '山东省工商业联合会')
      .executeTakeFirstOrThrow();
    const password = generatePassword();
    await insertNewUser(
      t.s,
      { actor: null, ip: '127.0.0.1', requestId: 'test' },
      { username: 'gsl_colleague', displayName: '同事', unitId: unit.id, regionCode: '370000' },
      { password, roles: ['submitter'], mustChange: false },
    );
    colleague = await signIn(t, 'gsl_colleague', password);
  });
  afterAll(() => t.close());

  it('the enterer withdraws a waiting entry (If-Match, audited); nobody else may', async () => {
    const p = ok<Pairing>(await enter(gsl.contact), 201);
    expect(p.mayWithdraw).toBe(true);
    expect(ok<Pairing>(await staff.get(`/api/pairings/${p.id}`)).mayWithdraw).toBe(false);
    expect(ok<Pairing>(await colleague.get(`/api/pairings/${p.id}`)).mayWithdraw).toBe(false);
    for (const other of [staff, colleague]) {
      const refused = await withdraw(other, p);
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json<{ message: string }>().message).toContain('登记人本人');
    }
    expect((await withdraw(jinan.contact, p)).statusCode).toBe(404);
    expect((await withdraw(gsl.contact, p, null)).statusCode).toBe(428);
    expect((await withdraw(gsl.contact, p, p.version + 1)).statusCode).toBe(412);

    expect((await withdraw(gsl.contact, p)).statusCode).toBe(204);
    expect((await gsl.contact.get(`/api/pairings/${p.id}`)).statusCode).toBe(404);
    const events = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_type', '=', 'pairing')
      .where('object_id', '=', String(p.id))
      .where('action', 'like', 'pairing.%')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['pairing.create', 'pairing.withdraw']);
    expect(JSON.parse(events[1]!.detail ?? '{}')).toMatchObject({
      before: { status: 'submitted', villageCode: LIXIA, investedWan: '50.00', projectType: 'industry' },
    });
    // The same pairing may be entered again, correctly this time (the duplicate rule no longer finds it).
    ok(await enter(gsl.contact), 201);
  });

  it('a returned entry may be withdrawn; an approved one has counted and may not', async () => {
    const returned = ok<Pairing>(await enter(gsl.contact, { villageCode: LICHENG }), 201);
    const rejected = ok<Pairing>(await review(returned, { decision: 'reject', reason: '村名有误' }));
    expect(rejected.mayWithdraw).toBe(false); // staff's view
    expect(ok<Pairing>(await gsl.contact.get(`/api/pairings/${returned.id}`)).mayWithdraw).toBe(true);
    expect((await withdraw(gsl.contact, rejected)).statusCode).toBe(204);

    const entered = ok<Pairing>(
      await enter(gsl.contact, { villageCode: LICHENG, projectType: 'charity' }),
      201,
    );
    const approved = ok<Pairing>(await review(entered, { decision: 'approve' }));
    expect(ok<Pairing>(await gsl.contact.get(`/api/pairings/${approved.id}`)).mayWithdraw).toBe(false);
    const refused = await withdraw(gsl.contact, approved);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('PAIRING_STATE');
    expect(ok<Pairing>(await staff.get(`/api/pairings/${approved.id}`)).status).toBe('approved');
  });

  it('names the field of each refusal with the stable code, so the form shows it there', async () => {
    const first = ok<Pairing>(await enter(gsl.contact, { projectType: 'consumption' }), 201);
    const dup = await enter(gsl.contact, { projectType: 'consumption' });
    expect(dup.statusCode).toBe(409);
    const dupBody = dup.json<{ code: string; details: { id: number; problems: Problem[] } }>();
    expect(dupBody.code).toBe('PAIRING_DUPLICATE');
    expect(dupBody.details.id).toBe(first.id);
    expect(dupBody.details.problems).toEqual([
      expect.objectContaining({ in: 'body', path: 'villageCode', code: 'PAIRING_DUPLICATE' }),
    ]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ villageCode: '370102001999' }, 'villageCode'],
      [{ enterpriseId: jinan.enterpriseId }, 'enterpriseId'],
      [{ contactId: jinan.contactId, projectType: 'other' }, 'contactId'],
      [{ year: 2030 }, 'year'],
      [{ stage: 'completed', investedWan: '0', peopleHelped: 0, projectType: 'other' }, 'investedWan'],
    ];
    for (const [over, path] of cases) {
      const res = await enter(gsl.contact, over);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      const answer = res.json<{ code: string; details: { problems: Problem[] } }>();
      expect(answer.code).toBe('PAIRING_INVALID');
      expect(answer.details.problems).toEqual([
        expect.objectContaining({ in: 'body', path, code: 'PAIRING_INVALID' }),
      ]);
    }
  });
});
