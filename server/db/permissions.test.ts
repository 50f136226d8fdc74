import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSecretKey } from '../runtime.ts';
import { testConfig } from '../../test/app.ts';
import { createSqliteDb } from './dialect/sqlite.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-perm-'));
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('files the server creates are readable by their owner only', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates the database folder 0700 and the database, -wal and -shm files 0600', async () => {
    const file = path.join(root, 'data', 'luoshi.db');
    const db = createSqliteDb(file);
    try {
      await db.kysely.schema.createTable('probe').addColumn('id', 'integer').execute();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      expect(modeOf(path.dirname(file))).toBe(0o700);
    } finally {
      await db.close();
    }
  });

  it('creates the secret key 0600 in a folder of 0700', () => {
    const dataDir = path.join(root, 'secrets');
    resolveSecretKey({ ...testConfig(), dataDir });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'secret.key'))).toBe(0o600);
  });
});
