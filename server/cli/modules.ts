// The commands a module defines itself (its *.cli.ts: tasks import/export, contacts reseal, cases
// reindex/link-files, jobs list): the console opens the database and the services around each and
// closes them after it.
import type { Config } from '../config.ts';
import type { CliIo } from '../core/console-io.ts';
import { jobsListCommand } from '../core/jobs/jobs.cli.ts';
import { tasksExportCommand, tasksImportCommand } from '../modules/tasks/excel/excel.cli.ts';
import { contactsResealCommand } from '../modules/contacts/index.ts';
import { casesLinkFilesCommand, casesReindexCommand } from '../modules/cases/index.ts';
import { SYSTEM_CTX, withDatabase, withServices } from './command.ts';

export function tasksExcel(
  config: Config,
  sub: 'import' | 'export',
  args: string[],
  io: CliIo,
): Promise<number> {
  const command = sub === 'import' ? tasksImportCommand : tasksExportCommand;
  return withServices(config, (s) => command(s, SYSTEM_CTX, args, io));
}

export function contactsReseal(config: Config, args: string[], io: CliIo): Promise<number> {
  return withServices(config, (s) => contactsResealCommand(s, SYSTEM_CTX, args, io));
}

export function casesReindex(config: Config, args: string[], io: CliIo): Promise<number> {
  return withServices(config, (s) => casesReindexCommand(s, SYSTEM_CTX, args, io));
}

export function casesLinkFiles(config: Config, args: string[], io: CliIo): Promise<number> {
  return withServices(config, (s) => casesLinkFilesCommand(s, SYSTEM_CTX, args, io));
}

export function jobsList(config: Config, args: string[], io: CliIo): Promise<number> {
  return withDatabase(config, (db) => jobsListCommand({ db }, args, io));
}
