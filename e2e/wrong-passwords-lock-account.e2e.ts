import { expect, test } from 'vitest';
import { loginAnswer, screenshot, tryWrongPasswords } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

const REFUSED = '用户名或密码错误。连续多次输错后账户将被暂时锁定，请稍后再试或联系管理员';

test('five wrong passwords lock the account; the page answers every refusal alike, even the right password then', async () => {
  const page = await luoshi.newPage();

  const answers = await tryWrongPasswords(page, 'submitter', 5);
  // A guesser learns nothing from the answers: a lock reads like a wrong password, or an unknown name.
  expect(answers).toEqual(Array(5).fill(REFUSED));
  const rightPassword = luoshi.server.passwords.submitter ?? '';
  expect(await loginAnswer(page, 'submitter', rightPassword)).toBe(REFUSED);
  expect(await loginAnswer(page, 'no_such_person', rightPassword)).toBe(REFUSED);

  await screenshot(page, 'wrong-passwords-lock-account');
});
