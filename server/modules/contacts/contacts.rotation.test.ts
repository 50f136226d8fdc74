import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { PersonalDataBox } from '../../core/personal-data.ts';
import type { Services } from '../../core/services.ts';
import {
  createTestApp,
  idempotencyKey,
  seedDemo,
  signIn,
  type Agent,
  type DemoWorld,
  type TestApp,
} from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { contactsResealCommand } from './index.ts';
import { resealContacts } from './reseal.service.ts';

const SYSTEM = { actor: null, ip: 'cli', requestId: 'cli' };
const PHONES = ['13900000001', '13900000002', '13900000003', '13900000004', '13900000005'];

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

async function reseal(s: Services, args: string[]) {
  const stdout = new Collected();
  const stderr = new Collected();
  const code = await contactsResealCommand(s, SYSTEM, args, { stdin: Readable.from([]), stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe.each(DIALECTS)('联系人：密钥轮换后重新加密与索引 (%s)', (dialect) => {
  let t: TestApp;
  let world: DemoWorld;
  const ids: number[] = [];
  const newKey = crypto.randomBytes(32);
  const apps: { close(): Promise<unknown> }[] = [];

  // Another app on the same database, as after a restart with a rotated SECRET_KEY.
  async function restartWith(secretKey: Buffer, retired: Buffer[]) {
    const { app, services } = await buildApp({
      config: { ...t.config, retiredSecretKeys: retired },
      db: t.db,
      clock: t.clock,
      secretKey,
      logger: false,
    });
    await app.ready();
    apps.push(app);
    const staff = await signIn({ ...t, app, s: services }, 'staff', world.accounts.staff!.password);
    return { s: services, staff };
  }

  const findByPhone = async (staff: Agent, phone: string) =>
    (await staff.get(`/api/contacts?q=${phone}`)).json<{ items: { id: number; phone: string }[] }>().items;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await seedDemo(t);
    const staff = await world.signIn('staff');
    const org = await staff.post(
      '/api/contact-organisations',
      { regionCode: '370000', kind: 'party', name: '轮换测试委员会' },
      { 'idempotency-key': idempotencyKey() },
    );
    expect(org.statusCode, org.body).toBe(201);
    for (const [i, phone] of PHONES.entries()) {
      const res = await staff.post(
        '/api/contacts',
        {
          organisationId: org.json<{ id: number }>().id,
          name: `测试${i}`,
          phone,
          email: `person${i}@example.test`,
          legalBasis: 'duty',
        },
        { 'idempotency-key': idempotencyKey() },
      );
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<{ id: number }>().id);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t.close();
  });

  it('finds, re-seals in resumable batches, and then needs only the new key', async () => {
    const rotated = await restartWith(newKey, [t.secretKey]);
    // Before the re-seal: the old rows still open (retired key) and are still found by phone.
    expect((await findByPhone(rotated.staff, PHONES[2]!)).map((c) => c.phone)).toEqual(['139****0003']);

    // A run that stops after its first batch (a crash) has committed that batch, and no more.
    let batches = 0;
    await expect(
      resealContacts(rotated.s, SYSTEM, {
        batchSize: 2,
        onBatch: () => {
          batches++;
          return Promise.reject(new Error('interrupted'));
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(batches).toBe(1);

    // Started again, it skips the rows already current and prints its progress per batch.
    const run = await reseal(rotated.s, ['--batch', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('--after');
    expect(run.stdout).toContain(`重新加密 ${PHONES.length - 2} 人`);
    const again = await reseal(rotated.s, ['--batch', '2']);
    expect(again.stdout).toContain('重新加密 0 人');

    const audit = await t.s.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'contact.reseal')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.every((a) => a.actor_id === null)).toBe(true);
    expect(audit.map((a) => a.detail).join('')).not.toContain('13900');

    // Every row now opens under the new key alone and carries the new key's blind index.
    const fresh = new PersonalDataBox(newKey);
    const rows = await t.s.db.kysely
      .selectFrom('contacts')
      .select(['id', 'phone_sealed', 'phone_index'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => fresh.open(r.phone_sealed!))).toEqual(PHONES);
    expect(rows.map((r) => r.phone_index)).toEqual(PHONES.map((p) => fresh.blindIndex('phone', p)));

    // A server that no longer knows the old key finds the person by phone and shows the number.
    const later = await restartWith(newKey, []);
    const found = await findByPhone(later.staff, '139 0000 0004');
    expect(found.map((c) => c.id)).toEqual([ids[3]]);
    const unmask = await later.staff.post(`/api/contacts/${ids[3]}/unmask`, { field: 'phone' });
    expect(unmask.statusCode, unmask.body).toBe(200);
    expect(unmask.json()).toEqual({ field: 'phone', value: PHONES[3] });
  });

  it('leaves no readable phone number in the database after the re-seal', async () => {
    if (dialect === 'sqlite') {
      await sql`pragma wal_checkpoint(full)`.execute(t.s.db.kysely);
      const raw = Buffer.concat(
        [t.db.location, `${t.db.location}-wal`]
          .filter((f) => fs.existsSync(f))
          .map((f) => fs.readFileSync(f)),
      ).toString('latin1');
      for (const phone of PHONES) expect(raw).not.toContain(phone);
      expect(raw).not.toContain('@example.test');
    } else {
      for (const table of ['contacts', 'audit_log']) {
        const { rows } = await sql<{ t: string }>`select t::text as t from ${sql.table(table)} t`.execute(
          t.s.db.kysely,
        );
        const dump = rows.map((r) => r.t).join('\n');
        for (const phone of PHONES) expect(dump, table).not.toContain(phone);
      }
    }
  });
});
