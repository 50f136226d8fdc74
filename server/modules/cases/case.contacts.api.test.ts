// A contact a case names (an enterprise's person on a 政企沟通 appeal) is not deleted or anonymised while
// the case is open; the refusal names the case. Once the case is closed, the contact may go. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { act, unitIds, type CaseOut } from './testing/case.fixtures.ts';

interface Contact {
  id: number;
  version: number;
}

describe.each(DIALECTS)('contacts held by cases (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let handler: Agent;
  let unit: Record<string, number>;
  let enterpriseId: number;

  const post = (agent: Agent, url: string, body: object) =>
    agent.post(url, body, { 'idempotency-key': idempotencyKey() });

  async function newContact(name: string): Promise<Contact> {
    const res = await post(staff, '/api/contacts', {
      organisationId: enterpriseId,
      name,
      legalBasis: 'duty',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Contact>();
  }
  const remove = (c: Contact) =>
    staff.request({ method: 'DELETE', url: `/api/contacts/${c.id}`, ifMatch: c.version });
  const anonymise = (c: Contact) =>
    staff.post(`/api/contacts/${c.id}/anonymise`, undefined, { 'if-match': `"${c.version}"` });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    const world = await seedDemo(t);
    staff = await world.signIn('staff');
    handler = await world.signIn('handler');
    unit = await unitIds(t);
    const firm = await post(staff, '/api/contact-organisations', {
      regionCode: '370000',
      kind: 'enterprise',
      name: '山东某某新材料有限公司',
    });
    expect(firm.statusCode, firm.body).toBe(201);
    enterpriseId = firm.json<{ id: number }>().id;
  });
  afterAll(() => t.close());

  it('refuses to delete or anonymise the contact of an open appeal, naming it, and deletes it once closed', async () => {
    const person = await newContact('赵经理');
    const bystander = await newContact('钱会计');
    const created = await post(staff, '/api/cases', {
      type: 'appeal',
      title: '企业用电增容审批慢',
      content: {
        kind: 'complaint',
        channel: 'visit',
        enterprise: '山东某某新材料有限公司',
        contactId: person.id,
        content: '增容申请已提交三个月。',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    let c = created.json<CaseOut>();

    const draftRefusal = await remove(person);
    expect(draftRefusal.statusCode, draftRefusal.body).toBe(409);
    expect(draftRefusal.json<{ code: string; message: string }>()).toMatchObject({ code: 'CONTACT_IN_USE' });
    expect(draftRefusal.json<{ message: string }>().message).toContain(
      '政企沟通：《企业用电增容审批慢》（草稿）',
    );

    c = await act(staff, c.id, 'submit');
    c = await act(staff, c.id, 'forward', {
      leadUnitId: unit['山东省发展和改革委员会'],
      dueDate: '2026-03-20',
    });
    const refused = await remove(person);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toContain(
      '政企沟通：《企业用电增容审批慢》（办理中）',
    );
    const anon = await anonymise(person);
    expect(anon.statusCode).toBe(409);
    expect(anon.json<{ message: string }>().message).toContain('政企沟通：《企业用电增容审批慢》（办理中）');
    const exported = await staff.get(`/api/contacts/${person.id}/export`);
    expect(exported.json<{ heldBy: string[] }>().heldBy).toEqual([
      '政企沟通：《企业用电增容审批慢》（办理中）',
    ]);
    // Nothing changed: the contact is still there, as it was.
    expect((await staff.get(`/api/contacts/${person.id}`)).json<Contact>().version).toBe(person.version);
    // A contact no case names goes at once.
    expect((await remove(bystander)).statusCode).toBe(204);

    c = await act(handler, c.id, 'answer', { letter: '已协调供电公司办理', category: 'solved' });
    c = await act(staff, c.id, 'rate', { rating: 'satisfied' });
    expect(c.state).toBe('closed');
    const gone = await remove(person);
    expect(gone.statusCode, gone.body).toBe(204);
  });
});
