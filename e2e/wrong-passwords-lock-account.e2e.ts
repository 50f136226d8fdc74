import { expect, test } from 'vitest';
import { loginAnswer, screenshot, tryWrongPasswords } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

// HH:mm on the clock of Shanghai, as the login page shows times.
function shanghaiClock(at: Date): string {
  return at.toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

test('five wrong passwords lock the account until a stated time; then even the right password is refused', async () => {
  const page = await luoshi.newPage();
  const before = new Date();

  const answers = await tryWrongPasswords(page, 'submitter', 5);

  expect(answers.slice(0, 4)).toEqual(Array(4).fill('用户名或密码错误'));
  const lockMessage = /^账户已锁定，请于 (\d{2}:\d{2}) 后再试$/;
  expect(answers[4]).toMatch(lockMessage);
  // Locked for the configured 15 minutes from the fifth failure.
  const until = lockMessage.exec(answers[4] ?? '')?.[1];
  const expected = [0, 1].map((m) => shanghaiClock(new Date(before.getTime() + (15 + m) * 60_000)));
  expect(expected).toContain(until);

  const rightPassword = luoshi.server.passwords.submitter ?? '';
  expect(await loginAnswer(page, 'submitter', rightPassword)).toBe(`账户已锁定，请于 ${until} 后再试`);

  await screenshot(page, 'wrong-passwords-lock-account');
});
