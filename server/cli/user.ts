// `luoshi user …`: the accounts an administrator needs without the web app — the first one, and those
// locked out, disabled, or without their second factor or password.
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { isRole, ROLES } from '../core/access/roles.ts';
import { writeLine, type CliIo } from '../core/console-io.ts';
import { assertPasswordPolicy } from '../modules/auth/auth.service.ts';
import {
  enableUserByName,
  insertNewUser,
  resetUserPasswordByName,
  resetUserTotpByName,
  unlockUserByName,
} from '../modules/org/user.service.ts';
import { loadSecuritySettings } from '../modules/security/security.settings.ts';
import { SYSTEM_CTX, UsageError, withServices } from './command.ts';

async function readStdin(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) io.stderr.write('密码 / password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export async function userCreate(config: Config, args: string[], io: CliIo): Promise<number> {
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
  // Held as checked above: the callback below would see them unchecked again.
  const username = values.username;
  const role = values.role;
  const password = await readStdin(io);
  return withServices(config, async (s, db) => {
    await assertPasswordPolicy(password, username, await loadSecuritySettings(db.kysely, config));
    const user = await insertNewUser(
      s,
      SYSTEM_CTX,
      {
        username,
        displayName: values.name ?? username,
        unitId: values.unit ? Number(values.unit) : null,
        regionCode: values.region ?? null,
      },
      { password, roles: [role], mustChange: false },
    );
    await writeLine(io.stdout, `已创建用户 ${user.username}（id ${user.id}，角色 ${role}） / user created`);
    return 0;
  });
}

export async function userUnlock(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user unlock needs a username');
  return withServices(config, async (s) => {
    await unlockUserByName(s, SYSTEM_CTX, name);
    await writeLine(io.stdout, `已解除锁定 ${name} / unlocked`);
    return 0;
  });
}

export async function userEnable(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user enable needs a username');
  return withServices(config, async (s) => {
    const user = await enableUserByName(s, SYSTEM_CTX, name);
    await writeLine(io.stdout, `已启用 ${user.username} / enabled`);
    return 0;
  });
}

export async function userResetTotp(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user reset-totp needs a username');
  return withServices(config, async (s) => {
    const user = await resetUserTotpByName(s, SYSTEM_CTX, name);
    await writeLine(
      io.stdout,
      `已重置 ${user.username} 的动态验证码，下次登录时重新绑定 / TOTP reset; enrol again at next sign-in`,
    );
    return 0;
  });
}

export async function userResetPassword(config: Config, args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('user reset-password needs a username');
  return withServices(config, async (s) => {
    const { initialPassword } = await resetUserPasswordByName(s, SYSTEM_CTX, name);
    await writeLine(
      io.stdout,
      `${name} 的一次性密码 / one-time password: ${initialPassword}\n首次登录须修改 / must be changed at next login`,
    );
    return 0;
  });
}
