import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { DIALECTS } from '../../../test/db.ts';
import {
  contactCreateBody,
  contactSchema,
  contactUpdateBody,
  organisationCreateBody,
  organisationSchema,
} from './contact.schemas.ts';

// Issue 9 §6 and docs/security.md (Personal data): the directory holds no field for religion, ethnicity,
// political views or any judgement of a person. Checked on the tables as migrated (both databases) and on
// every schema the API takes or answers, so neither a migration nor a form can add one quietly.
const FORBIDDEN =
  /relig|faith|belief|ethnic|nation|race|politic|party_member|ideolog|thought|opinion|judg|assess|evaluat|rating|score|grade|remark|宗教|信仰|民族|政治|思想|评价|鉴定|表现/i;
const TABLES = ['contacts', 'contact_organisations'] as const;

// Fields that are about organisations, not people: an organisation's kind may be a party (民主党派).
const ORGANISATION_ONLY = new Set(['kind', 'organisationKind']);

function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) return Object.keys(shape);
  const inner = (schema as unknown as { def?: { in?: z.ZodType; schema?: z.ZodType } }).def;
  const next = inner?.in ?? inner?.schema;
  if (!next) throw new Error('a schema without a shape');
  return keysOf(next);
}

describe.each(DIALECTS)('contacts hold no beliefs, origins or judgements of a person (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('has no such column in the contacts tables', async () => {
    const tables = await t.s.db.kysely.introspection.getTables();
    for (const name of TABLES) {
      const table = tables.find((x) => x.name === name);
      expect(table, name).toBeDefined();
      const columns = table!.columns.map((c) => c.name);
      expect(columns).toContain('name');
      expect(
        columns.filter((c) => FORBIDDEN.test(c)),
        name,
      ).toEqual([]);
    }
  });

  it('has no such field in what the API takes or answers', () => {
    const schemas = {
      contactCreateBody,
      contactUpdateBody,
      contactSchema,
      organisationCreateBody,
      organisationSchema,
    };
    for (const [name, schema] of Object.entries(schemas)) {
      const keys = keysOf(schema).filter((k) => !ORGANISATION_ONLY.has(k));
      expect(keys.length, name).toBeGreaterThan(3);
      expect(
        keys.filter((k) => FORBIDDEN.test(k)),
        name,
      ).toEqual([]);
    }
  });

  it('would notice such a column', () => {
    for (const c of [
      'religion',
      'ethnicity',
      'political_views',
      'political_affiliation',
      'assessment',
      'minzu_民族',
    ])
      expect(FORBIDDEN.test(c), c).toBe(true);
  });
});
