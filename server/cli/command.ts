// What every console command shares: the usage error that prints the usage text, the audit context of a
// change made on the console, and the database (and services) opened for one command and closed after it.
import { buildServices } from '../app.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import type { Services } from '../core/services.ts';
import { openDatabase, resolveSecretKey } from '../runtime.ts';

/** Bad arguments: runCli answers with the message, the usage text and exit code 2. */
export class UsageError extends Error {}

// Changes made on the console are audited with no actor, from 'cli'.
export const SYSTEM_CTX = { actor: null, ip: 'cli', requestId: 'cli' };

/** Runs `command` on the migrated database and closes it afterwards, whatever the command did. */
export async function withDatabase<T>(config: Config, command: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await command(db);
  } finally {
    await db.close();
  }
}

/** withDatabase, with the services built on that database (and the secret key) as the server has them. */
export function withServices<T>(config: Config, command: (s: Services, db: Db) => Promise<T>): Promise<T> {
  return withDatabase(config, (db) =>
    command(buildServices({ config, db, secretKey: resolveSecretKey(config) }), db),
  );
}
