import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp, buildServices } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { isRole, ROLES } from './core/access/roles.ts';
import { checkpointFile } from './core/audit/audit.checkpoints.ts';
import { verifyAuditChain } from './core/audit/audit.verify.ts';
import { writeLine, type CliIo } from './core/console-io.ts';
import { clockStartingAt } from './core/clock.ts';
import { AppError } from './core/errors.ts';
import { startJobRunner } from './core/jobs/job.runner.ts';
import { jobsListCommand, JobsUsageError } from './core/jobs/jobs.cli.ts';
import { JOB_HANDLERS, JOB_SCHEDULES } from './jobs.ts';
import { isDatabaseEmpty, seedDemoWorkspace, type DemoAccount } from './modules/demo/demo.seed.ts';
import { seedDemoHistory } from './modules/demo/demo.history.ts';
import { assertPasswordPolicy } from './modules/auth/auth.service.ts';
import {
  enableUserByName,
  insertNewUser,
  resetUserPasswordByName,
  resetUserTotpByName,
  unlockUserByName,
} from './modules/org/user.service.ts';
import { loadSecuritySettings } from './modules/security/security.settings.ts';
import { openDatabase, resolveSecretKey, tuneHeapForServing } from './runtime.ts';
import { planParseCommand } from './modules/plans/import/import.cli.ts';
import { seedDemoPlans } from './modules/plans/plan.demo.ts';
import { tasksExportCommand, tasksImportCommand, TasksUsageError } from './modules/tasks/excel/excel.cli.ts';
import { contactsResealCommand, ContactsUsageError } from './modules/contacts/index.ts';
import { casesLinkFilesCommand, casesReindexCommand, CasesUsageError } from './modules/cases/index.ts';

const USAGE = `用法 / usage: npx luoshi <command>

  serve                         start the server (default port 3000; PORT overrides)
  migrate                       create or update the database schema
  user create --username NAME --role ROLE [--region CODE] [--unit ID] [--name 显示名]
                                create an account; the password is read from standard input
  user unlock NAME              clear a lockout
  user enable NAME              re-enable a disabled account (and clear its lockout)
  user reset-totp NAME          clear an account's second factor; it enrols again at next sign-in
  user reset-password NAME      give an account a new one-time password (printed once)
  audit verify                  verify the audit hash chain (exit 0 when intact)
  jobs list [--status S] [--kind K] [--limit N]
                                background jobs, newest first: kind, status, attempts, last error
  plan parse FILE [--json]      parse a 工作要点 document (.txt or .docx) into an outline
  tasks import FILE.xlsx --plan ID [--dry-run] [--map 'name=unitId' …]
                                import a 任务分解表 into a published plan (exit 1 with the row report when invalid)
  tasks export --plan ID --out FILE.xlsx
                                export a plan's tasks as a 任务分解表
  contacts reseal [--batch N] [--after ID]
                                after a SECRET_KEY rotation (old key in SECRET_KEYS_RETIRED): seal and
                                index contacts' phone numbers and e-mail under the new key; resumable
  cases reindex [--rebuild]     index submitted proposals for 相似提案 (those before the index, too) and
                                take merged ones out; --rebuild empties the index and builds it again
  cases link-files [--batch N]  attach to their case the files that cases saved before case files were
                                attached name (content and answers); idempotent, audited

roles: ${ROLES.join(', ')}
environment: DATABASE_URL (file path or postgres://…), PORT, NODE_ENV, SECRET_KEY (production)`;

class UsageError extends Error {}

const SYSTEM_CTX = { actor: null, ip: 'cli', requestId: 'cli' };

/**
 * Runs one console command with the given streams and returns its exit code (serve: -1 while the server
 * runs). Nothing here ends the process: every line is written before the command returns, and the
 * caller sets process.exitCode.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err: unknown) {
    if (
      err instanceof UsageError ||
      err instanceof JobsUsageError ||
      err instanceof TasksUsageError ||
      err instanceof ContactsUsageError ||
      err instanceof CasesUsageError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      await writeLine(io.stderr, `${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof AppError) {
      await writeLine(io.stderr, err.message);
      return 1;
    }
    await writeLine(io.stderr, err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    await writeLine(io.stdout, USAGE);
    return command ? 0 : 2;
  }
  if (command === 'plan' && sub === 'parse') return planParseCommand(rest, io);
  const config = loadConfig(io.env ?? process.env);
  switch (command) {
    case 'serve':
      return serve(config, io);
    case 'migrate': {
      const db = await openDatabase(config);
      await db.close();
      await writeLine(io.stdout, '数据库已迁移到最新版本 / database migrated');
      return 0;
    }
    case 'user':
      if (sub === 'create') return userCreate(config, rest, io);
      if (sub === 'unlock') return userUnlock(config, rest, io);
      if (sub === 'reset-password') return userResetPassword(config, rest, io);
      if (sub === 'enable') return userEnable(config, rest, io);
      if (sub === 'reset-totp') return userResetTotp(config, rest, io);
      throw new UsageError(`unknown user command: ${sub ?? '(none)'}`);
    case 'audit':
      if (sub === 'verify') return auditVerify(config, io);
      throw new UsageError(`unknown audit command: ${sub ?? '(none)'}`);
    case 'tasks':
      if (sub === 'import' || sub === 'export') return tasksExcel(config, sub, rest, io);
      throw new UsageError(`unknown tasks command: ${sub ?? '(none)'}`);
    case 'contacts':
      if (sub === 'reseal') return contactsReseal(config, rest, io);
      throw new UsageError(`unknown contacts command: ${sub ?? '(none)'}`);
    case 'cases':
      if (sub === 'reindex') return casesReindex(config, rest, io);
      if (sub === 'link-files') return casesLinkFiles(config, rest, io);
      throw new UsageError(`unknown cases command: ${sub ?? '(none)'}`);
    case 'jobs':
      if (sub === 'list') return jobsList(config, rest, io);
      throw new UsageError(`unknown jobs command: ${sub ?? '(none)'}`);
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

async function tasksExcel(config: Config, sub: 'import' | 'export', args: string[], io: CliIo) {
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    const command = sub === 'import' ? tasksImportCommand : tasksExportCommand;
    return await command(s, SYSTEM_CTX, args, io);
  } finally {
    await db.close();
  }
}

async function contactsReseal(config: Config, args: string[], io: CliIo) {
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    return await contactsResealCommand(s, SYSTEM_CTX, args, io);
  } finally {
    await db.close();
  }
}

async function serve(config: Config, io: CliIo): Promise<number> {
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

async function readStdin(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) io.stderr.write('密码 / password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function userCreate(config: Config, args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  if (!values.username || !values.role) throw new UsageError('user create needs --username and --role');
  if (!isRole(values.role)) throw new UsageError(`unknown role "${values.role}"; roles: ${ROLES.join(', ')}`);
  if (values.unit !== undefined && !/^\d+$/.test(values.unit))
    throw new UsageError('--unit takes a numeric unit id');
  const password = await readStdin(io);
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    await assertPasswordPolicy(password, values.username, await loadSecuritySettings(db.kysely, config));
    const user = await insertNewUser(
      s,
      SYSTEM_CTX,
      {
        username: values.username,
        displayName: values.name ?? values.username,
        unitId: values.unit ? Number(values.unit) : null,
        regionCode: values.region ?? null,
      },
      { password, roles: [values.role], mustChange: false },
    );
    await writeLine(
      io.stdout,
      `已创建用户 ${user.username}（id ${user.id}，角色 ${values.role}） / user created`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function userUnlock(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user unlock needs a username');
  const db = await openDatabase(config);
  try {
    await unlockUserByName(
      buildServices({ config, db, secretKey: resolveSecretKey(config) }),
      SYSTEM_CTX,
      name,
    );
    await writeLine(io.stdout, `已解除锁定 ${name} / unlocked`);
    return 0;
  } finally {
    await db.close();
  }
}

async function userEnable(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user enable needs a username');
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    const user = await enableUserByName(s, SYSTEM_CTX, name);
    await writeLine(io.stdout, `已启用 ${user.username} / enabled`);
    return 0;
  } finally {
    await db.close();
  }
}

async function userResetTotp(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user reset-totp needs a username');
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    const user = await resetUserTotpByName(s, SYSTEM_CTX, name);
    await writeLine(
      io.stdout,
      `已重置 ${user.username} 的动态验证码，下次登录时重新绑定 / TOTP reset; enrol again at next sign-in`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function userResetPassword(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user reset-password needs a username');
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    const { initialPassword } = await resetUserPasswordByName(s, SYSTEM_CTX, name);
    await writeLine(
      io.stdout,
      `${name} 的一次性密码 / one-time password: ${initialPassword}\n首次登录须修改 / must be changed at next login`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function casesReindex(config: Config, args: string[], io: CliIo): Promise<number> {
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    return await casesReindexCommand(s, SYSTEM_CTX, args, io);
  } finally {
    await db.close();
  }
}

async function casesLinkFiles(config: Config, args: string[], io: CliIo): Promise<number> {
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    return await casesLinkFilesCommand(s, SYSTEM_CTX, args, io);
  } finally {
    await db.close();
  }
}

async function jobsList(config: Config, args: string[], io: CliIo): Promise<number> {
  const db = await openDatabase(config);
  try {
    return await jobsListCommand({ db }, args, io);
  } finally {
    await db.close();
  }
}

async function auditVerify(config: Config, io: CliIo): Promise<number> {
  const db = await openDatabase(config);
  try {
    const s = buildServices({ config, db, secretKey: resolveSecretKey(config) });
    const file = checkpointFile(config.dataDir);
    const verdict = await verifyAuditChain(db.kysely, s.auditKeys, file);
    const against = verdict.checkpoint
      ? `检查点 / checkpoint: row ${verdict.checkpoint.id} at ${verdict.checkpoint.at} (${file})`
      : `未找到检查点 / no checkpoint in ${file}`;
    if (verdict.ok) {
      await writeLine(
        io.stdout,
        `审计链完整 / audit chain intact: ${verdict.checked} rows checked\n${against}`,
      );
      if (verdict.warning) await writeLine(io.stderr, `注意 / warning: ${verdict.warning}`);
      return 0;
    }
    await writeLine(
      io.stderr,
      `审计链断裂 / audit chain broken at row ${verdict.brokenAt?.id}: ${verdict.brokenAt?.reason} (${verdict.checked} rows intact before it)\n${against}`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

/**
 * The program: the console's own streams, and the exit code set (not forced) once every line is written,
 * so a pipe reader gets the whole output. serve keeps the process running.
 */
export async function runMain(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
  if (code >= 0) process.exitCode = code;
}

// Started directly (`tsx watch server/main.ts serve` in development); bin/luoshi.mjs calls runMain().
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runMain();
