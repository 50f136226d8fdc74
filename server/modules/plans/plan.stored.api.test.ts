import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedDemo, type Agent, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import { parseMeta, parseVersion, StoredDataError } from './plan.stored.ts';
import { createDraft, node, outlineOf, type PlanOut } from './testing/plan.fixtures.ts';

describe('stored plan outlines are read through their schemas', () => {
  it('reads a complete row, and fills the outline parts an older row lacks', () => {
    expect(parseMeta('{"preamble":"前言"}')).toEqual({
      preamble: '前言',
      closing: '',
      brandActivities: [],
      removed: [],
      warnings: [],
    });
  });

  it('names the row and the field when stored data is malformed', () => {
    expect(() => parseMeta('{"preamble":42}', 'plan 7 outline parts')).toThrow(StoredDataError);
    expect(() => parseMeta('{"preamble":42}', 'plan 7 outline parts')).toThrow(
      /plan 7 outline parts[^]*at preamble/,
    );
    expect(() => parseMeta('not json', 'plan 7 outline parts')).toThrow(
      /plan 7 outline parts: stored text is not JSON/,
    );
    expect(() => parseVersion('{"title":"t","nodes":[{"heading":"x"}]}', 'plan 7 version 2 outline')).toThrow(
      /plan 7 version 2 outline.*\n[^]*lead/,
    );
  });
});

describe.each(DIALECTS)('a damaged stored version is refused, never written back (%s)', (dialect) => {
  let t: TestApp;
  let staff: Agent;
  let plan: PlanOut;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    staff = await (await seedDemo(t)).signIn('staff');
    plan = await createDraft(staff, {
      regionCode: '370000',
      year: 2023,
      title: '2023年要点',
      outline: outlineOf('2023年要点', 2023, [node('一项', '正文')]),
    });
    // Version 1 as someone with write access to the database file left it: the preamble is not text.
    const row = await t.db.kysely
      .selectFrom('plan_versions')
      .select('outline')
      .where('plan_id', '=', plan.id)
      .where('version_no', '=', 1)
      .executeTakeFirstOrThrow();
    const damaged = { ...(JSON.parse(row.outline) as object), preamble: 42 };
    await t.db.kysely
      .updateTable('plan_versions')
      .set({ outline: JSON.stringify(damaged) })
      .where('plan_id', '=', plan.id)
      .where('version_no', '=', 1)
      .execute();
  });
  afterAll(() => t.close());

  it('answers 500 to opening it', async () => {
    const res = await staff.get(`/api/plans/${plan.id}/versions/1`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses to restore it, and the plan stays as it was', async () => {
    const res = await staff.request({
      method: 'POST',
      url: `/api/plans/${plan.id}/versions/1/restore`,
      ifMatch: plan.version,
    });
    expect(res.statusCode).toBe(500);
    const after = await staff.get(`/api/plans/${plan.id}`);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json<PlanOut>().version).toBe(plan.version);
  });
});
