// The server side of `npm run bench:http`, run as a child process so the load generator does not share its
// event loop. It generates a database (the demo workspace plus enough plans to page through), starts
// Luoshi on it exactly as `serve` would (production config, logger on), and — in the same process, on a
// second port — a bare Fastify instance with the two ceilings: a constant route and a prepared-statement
// page query on the same database file. The ceiling routes exist only here: nothing in server/ registers
// them, so the product never serves them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import type { RequestContext } from '../server/core/access/actor.ts';
import { seedDemoWorkspace } from '../server/modules/demo/demo.seed.ts';
import { seedDemoPlans } from '../server/modules/plans/plan.demo.ts';
import { insertPlanWithTree } from '../server/modules/plans/plan.service.ts';
import { CITIES, JINAN_COUNTIES, PROVINCE } from '../server/modules/demo/demo.data.ts';
import { openDatabase } from '../server/runtime.ts';
import { profiler } from './profiler.ts';

export interface ServerReady {
  kind: 'ready';
  appPort: number;
  ceilingPort: number;
  password: string;
  provincePlanId: number;
  plans: number;
}

const SYSTEM: RequestContext = { actor: null, ip: 'bench', requestId: 'bench-seed' };
// Years of generated plans per region: 29 regions × 8 years ≈ 230 plans, about a dozen pages of 20.
const YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021];

function outlineOf(title: string) {
  const leaf = (heading: string, body: string) => ({
    number: null,
    heading,
    body,
    children: [],
    lead: [],
    cooperating: [],
    brandActivities: [],
    proposedTasks: [],
  });
  return {
    title,
    year: null,
    preamble: '',
    closing: '',
    brandActivities: [],
    removed: [],
    warnings: [],
    nodes: ['一', '二', '三'].map((number, i) => ({
      ...leaf(`第${number}部分`, ''),
      number,
      children: [1, 2, 3].map((k) =>
        leaf(`要点 ${i + 1}.${k}`, '加强思想政治引领，凝聚共识，服务发展大局，推动各项工作落实落地。'),
      ),
    })),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
  const file = path.join(dir, 'luoshi.db');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: file,
    DATA_DIR: dir,
    SECRET_KEY: crypto.randomBytes(32).toString('hex'),
    // The production default asks business users for a second factor; the bench signs in with a password
    // only. After the TOTP step a session is the same row, so the request path measured is the same.
    TOTP_REQUIRED_FOR_BUSINESS: 'false',
  });
  const db = await openDatabase(config);
  const { app, services } = await buildApp({ config, db, secretKey: crypto.randomBytes(32) });
  const accounts = await seedDemoWorkspace(services, { passwordsMustChange: false });
  await seedDemoPlans(services);
  const regions = [[PROVINCE.code], ...CITIES, ...JINAN_COUNTIES].map((r) => r[0]);
  for (const year of YEARS)
    for (const regionCode of regions) {
      const title = `${year}年统战工作要点`;
      await insertPlanWithTree(services, SYSTEM, {
        regionCode,
        year,
        title,
        outline: outlineOf(title),
        sourceText: title,
      });
    }
  const province = await db.kysely
    .selectFrom('plans')
    .select('id')
    .where('region_code', '=', PROVINCE.code)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  const { n } = await db.kysely
    .selectFrom('plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  await app.listen({ port: 0, host: '127.0.0.1' });
  const ceiling = await startCeilings(file);

  const staff = accounts.find((a) => a.username === 'staff');
  if (!staff) throw new Error('the demo workspace has no staff account');
  const ready: ServerReady = {
    kind: 'ready',
    appPort: portOf(app.server.address()),
    ceilingPort: portOf(ceiling.server.address()),
    password: staff.password,
    provincePlanId: province.id,
    plans: Number(n),
  };
  process.send!(ready);
  process.on('message', (msg: { kind: string; file?: string }) => {
    if (msg.kind === 'rss') process.send!({ kind: 'rss', maxRssKb: process.resourceUsage().maxRSS });
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
        await app.close();
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
        process.disconnect();
      })();
    }
  });
}

function portOf(address: ReturnType<import('node:net').Server['address']>): number {
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

// The ceilings: what bare Fastify answers on this machine, with no hooks, with and without one
// prepared query reading the same page the plans list reads.
async function startCeilings(file: string) {
  const conn = new SQLite(file, { readonly: true });
  const page = conn.prepare(
    `select p.id, p.year, p.title, p.status, p.version, p.created_at, p.updated_at, p.published_at,
            r.code as region_code, r.name as region_name, r.level as region_level,
            (select count(*) from plan_items i where i.plan_id = p.id) as item_count
       from plans p join regions r on r.code = p.region_code
      order by p.year desc, p.id desc limit ?`,
  );
  const ceiling = Fastify({ logger: false });
  ceiling.get('/bare', () => ({ ok: true }));
  ceiling.get('/page', () => ({ items: page.all(21).slice(0, 20), nextCursor: null }));
  ceiling.addHook('onClose', () => {
    conn.close();
  });
  await ceiling.listen({ port: 0, host: '127.0.0.1' });
  return ceiling;
}

await main();
