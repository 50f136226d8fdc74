import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { registerContactOrganisationHolder } from './index.ts';

interface Organisation {
  id: number;
  version: number;
}

describe.each(DIALECTS)('删除联系人组织 (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Agent> = {};

  async function newOrganisation(body: Record<string, unknown>): Promise<Organisation> {
    const res = await as.staff!.post(
      '/api/contact-organisations',
      { regionCode: '370000', ...body },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Organisation>();
  }
  // `ifMatch` null: no If-Match header at all.
  const remove = (agent: Agent, o: Organisation, ifMatch: number | null = o.version) =>
    agent.request({
      method: 'DELETE',
      url: `/api/contact-organisations/${o.id}`,
      ...(ifMatch === null ? {} : { ifMatch }),
    });
  const refusal = (res: { statusCode: number; json<T>(): T }) => {
    expect(res.statusCode).toBe(409);
    const body = res.json<{ code: string; message: string }>();
    expect(body.code).toBe('CONTACT_ORGANISATION_IN_USE');
    return body.message;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    for (const name of ['staff', 'submitter', 'jinan_staff']) as[name] = await world.signIn(name);
  });
  afterAll(() => t.close());

  it('refuses while people, member enterprises or a registered record refer to it, naming them; then deletes', async () => {
    const federation = await newOrganisation({ kind: 'federation', name: '测试市工商业联合会' });
    const firm = await newOrganisation({
      kind: 'enterprise',
      name: '测试某某有限公司',
      federationId: federation.id,
    });
    const person = await as.staff!.post(
      '/api/contacts',
      { organisationId: firm.id, name: '李四', phone: '13800000001', legalBasis: 'duty' },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(person.statusCode, person.body).toBe(201);
    const p = person.json<{ id: number; version: number }>();

    expect(refusal(await remove(as.staff!, federation))).toContain(
      '以下企业以本组织为所属工商联：测试某某有限公司',
    );
    expect(refusal(await remove(as.staff!, firm))).toContain('本组织还有 1 名联系人');

    // An anonymised person still refers to it (the row is kept so counts stay whole).
    const anon = await as.staff!.post(`/api/contacts/${p.id}/anonymise`, undefined, {
      'if-match': `"${p.version}"`,
    });
    expect(anon.statusCode, anon.body).toBe(200);
    expect(refusal(await remove(as.staff!, firm))).toContain('（其中 1 名已匿名化）');
    const gone = await as.staff!.request({
      method: 'DELETE',
      url: `/api/contacts/${p.id}`,
      ifMatch: p.version + 1,
    });
    expect(gone.statusCode, gone.body).toBe(204);

    // Another module's record (a case, an activity) registered as holding the organisation.
    const unregister = registerContactOrganisationHolder({
      label: '政企沟通',
      find: (_trx, id) => Promise.resolve(id === firm.id ? ['《企业用电增容审批慢》（办理中）'] : []),
    });
    try {
      expect(refusal(await remove(as.staff!, firm))).toContain('政企沟通：《企业用电增容审批慢》（办理中）');
    } finally {
      unregister();
    }

    // If-Match is required and must be current; nothing changes on a refusal.
    expect((await remove(as.staff!, firm, null)).statusCode).toBe(428);
    expect((await remove(as.staff!, firm, firm.version + 5)).statusCode).toBe(412);
    // Only staff of its region keep it: a submitter may not, another city's staff do not see it.
    expect((await remove(as.submitter!, firm)).statusCode).toBe(403);
    expect((await remove(as.jinan_staff!, firm)).statusCode).toBe(404);

    expect((await remove(as.staff!, firm)).statusCode).toBe(204);
    expect((await remove(as.staff!, federation)).statusCode).toBe(204);
    const list = await as.staff!.get('/api/contact-organisations?q=测试');
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    const audit = await t.s.db.kysely
      .selectFrom('audit_log')
      .select(['object_id', 'actor_name'])
      .where('action', '=', 'contact_organisation.delete')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { object_id: String(firm.id), actor_name: 'staff' },
      { object_id: String(federation.id), actor_name: 'staff' },
    ]);
  });
});
