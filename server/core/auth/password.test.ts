import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password.ts';

const POLICY = { minLength: 10, minClasses: 3, forbidUsername: true };

describe('PBKDF2-HMAC-SM3 password hashes', () => {
  it('names the scheme and iteration count and verifies only the right password', async () => {
    const stored = await hashPassword('Correct-Horse-9', 1234);
    const [scheme, iterations, salt, hash] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sm3');
    expect(iterations).toBe('1234');
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64')).toHaveLength(32);
    expect(await verifyPassword('Correct-Horse-9', stored)).toBe(true);
    expect(await verifyPassword('Correct-Horse-8', stored)).toBe(false);
  });

  it('derives the hash with PBKDF2 over SM3 from the stored salt', async () => {
    const stored = await hashPassword('Correct-Horse-9', 1000);
    const [, , salt, hash] = stored.split('$');
    const expected = crypto.pbkdf2Sync('Correct-Horse-9', Buffer.from(salt ?? '', 'base64'), 1000, 32, 'sm3');
    expect(hash).toBe(expected.toString('base64'));
  });

  it('salts every hash, so the same password hashes differently', async () => {
    const a = await hashPassword('Same-Password-1', 1000);
    const b = await hashPassword('Same-Password-1', 1000);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Same-Password-1', b)).toBe(true);
  });

  it('rejects stored values of another scheme or malformed', async () => {
    const stored = await hashPassword('Correct-Horse-9', 1000);
    expect(await verifyPassword('Correct-Horse-9', stored.replace('pbkdf2-sm3', 'pbkdf2-sha256'))).toBe(
      false,
    );
    expect(await verifyPassword('Correct-Horse-9', 'pbkdf2-sm3$1000$')).toBe(false);
  });
});

describe('password policy', () => {
  it('accepts a long password with three classes', () => {
    expect(checkPasswordPolicy('abcdefgh12!!', 'staff', POLICY)).toEqual([]);
  });

  it('names each problem', () => {
    expect(checkPasswordPolicy('Ab1!', 'staff', POLICY)).toHaveLength(1);
    expect(checkPasswordPolicy('abcdefghijk12', 'staff', POLICY)).toHaveLength(1);
    expect(checkPasswordPolicy('xStaff-2026!', 'staff', POLICY)).toEqual(['不能包含用户名']);
    expect(checkPasswordPolicy('staff', 'staff', POLICY)).toHaveLength(3);
  });

  it('counts characters, not bytes, and honours a relaxed policy', () => {
    expect(checkPasswordPolicy('统战工作落实平台密码A1', 'staff', POLICY)).toEqual([]);
    expect(checkPasswordPolicy('统战部A1', 'staff', POLICY)).toHaveLength(1);
    expect(
      checkPasswordPolicy('xstaffxxxx', 'staff', { ...POLICY, minClasses: 1, forbidUsername: false }),
    ).toEqual([]);
  });

  it('generates passwords that pass the default policy', () => {
    for (let i = 0; i < 50; i++) expect(checkPasswordPolicy(generatePassword(), 'staff', POLICY)).toEqual([]);
  });
});

describe('common and blank passwords', () => {
  it('refuses a listed password without regard to case, also with digits and symbols added', () => {
    const loose = { minLength: 8, minClasses: 1, forbidUsername: false };
    expect(checkPasswordPolicy('Password123!', 'staff', POLICY)).toEqual([
      '不能是常见密码（如 Password123!）',
    ]);
    expect(checkPasswordPolicy('QWERTYUIOP', 'staff', loose)).toEqual(['不能是常见密码（如 Password123!）']);
    expect(checkPasswordPolicy('Dragon2026!!', 'staff', POLICY)).toEqual([
      '不能是常见密码（如 Password123!）',
    ]);
    expect(checkPasswordPolicy('1qaz@WSX3edc', 'staff', POLICY)).toEqual([]);
    expect(checkPasswordPolicy('Tongzhan@123', 'staff', POLICY)).toEqual([
      '不能是常见密码（如 Password123!）',
    ]);
    expect(checkPasswordPolicy('Vt8#kLm2!qRx5z', 'staff', POLICY)).toEqual([]);
  });
  it('refuses a password that is mostly spaces', () => {
    expect(checkPasswordPolicy('  a  B  1  !  ', 'staff', POLICY)).toEqual(['不能主要由空格组成']);
    expect(checkPasswordPolicy('Aa1!\u3000\u3000\u3000\u3000\u3000\u3000', 'staff', POLICY)).toEqual([
      '不能主要由空格组成',
    ]);
    expect(checkPasswordPolicy('Correct horse 9 battery', 'staff', POLICY)).toEqual([]);
  });
});
