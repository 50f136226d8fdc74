import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/db.ts';
import { findSetting, saveSettingVersioned } from './settings.repository.ts';

const NOW = '2026-11-28T00:00:00.000Z';

describe.each(DIALECTS)('settings rows (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(() => db.close());

  const save = (value: string, expected: number) =>
    db.kysely.transaction().execute((trx) => saveSettingVersioned(trx, 'test.key', value, expected, NOW));

  it('saves at version 0 once, then only at the current version', async () => {
    expect(await findSetting(db.kysely, 'test.key')).toBeUndefined();
    expect(await save('"a"', 0)).toBe(true);
    expect(await findSetting(db.kysely, 'test.key')).toEqual({ value: '"a"', version: 1 });
    expect(await save('"b"', 0)).toBe(false); // a second first save: no primary-key error
    expect(await save('"b"', 2)).toBe(false);
    expect(await save('"b"', 1)).toBe(true);
    expect(await findSetting(db.kysely, 'test.key')).toEqual({ value: '"b"', version: 2 });
  });
});
