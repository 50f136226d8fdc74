// The second app instance of the SQLite two-instance job test: a process of its own with its own
// connection to the database file. Prints "ready", runs test.race jobs until none is left, then prints
// how many it ran.
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { runRaceInstance } from './job-race.ts';

const [file, workerId] = process.argv.slice(2);
if (!file || !workerId) throw new Error('usage: job-race-worker.ts FILE WORKER_ID');
const db = createSqliteDb(file);
process.stdout.write('ready\n');
const ran = await runRaceInstance(db, { workerId, concurrency: 2 });
await db.close();
process.stdout.write(`ran ${ran}\n`);
