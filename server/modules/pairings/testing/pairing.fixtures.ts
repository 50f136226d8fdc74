// A 工商联 with its people and member enterprises, for the pairings' tests (and other modules' tests).
import { generatePassword } from '../../../core/auth/password.ts';
import { signIn, type Agent, type TestApp } from '../../../../test/app.ts';
import { insertNewUser } from '../../org/index.ts';

export interface Federation {
  federationId: number;
  enterpriseId: number;
  contactId: number;
  contact: Agent;
}

/** Staff enter a 工商联 (linked to a unit of its own), one member enterprise and its contact person; a
 * submitter of that unit signs in. */
export async function federationWithEnterprise(
  t: TestApp,
  staff: Agent,
  opts: { unitName: string; federation: string; enterprise: string; regionCode: string; username: string },
): Promise<Federation> {
  const unit =
    (await t.s.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', opts.unitName)
      .executeTakeFirst()) ??
    (await t.s.db.kysely
      .insertInto('units')
      .values({
        region_code: opts.regionCode,
        name: opts.unitName,
        kind: 'federation',
        parent_id: null,
        aliases: '[]',
        status: 'active',
        created_at: '2026-01-01T00:00:00+08:00',
        updated_at: '2026-01-01T00:00:00+08:00',
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  const federation = await staff.post('/api/contact-organisations', {
    regionCode: opts.regionCode,
    kind: 'federation',
    name: opts.federation,
    unitId: unit.id,
  });
  if (federation.statusCode !== 201) throw new Error(federation.body);
  const federationId = federation.json<{ id: number }>().id;
  const enterprise = await staff.post('/api/contact-organisations', {
    regionCode: opts.regionCode,
    kind: 'enterprise',
    name: opts.enterprise,
    federationId,
  });
  if (enterprise.statusCode !== 201) throw new Error(enterprise.body);
  const enterpriseId = enterprise.json<{ id: number }>().id;
  const contact = await staff.post('/api/contacts', {
    organisationId: enterpriseId,
    name: '王经理',
    phone: '13800000000',
    legalBasis: 'duty',
  });
  if (contact.statusCode !== 201) throw new Error(contact.body);
  const password = generatePassword();
  await insertNewUser(
    t.s,
    { actor: null, ip: '127.0.0.1', requestId: 'test' },
    { username: opts.username, displayName: opts.username, unitId: unit.id, regionCode: opts.regionCode },
    { password, roles: ['submitter'], mustChange: false },
  );
  return {
    federationId,
    enterpriseId,
    contactId: contact.json<{ id: number }>().id,
    contact: await signIn(t, opts.username, password),
  };
}
