// The console (`npx luoshi <command>`): its usage text and which command runs; the commands themselves
// live by area in cli/ (serve, user, audit, and the modules' own commands).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { ROLES } from './core/access/roles.ts';
import { writeLine, type CliIo } from './core/console-io.ts';
import { AppError } from './core/errors.ts';
import { JobsUsageError } from './core/jobs/jobs.cli.ts';
import { openDatabase } from './runtime.ts';
import { planParseCommand } from './modules/plans/import/import.cli.ts';
import { TasksUsageError } from './modules/tasks/excel/excel.cli.ts';
import { ContactsUsageError } from './modules/contacts/index.ts';
import { CasesUsageError } from './modules/cases/index.ts';
import { auditVerify } from './cli/audit.ts';
import { UsageError } from './cli/command.ts';
import { casesLinkFiles, casesReindex, contactsReseal, jobsList, tasksExcel } from './cli/modules.ts';
import { serve } from './cli/serve.ts';
import { userCreate, userEnable, userResetPassword, userResetTotp, userUnlock } from './cli/user.ts';

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
