import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { createDraft, node, outlineOf } from '../../modules/plans/testing/plan.fixtures.ts';

// A change and its audit record commit together: when the record cannot be written, the change is not
// made either.
describe.each(DIALECTS)('audit write failure rolls the change back (%s)', (dialect) => {
  let t: TestApp;
  let sysadmin: Agent;
  let staff: Agent;
  let planId: number;
  let planVersion: number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const world = await seedDemo(t);
    sysadmin = await world.signIn('sysadmin');
    staff = await world.signIn('staff');
    const outline = outlineOf('测试工作要点', 2030, [node('加强统战工作', '开展调研。')]);
    const plan = await createDraft(staff, {
      regionCode: '370000',
      year: 2030,
      title: outline.title,
      outline,
    });
    planId = plan.id;
    planVersion = plan.version;
    await breakAuditInserts(t);
  });
  afterAll(() => t.close());

  it('refuses a new unit and leaves no unit behind', async () => {
    const res = await sysadmin.post('/api/units', {
      regionCode: '370000',
      name: '不应存在的单位',
      kind: 'office',
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
    const found = await t.db.kysely
      .selectFrom('units')
      .select('id')
      .where('name', '=', '不应存在的单位')
      .execute();
    expect(found).toEqual([]);
  });

  it('refuses a new user and leaves no account behind', async () => {
    const res = await sysadmin.post('/api/users', { username: 'ghost_user', displayName: '幽灵' });
    expect(res.statusCode).toBe(500);
    const found = await t.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'ghost_user')
      .execute();
    expect(found).toEqual([]);
  });

  it('refuses a plan edit and keeps the plan at its version', async () => {
    const outline = outlineOf('测试工作要点', 2030, [node('改过的标题', '开展调研。')]);
    const res = await staff.put(`/api/plans/${planId}/outline`, { outline }, planVersion);
    expect(res.statusCode).toBe(500);
    const row = await t.db.kysely
      .selectFrom('plans')
      .select('version')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(planVersion);
    const headings = await t.db.kysely
      .selectFrom('plan_items')
      .select('heading')
      .where('plan_id', '=', planId)
      .execute();
    expect(headings.map((h) => h.heading)).toEqual(['加强统战工作']);
  });
});

async function breakAuditInserts(t: TestApp) {
  if (t.db.dialect.name === 'postgres') {
    await sql`create function audit_log_refuse() returns trigger language plpgsql as $$
      begin raise exception 'audit storage unavailable'; end $$`.execute(t.db.kysely);
    await sql`create trigger audit_log_refuse before insert on audit_log
      for each row execute function audit_log_refuse()`.execute(t.db.kysely);
  } else {
    await sql`create trigger audit_log_refuse before insert on audit_log
      begin select raise(abort, 'audit storage unavailable'); end`.execute(t.db.kysely);
  }
}
