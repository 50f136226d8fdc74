import crypto from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { safeEqual } from '../crypto.ts';

const pbkdf2 = promisify(crypto.pbkdf2);

// Stored as `pbkdf2-sm3$<iterations>$<salt b64>$<hash b64>` so the iteration count can be raised later
// without invalidating existing passwords.
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await pbkdf2(password.normalize('NFC'), salt, iterations, 32, 'sm3');
  return `pbkdf2-sm3$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sm3' || !iter || !salt || !hash) return false;
  const derived = await pbkdf2(
    password.normalize('NFC'),
    Buffer.from(salt, 'base64'),
    Number(iter),
    32,
    'sm3',
  );
  return safeEqual(derived.toString('base64'), hash);
}

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
  forbidUsername: boolean;
}

// Each rule in the words a person reads, both in the list of rules the password form shows and in the
// reasons a refused password is given: one wording, so the two never disagree.
const RULE_TEXT = {
  minLength: (n: number) => `长度至少 ${n} 个字符`,
  minClasses: (n: number) => `须包含小写字母、大写字母、数字、符号中的至少 ${n} 类`,
  forbidUsername: '不能包含用户名',
  notCommon: '不能是常见密码（如 Password123!）',
  notBlank: '不能主要由空格组成',
};

export interface PasswordRule {
  // Which rule, so a form can check the ones it knows as the user types; the text is for people.
  id: string;
  text: string;
}

/** The rules of a policy as a person reads them (the password form lists them before anyone types). */
export function describePasswordPolicy(policy: PasswordPolicy): PasswordRule[] {
  const rules = [
    { id: 'minLength', text: RULE_TEXT.minLength(policy.minLength) },
    { id: 'minClasses', text: RULE_TEXT.minClasses(policy.minClasses) },
  ];
  if (policy.forbidUsername) rules.push({ id: 'forbidUsername', text: RULE_TEXT.forbidUsername });
  // Always in force, whatever the settings.
  rules.push({ id: 'notCommon', text: RULE_TEXT.notCommon }, { id: 'notBlank', text: RULE_TEXT.notBlank });
  return rules;
}

// Returns the reasons a password breaks the policy (in Chinese, shown as they are); empty when it passes.
export function checkPasswordPolicy(password: string, username: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minLength) problems.push(RULE_TEXT.minLength(policy.minLength));
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) problems.push(RULE_TEXT.minClasses(policy.minClasses));
  if (policy.forbidUsername && username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push(RULE_TEXT.forbidUsername);
  }
  if (isCommonPassword(password)) problems.push(RULE_TEXT.notCommon);
  if (isMostlyWhitespace(password)) problems.push(RULE_TEXT.notBlank);
  return problems;
}

// The list is a data file read once, when the server starts (a missing file stops it there, not at the
// first password change). Beside this module in the sources, beside main.js in the compiled server
// (scripts/build-server.mjs copies every `resources/` folder's files into dist-server/resources/).
const COMMON_PASSWORDS_FILE = new URL('./resources/common-passwords.txt', import.meta.url);
const common = new Set(
  fs
    .readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
);

// A listed password, or one that is a listed password with digits and symbols added at either end
// ("Password2026!"), without regard to case.
function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFC').toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  return common.has(lower) || (core.length >= 4 && common.has(core));
}

// Spaces count as characters towards the length; a password that is mostly spaces is long only in name.
function isMostlyWhitespace(password: string): boolean {
  const chars = [...password];
  const blanks = chars.filter((c) => /\s/u.test(c)).length;
  return chars.length > 0 && blanks * 2 >= chars.length;
}

// A random password that satisfies the default policy, for demo accounts and administrator resets.
export function generatePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#%*-_+='];
  const all = sets.join('');
  const chars = sets.map((s) => s[crypto.randomInt(s.length)]);
  while (chars.length < 14) chars.push(all[crypto.randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
