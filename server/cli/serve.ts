// `luoshi serve`: the server, its job runner and, on an empty database outside production, the demo
// workspace with its accounts announced once.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, buildServices } from '../app.ts';
import type { Config } from '../config.ts';
import { writeLine, type CliIo } from '../core/console-io.ts';
import { clockStartingAt } from '../core/clock.ts';
import { startJobRunner } from '../core/jobs/job.runner.ts';
import { JOB_HANDLERS, JOB_SCHEDULES } from '../jobs.ts';
import { isDatabaseEmpty, seedDemoWorkspace, type DemoAccount } from '../modules/demo/demo.seed.ts';
import { seedDemoHistory } from '../modules/demo/demo.history.ts';
import { seedDemoPlans } from '../modules/plans/plan.demo.ts';
import { openDatabase, resolveSecretKey, tuneHeapForServing } from '../runtime.ts';

export async function serve(config: Config, io: CliIo): Promise<number> {
  tuneHeapForServing();
  const db = await openDatabase(config);
  const secretKey = resolveSecretKey(config);
  const { app, services } = await buildApp({
    config,
    db,
    secretKey,
    ...(config.clockStart ? { clock: clockStartingAt(config.clockStart) } : {}),
  });
  if (config.env !== 'production' && (await isDatabaseEmpty(services))) {
    const accounts = await seedDemoWorkspace(services);
    await seedDemoPlans(services);
    // The demo year so far, played by the same services on a clock stepped from January to now.
    const history = await seedDemoHistory(
      services,
      (clock) => buildServices({ config, db, secretKey, clock }),
      accounts.map((a) => a.username),
    );
    await announceDemoAccounts(config, accounts, io);
    if (history)
      await writeLine(
        io.stdout,
        `演示数据 / demo: ${history.tasks} 项任务 tasks, ${history.reports} 份进度报告 reports (${history.seconds.toFixed(1)} s)`,
      );
  }
  // The job runner starts with the server (never in the console's commands): it polls for due jobs and
  // keeps the schedules' next occurrences in the queue.
  const jobs = startJobRunner(services, JOB_HANDLERS, {
    schedules: JOB_SCHEDULES,
    pollMs: config.jobs.pollSeconds * 1000,
    backoffBaseMs: config.jobs.retryBaseSeconds * 1000,
    backoffCapMs: config.jobs.retryCapSeconds * 1000,
    log: app.log,
  });
  // On a signal: stop taking requests and jobs, finish the requests in flight and the job in hand, close
  // the database, and let the process end by itself so log lines still queued for a pipe are written.
  const close = async () => {
    await Promise.all([jobs.stop(), app.close()]);
    await db.close();
    process.exitCode = 0;
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ port: config.port, host: config.host });
  await writeLine(
    io.stdout,
    `落实 Luoshi 已启动: http://localhost:${config.port}  (database: ${db.dialect.name})` +
      (config.clockStart
        ? `\n时钟从 LUOSHI_NOW=${config.clockStart.toISOString()} 起算（仅用于测试与演示）`
        : ''),
  );
  return -1; // keep running
}

async function announceDemoAccounts(config: Config, accounts: DemoAccount[], io: CliIo) {
  // The name column as wide as the longest name, so every password starts in the same column.
  const width = Math.max(12, ...accounts.map((a) => a.username.length));
  const lines = [
    '演示账户（密码只显示这一次）/ demo accounts (one-time passwords, shown once):',
    ...accounts.map(
      (a) =>
        `  ${a.username.padEnd(width)} ${a.password}   ${a.role.padEnd(10)} ${a.displayName}（${a.unit}）`,
    ),
    '首次登录须修改密码；系统管理员、安全管理员、审计管理员还需绑定动态验证码 (TOTP).',
    'At first sign-in each account chooses its own password; sysadmin, secadmin and auditor also bind TOTP.',
  ];
  await writeLine(io.stdout, `\n${lines.join('\n')}\n`);
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(config.dataDir, 'demo-accounts.txt');
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
