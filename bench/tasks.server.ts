// The server side of `npm run bench:tasks`, run as a child process so the load generator does not share
// its event loop. It serves Luoshi on a database made by `npm run bench:data` exactly as `serve` would
// (production config, logger on) and, in the same process on a second port, bare Fastify with the two
// ceilings (bench/ceiling.ts): a constant route and the city staff's task list page read by ONE prepared
// statement with no authentication. Nothing in server/ registers those routes.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import SQLite from 'better-sqlite3';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase, tuneHeapForServing } from '../server/runtime.ts';
import { accountsFileOf, federationContactOf, type BenchAccounts } from './accounts.ts';
import { ceilingServer } from './ceiling.ts';
import { profiler } from './profiler.ts';

export interface TasksServerReady {
  kind: 'ready';
  appPort: number;
  ceilingPort: number;
  passwords: Record<string, string>;
  year: number;
  cityPath: string;
  taskId: number;
  tasks: number;
  reports: number;
  // Open report rows (due or draft, of tasks in progress) of units whose generated handler `b<unit>_0`
  // signs in with the staff password: each submission of the bench is a real write of a fresh period.
  submissions: Array<{ unit: number; taskId: number; periodKey: string; version: number }>;
  // A submitter of the provincial 工商联 made by bench:data (signs in with the staff password): issue 10's
  // pairing rows read the ledger as that 工商联's contact.
  federationContact: string;
}

function portOf(address: ReturnType<import('node:net').Server['address']>): number {
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

async function main() {
  const file = process.env.BENCH_DB!;
  const accounts = JSON.parse(fs.readFileSync(accountsFileOf(file), 'utf8')) as BenchAccounts;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: file,
    DATA_DIR: path.dirname(file),
    SECRET_KEY: accounts.secretKey,
    // Production asks business users for a second factor; after it a session is the same row.
    TOTP_REQUIRED_FOR_BUSINESS: 'false',
    // The bench signs in as the handlers of many units, one after another.
    LOGIN_RATE_PER_MINUTE: '100000',
  });
  tuneHeapForServing();
  const db = await openDatabase(config);
  const { app } = await buildApp({ config, db, secretKey: Buffer.from(accounts.secretKey, 'hex') });
  await app.listen({ port: 0, host: '127.0.0.1' });

  const conn = new SQLite(file, { readonly: true });
  const year = new Date().getFullYear();
  const cityPath = '370000/370100';
  const { taskId } = conn
    .prepare(`select max(id) as taskId from tasks where year = ? and region_path = ?`)
    .get(year, cityPath) as { taskId: number };
  const { tasks } = conn.prepare('select count(*) as tasks from tasks').get() as { tasks: number };
  const { reports } = conn.prepare('select count(*) as reports from progress_reports').get() as {
    reports: number;
  };
  const submissions = conn
    .prepare(
      `select p.lead_unit_id as unit, p.task_id as taskId, p.period_key as periodKey, p.version
         from progress_reports p join tasks t on t.id = p.task_id join units u on u.id = p.lead_unit_id
        where p.status in ('due', 'draft') and t.status = 'accepted' and u.kind <> 'department'
          and exists (select 1 from users where username = 'b' || p.lead_unit_id || '_0')
          and p.lead_unit_id in (
            select lead_unit_id from progress_reports where status in ('due', 'draft')
             group by lead_unit_id order by count(*) desc limit ?)
        order by p.lead_unit_id, p.task_id, p.period_key`,
    )
    .all(Number(process.env.BENCH_SUBMIT_UNITS ?? 150)) as TasksServerReady['submissions'];
  const ceiling = ceilingServer(conn, year, cityPath);
  await ceiling.listen({ port: 0, host: '127.0.0.1' });

  const federationContact = federationContactOf(conn);
  const ready: TasksServerReady = {
    kind: 'ready',
    appPort: portOf(app.server.address()),
    ceilingPort: portOf(ceiling.server.address()),
    passwords: accounts.passwords,
    year,
    cityPath,
    taskId,
    tasks,
    reports,
    submissions,
    federationContact,
  };
  process.send!(ready);
  process.on('message', (msg: { kind: string; file?: string }) => {
    if (msg.kind === 'rss') {
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      const spaces = Object.fromEntries(
        v8.getHeapSpaceStatistics().map((x) => [x.space_name, x.physical_space_size]),
      );
      const now = { rss, heapUsed, heapTotal, external, ...spaces };
      process.send!({ kind: 'rss', maxRssKb: process.resourceUsage().maxRSS, now });
    }
    if (msg.kind === 'profile-start') void profiler.start();
    if (msg.kind === 'profile-stop')
      void profiler.stop(msg.file!).then(() => process.send!({ kind: 'profiled' }));
    if (msg.kind === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ kind: 'cpu', micros: user + system });
    }
    if (msg.kind === 'stop') {
      void (async () => {
        await ceiling.close();
        conn.close();
        await app.close();
        await db.close();
        process.disconnect();
      })();
    }
  });
}

await main();
