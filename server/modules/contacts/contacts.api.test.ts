import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, idempotencyKey, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { registerContactHolder } from './index.ts';

interface Contact {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  anonymised: boolean;
  version: number;
}
interface Organisation {
  id: number;
  version: number;
}

const PHONE = '13812345678';
const EMAIL = 'zhang.san@example.com';
const EMAIL_LOCAL = 'zhang.san';

describe.each(DIALECTS)('联系人 (%s)', (dialect) => {
  let t: TestApp;
  const as: Record<string, Agent> = {};
  let party: Organisation;
  let enterprise: Organisation;
  let contact: Contact;

  async function newContact(agent: Agent, body: Record<string, unknown>): Promise<Contact> {
    const res = await agent.post('/api/contacts', body, { 'idempotency-key': idempotencyKey() });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Contact>();
  }

  async function auditRows(action: string, objectId: number) {
    return t.s.db.kysely
      .selectFrom('audit_log')
      .select(['actor_name', 'detail', 'outcome'])
      .where('action', '=', action)
      .where('object_id', '=', String(objectId))
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    for (const name of ['staff', 'leader', 'submitter', 'handler', 'jinan_staff', 'qingdao_staff'])
      as[name] = await world.signIn(name);
    const minmeng = await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '民盟山东省委会')
      .executeTakeFirstOrThrow();
    const created = await as.staff!.post(
      '/api/contact-organisations',
      { regionCode: '370000', kind: 'party', name: '民盟山东省委会', unitId: minmeng.id },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(created.statusCode, created.body).toBe(201);
    party = created.json<Organisation>();
    const federation = await as.jinan_staff!.post('/api/contact-organisations', {
      regionCode: '370100',
      kind: 'federation',
      name: '济南市工商业联合会',
    });
    expect(federation.statusCode, federation.body).toBe(201);
    const firm = await as.jinan_staff!.post('/api/contact-organisations', {
      regionCode: '370100',
      kind: 'enterprise',
      name: '济南某某科技有限公司',
      federationId: federation.json<Organisation>().id,
    });
    expect(firm.statusCode, firm.body).toBe(201);
    enterprise = firm.json<Organisation>();
    contact = await newContact(as.staff!, {
      organisationId: party.id,
      name: '张三',
      title: '秘书长',
      phone: '+86 138 1234 5678',
      email: 'Zhang.San@Example.com',
      legalBasis: 'consent',
      consentOn: '2026-11-20',
    });
  });
  afterAll(() => t.close());

  it('answers phone and e-mail masked when created, listed and read', async () => {
    expect(contact).toMatchObject({ name: '张三', phone: '138****5678', email: 'z***@example.com' });
    const list = await as.staff!.get('/api/contacts');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(PHONE);
    expect(list.body).not.toContain(EMAIL_LOCAL);
    expect(list.json<{ items: Contact[] }>().items.find((c) => c.id === contact.id)?.phone).toBe(
      '138****5678',
    );
    const one = await as.leader!.get(`/api/contacts/${contact.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json<Contact>()).toMatchObject({ phone: '138****5678', email: 'z***@example.com' });
    expect(one.body).not.toContain(PHONE);
  });

  it('finds a contact by the whole phone number or e-mail address through the blind index', async () => {
    const ids = async (q: string) =>
      (await as.staff!.get(`/api/contacts?q=${encodeURIComponent(q)}`))
        .json<{ items: Contact[] }>()
        .items.map((c) => c.id);
    expect(await ids('138-1234-5678')).toEqual([contact.id]);
    expect(await ids('ZHANG.SAN@example.com')).toEqual([contact.id]);
    expect(await ids('张')).toContain(contact.id);
    // Part of a number is no look-up: the index holds whole numbers only.
    expect(await ids('5678')).toEqual([]);
  });

  it('keeps no readable phone number or e-mail address anywhere in the database', async () => {
    const row = await t.s.db.kysely
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_sealed).toMatch(/^v1\./);
    expect(row.phone_index).toMatch(/^[0-9a-f]{64}$/);
    if (dialect === 'sqlite') {
      // The raw file and its write-ahead log, as someone who copied them would read them.
      await sql`pragma wal_checkpoint(full)`.execute(t.s.db.kysely);
      const raw = Buffer.concat(
        [t.db.location, `${t.db.location}-wal`]
          .filter((f) => fs.existsSync(f))
          .map((f) => fs.readFileSync(f)),
      );
      expect(raw.includes(Buffer.from('张三'))).toBe(true); // the file is readable: the test can see names
      expect(raw.includes(Buffer.from(PHONE))).toBe(false);
      expect(raw.includes(Buffer.from('138 1234 5678'))).toBe(false);
      expect(raw.toString('latin1').toLowerCase().includes(EMAIL)).toBe(false);
    } else {
      for (const table of ['contacts', 'audit_log', 'idempotency_keys']) {
        const { rows } = await sql<{ t: string }>`select t::text as t from ${sql.table(table)} t`.execute(
          t.s.db.kysely,
        );
        const dump = rows
          .map((r) => r.t)
          .join('\n')
          .toLowerCase();
        if (table === 'contacts') expect(dump).toContain('张三');
        expect(dump, table).not.toContain(PHONE);
        expect(dump, table).not.toContain(EMAIL);
      }
    }
  });

  it('unmasks one value for its own view, audited by field without the value', async () => {
    const res = await as.staff!.post(`/api/contacts/${contact.id}/unmask`, { field: 'phone' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: 'phone', value: PHONE });
    expect(res.headers['cache-control']).toBe('no-store');
    const email = await as.staff!.post(`/api/contacts/${contact.id}/unmask`, { field: 'email' });
    expect(email.json()).toEqual({ field: 'email', value: EMAIL });
    const rows = await auditRows('contact.unmask', contact.id);
    expect(rows.map((r) => JSON.parse(r.detail!) as unknown)).toEqual([
      { note: { field: 'phone' } },
      { note: { field: 'email' } },
    ]);
    expect(rows.every((r) => r.actor_name === 'staff')).toBe(true);
    // Reading again still answers masked: nothing was unmasked for good.
    expect((await as.staff!.get(`/api/contacts/${contact.id}`)).json<Contact>().phone).toBe('138****5678');
  });

  it("lets the organisation's own submitter unmask, refuses a leader (403) and other regions (404)", async () => {
    const own = await as.submitter!.post(`/api/contacts/${contact.id}/unmask`, { field: 'phone' });
    expect(own.statusCode, own.body).toBe(200);
    const leader = await as.leader!.post(`/api/contacts/${contact.id}/unmask`, { field: 'phone' });
    expect(leader.statusCode).toBe(403);
    expect(leader.json<{ code: string }>().code).toBe('FORBIDDEN');
    for (const outsider of ['qingdao_staff', 'jinan_staff']) {
      const res = await as[outsider]!.post(`/api/contacts/${contact.id}/unmask`, { field: 'phone' });
      expect(res.statusCode, outsider).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('CONTACT_NOT_FOUND');
    }
    const handler = await as.handler!.get('/api/contacts');
    expect(handler.statusCode).toBe(403);
    const denied = await t.s.db.kysely
      .selectFrom('audit_log')
      .select('actor_name')
      .where('action', '=', 'access.out_of_scope')
      .where('object_type', '=', 'contact')
      .where('object_id', '=', String(contact.id))
      .execute();
    expect(denied.map((r) => r.actor_name).sort()).toEqual(['jinan_staff', 'qingdao_staff']);
    expect(await auditRows('contact.unmask', contact.id)).toHaveLength(3);
  });

  it('scopes lists: region subtree for staff, own organisation for submitters', async () => {
    const worker = await newContact(as.jinan_staff!, {
      organisationId: enterprise.id,
      name: '李四',
      phone: '13900001111',
      legalBasis: 'duty',
    });
    const ids = async (who: string) =>
      (await as[who]!.get('/api/contacts')).json<{ items: Contact[] }>().items.map((c) => c.id);
    expect(await ids('staff')).toEqual(expect.arrayContaining([contact.id, worker.id]));
    expect(await ids('jinan_staff')).toEqual([worker.id]);
    expect(await ids('qingdao_staff')).toEqual([]);
    expect(await ids('submitter')).toEqual([contact.id]);
    // A submitter cannot file a person under an organisation outside their own: it does not exist for them.
    const res = await as.submitter!.post('/api/contacts', {
      organisationId: enterprise.id,
      name: '王五',
      legalBasis: 'duty',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('CONTACT_ORGANISATION_NOT_FOUND');
    const orgs = (await as.submitter!.get('/api/contact-organisations')).json<{ items: Organisation[] }>();
    expect(orgs.items.map((o) => o.id)).toEqual([party.id]);
  });

  it('updates with If-Match, refuses a duplicate phone in the organisation, and asks for the consent date', async () => {
    const url = `/api/contacts/${contact.id}`;
    expect((await as.staff!.patch(url, { title: '副秘书长' })).statusCode).toBe(428);
    expect((await as.staff!.patch(url, { title: '副秘书长' }, contact.version + 5)).statusCode).toBe(412);
    const other = await newContact(as.submitter!, {
      organisationId: party.id,
      name: '赵六',
      phone: '13700002222',
      legalBasis: 'duty',
    });
    const dup = await as.staff!.patch(`/api/contacts/${other.id}`, { phone: '138 1234 5678' }, other.version);
    expect(dup.statusCode).toBe(409);
    expect(dup.json<{ code: string; message: string }>()).toMatchObject({ code: 'CONTACT_DUPLICATE' });
    const noDate = await as.staff!.patch(
      `/api/contacts/${other.id}`,
      { legalBasis: 'consent' },
      other.version,
    );
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json<{ message: string }>().message).toContain('同意日期');
    const ok = await as.staff!.patch(url, { title: '副秘书长', email: null }, contact.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Contact>()).toMatchObject({ email: null, phone: '138****5678' });
    contact = ok.json<Contact>();
    const [event] = await auditRows('contact.update', contact.id);
    expect(JSON.parse(event!.detail!)).toEqual({ after: { fields: ['title', 'email'] } });
  });

  it("exports the person's own data as JSON and .xlsx, audited", async () => {
    const json = await as.staff!.get(`/api/contacts/${contact.id}/export`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    expect(json.json()).toMatchObject({
      contact: { id: contact.id, name: '张三', phone: PHONE, email: null, organisation: '民盟山东省委会' },
      heldBy: [],
    });
    const xlsx = await as.submitter!.get(`/api/contacts/${contact.id}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = book.getWorksheet('个人信息')!.getSheetValues().flat().map(String);
    expect(cells).toContain(PHONE);
    expect(cells).toContain('张三');
    expect(
      (await auditRows('contact.export', contact.id)).map((r) => JSON.parse(r.detail!) as unknown),
    ).toEqual([{ note: { format: 'json' } }, { note: { format: 'xlsx' } }]);
    expect((await as.leader!.get(`/api/contacts/${contact.id}/export`)).statusCode).toBe(403);
  });

  it('refuses to delete or anonymise a contact a case still holds, naming the holder, then deletes it', async () => {
    const held = await newContact(as.staff!, { organisationId: party.id, name: '钱七', legalBasis: 'duty' });
    const unregister = registerContactHolder({
      label: '提案',
      find: (_trx, id) => Promise.resolve(id === held.id ? ['《关于优化营商环境的提案》（办理中）'] : []),
    });
    try {
      const del = await as.staff!.request({
        method: 'DELETE',
        url: `/api/contacts/${held.id}`,
        ifMatch: held.version,
      });
      expect(del.statusCode).toBe(409);
      const body = del.json<{ code: string; message: string }>();
      expect(body.code).toBe('CONTACT_IN_USE');
      expect(body.message).toContain('不能删除');
      expect(body.message).toContain('提案：《关于优化营商环境的提案》（办理中）');
      const anon = await as.staff!.post(`/api/contacts/${held.id}/anonymise`, undefined, {
        'if-match': `"${held.version}"`,
      });
      expect(anon.statusCode).toBe(409);
      expect(anon.json<{ message: string }>().message).toContain('不能匿名化');
      const exported = await as.staff!.get(`/api/contacts/${held.id}/export`);
      expect(exported.json<{ heldBy: string[] }>().heldBy).toEqual([
        '提案：《关于优化营商环境的提案》（办理中）',
      ]);
    } finally {
      unregister();
    }
    expect((await as.staff!.request({ method: 'DELETE', url: `/api/contacts/${held.id}` })).statusCode).toBe(
      428,
    );
    const del = await as.staff!.request({
      method: 'DELETE',
      url: `/api/contacts/${held.id}`,
      ifMatch: held.version,
    });
    expect(del.statusCode, del.body).toBe(204);
    expect((await as.staff!.get(`/api/contacts/${held.id}`)).statusCode).toBe(404);
    expect(await auditRows('contact.delete', held.id)).toHaveLength(1);
  });

  it('anonymises a contact: identifying fields gone, the row kept, nothing left to unmask or export', async () => {
    const gone = await newContact(as.staff!, {
      organisationId: party.id,
      name: '孙八',
      title: '委员',
      phone: '13655556666',
      email: 'sun@example.com',
      legalBasis: 'duty',
    });
    const res = await as.staff!.post(`/api/contacts/${gone.id}/anonymise`, undefined, {
      'if-match': `"${gone.version}"`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Contact>()).toMatchObject({
      name: '（已匿名化）',
      phone: null,
      email: null,
      anonymised: true,
    });
    const row = await t.s.db.kysely
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', gone.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      title: null,
      phone_sealed: null,
      phone_index: null,
      email_sealed: null,
      email_index: null,
    });
    expect((await as.staff!.post(`/api/contacts/${gone.id}/unmask`, { field: 'phone' })).statusCode).toBe(
      409,
    );
    expect((await as.staff!.get(`/api/contacts/${gone.id}/export`)).json<{ code: string }>().code).toBe(
      'CONTACT_ANONYMISED',
    );
    expect(await auditRows('contact.anonymise', gone.id)).toHaveLength(1);
    // Its phone number is free again in the organisation.
    await newContact(as.staff!, {
      organisationId: party.id,
      name: '孙八',
      phone: '13655556666',
      legalBasis: 'duty',
    });
  });

  it('writes no phone number or e-mail address into the audit log', async () => {
    const rows = await t.s.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'like', 'contact%')
      .execute();
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(r.detail ?? '', r.action).not.toMatch(/1[3-9]\d{9}|@example\.com/);
      expect(r.detail ?? '', r.action).not.toContain('张三');
    }
  });
});
