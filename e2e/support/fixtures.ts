import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpCode, totpStep } from '../../server/core/auth/totp.ts';
import type { RunningServer } from './server.ts';

// Domain helpers for the specs: what a person does in Luoshi, found by role and label as they see it.

const STEP_MS = 30_000;

// The authenticator app each account has "on its phone": secret and the last step whose code was used.
type Authenticators = Map<string, { secret: string; lastStep: number }>;
const authenticators = new WeakMap<RunningServer, Authenticators>();

function authenticatorsOf(server: RunningServer): Authenticators {
  let map = authenticators.get(server);
  if (!map) authenticators.set(server, (map = new Map() as Authenticators));
  return map;
}

// The code the authenticator shows next. A code works once per 30-second step, so a second sign-in in
// the same step waits for the next step to begin (as a person would), instead of sleeping blindly.
async function nextTotpCode(server: RunningServer, username: string): Promise<string> {
  const app = authenticatorsOf(server).get(username);
  if (!app) throw new Error(`${username} has no authenticator enrolled in this test run`);
  const step = Math.max(totpStep(new Date()), app.lastStep + 1);
  const wait = step * STEP_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 50));
  app.lastStep = step;
  return totpCode(app.secret, step);
}

// A form field by its visible label. Element Plus puts the required-field asterisk into the name.
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByRole('textbox', { name: new RegExp(`^\\*?\\s*${escaped}$`) });
}

export function heading(page: Page, name: string): Locator {
  return page.getByRole('heading', { name, exact: true });
}

export function mainNav(page: Page): Locator {
  return page.getByRole('menubar', { name: '主导航' });
}

// A toast (ElMessage) or an inline alert carrying the text.
export async function expectMessage(page: Page, text: string | RegExp): Promise<Locator> {
  const message = page.getByRole('alert').filter({ hasText: text }).first();
  await message.waitFor({ state: 'visible' });
  return message;
}

// Types the username and password on the login page and presses 登录; nothing more.
export async function submitCredentials(page: Page, username: string, password: string): Promise<void> {
  if (!(await heading(page, '登录').isVisible())) await page.goto('/login');
  await field(page, '用户名').fill(username);
  await field(page, '密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

// Tries to sign in and returns the login page's answer (the error shown under the title).
export async function loginAnswer(page: Page, username: string, password: string): Promise<string> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await submitCredentials(page, username, password);
  expect((await answered).ok()).toBe(false);
  const answer = page.locator('.el-alert').filter({ hasText: /错误|锁定|停用|失败/ });
  await answer.waitFor();
  return (await answer.innerText()).trim();
}

// Someone types wrong passwords for the account; returns the login page's answer to each attempt.
export async function tryWrongPasswords(page: Page, username: string, times: number): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 1; i <= times; i++) answers.push(await loginAnswer(page, username, `Wrong-password-${i}`));
  return answers;
}

// Signs in and does whatever the system asks first (bind or enter the TOTP code, change the initial
// password), until the workbench shows. Returns the steps it was asked for.
export async function loginAs(page: Page, server: RunningServer, username: string): Promise<string[]> {
  const password = server.passwords[username];
  if (!password) throw new Error(`no password known for ${username}`);
  await submitCredentials(page, username, password);
  const asked: string[] = [];
  for (let i = 0; i < 4; i++) {
    const step = await nextScreen(page);
    if (step === 'workbench') return asked;
    asked.push(step);
    if (step === 'enrol-totp') await enrolTotp(page, server, username);
    else if (step === 'enter-totp') await enterTotp(page, server, username);
    else await changePassword(page, server, username);
  }
  throw new Error(`${username}: still not on the workbench after ${asked.join(' → ')}`);
}

type Screen = 'workbench' | 'enrol-totp' | 'enter-totp' | 'change-password';

async function nextScreen(page: Page): Promise<Screen> {
  const screens: [Screen, Locator][] = [
    ['workbench', mainNav(page)],
    ['enrol-totp', page.getByRole('button', { name: '完成绑定' })],
    ['enter-totp', heading(page, '动态验证码')],
    ['change-password', page.getByRole('button', { name: '保存新密码' })],
  ];
  // The sign-in page's own alert, not a toast left over from an earlier step (toasts are alerts too).
  const failed = page.locator('.el-alert').filter({ hasText: /用户名或密码错误|锁定|停用|验证码错误/ });
  const any = screens
    .map(([, l]) => l)
    .reduce((a, b) => a.or(b))
    .or(failed);
  await any.first().waitFor();
  if (await failed.isVisible()) throw new Error(`sign-in refused: ${await failed.first().innerText()}`);
  for (const [name, locator] of screens) if (await locator.isVisible()) return name;
  throw new Error('unknown screen after sign-in');
}

// The enrolment panel shows the secret once; the test keeps it, as an authenticator app would.
async function enrolTotp(page: Page, server: RunningServer, username: string): Promise<void> {
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  // The QR code an authenticator app scans, drawn in the browser.
  await page.getByTestId('totp-qr').waitFor();
  expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  authenticatorsOf(server).set(username, { secret, lastStep: 0 });
  await field(page, '验证码').fill(await nextTotpCode(server, username));
  await page.getByRole('button', { name: '完成绑定' }).click();
  await page
    .getByRole('button', { name: '完成绑定' })
    .waitFor({ state: 'detached' })
    .catch(async (error: Error) => {
      const said = await page.getByRole('alert').allInnerTexts();
      throw new Error(`TOTP enrolment of ${username} did not finish; the page says: ${said.join(' / ')}`, {
        cause: error,
      });
    });
}

async function enterTotp(page: Page, server: RunningServer, username: string): Promise<void> {
  await field(page, '验证码').fill(await nextTotpCode(server, username));
  await page.getByRole('button', { name: '验证', exact: true }).click();
  await heading(page, '动态验证码').waitFor({ state: 'detached' });
}

// The forced 修改密码 page (initial or expired password). The new password becomes the known one.
export async function changePassword(
  page: Page,
  server: RunningServer,
  username: string,
  newPassword = `Luoshi-${Date.now().toString(36)}!7Q`,
): Promise<void> {
  await field(page, '当前密码').fill(server.passwords[username] ?? '');
  await field(page, '新密码').fill(newPassword);
  await field(page, '确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await expectMessage(page, '密码已修改');
  server.passwords[username] = newPassword;
  // Wait for the page to leave, so the next look at the screen does not see this form on its way out.
  await page.getByRole('button', { name: '保存新密码' }).waitFor({ state: 'detached' });
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await expectMessage(page, '您已安全退出');
  await heading(page, '登录').waitFor();
}

// Opens a module from the side navigation and waits for its page heading.
export async function openModule(page: Page, title: string): Promise<void> {
  await mainNav(page).getByRole('menuitem', { name: title }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

export async function screenshot(page: Page, spec: string): Promise<void> {
  await page.screenshot({ path: `test-results/${spec}.png`, fullPage: true });
}

// Picks an option in a select (or tree select) found by its label, typing to filter first when asked.
export async function choose(
  scope: Page | Locator,
  label: string,
  option: string,
  search?: string,
): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const name = new RegExp(`^\\*?\\s*${label}$`);
  // Element Plus lays the shown value over the input; the click lands on it and opens the list.
  await scope.getByRole('combobox', { name }).click({ force: true });
  if (search) await scope.getByRole('combobox', { name }).fill(search);
  await page.getByRole('option', { name: option, exact: true }).filter({ visible: true }).click();
  // The list closes with a transition; the next click elsewhere must not land while it is still open.
  await scope.getByRole('combobox', { name, expanded: false }).waitFor();
  await page
    .getByRole('option', { name: option, exact: true })
    .filter({ visible: true })
    .waitFor({ state: 'hidden' });
}
