import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { heading, loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

// Calls the API with the page's own session (cookie and CSRF token), as the web app does.
async function post(page: Page, url: string, data: unknown): Promise<void> {
  const me = await page.request.get('/api/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.post(url, {
    headers: {
      'X-CSRF-Token': csrfToken,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    data: JSON.stringify(data),
  });
  if (!response.ok()) throw new Error(`POST ${url}: ${response.status()} ${await response.text()}`);
}

test('a handler with the inbox open sees a task assigned to the unit arrive, without reloading', async () => {
  const handler = await luoshi.newPage();
  await loginAs(handler, luoshi.server, 'handler');
  const bell = handler.getByTestId('inbox-bell');
  await bell.click();
  await heading(handler, '站内消息').waitFor();
  const before = await bell.getAttribute('aria-label');

  // Meanwhile, in another browser, staff assign a task to the handler's unit.
  const staff = await luoshi.newPage();
  await loginAs(staff, luoshi.server, 'staff');
  const units = (await (await staff.request.get('/api/units?q=发展和改革委员会')).json()) as {
    items: { id: number; name: string }[];
  };
  const unit = units.items.find((u) => u.name === '山东省发展和改革委员会')!;
  const year = new Date().getFullYear();
  await post(staff, '/api/tasks', {
    source: 'leader',
    title: '实时送达测试：开展民营经济人士理想信念教育',
    leadUnitId: unit.id,
    startDate: `${year}-01-01`,
    dueDate: `${year}-12-31`,
    cycle: 'none',
    assign: true,
  });

  // The handler's page, untouched since, shows it: the badge and the list change by themselves.
  await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 }).not.toBe(before);
  const list = handler.getByRole('list', { name: '消息列表' });
  await expect
    .poll(() => list.innerText(), { timeout: 10_000 })
    .toContain('实时送达测试：开展民营经济人士理想信念教育');
  await staff.close();
  await handler.close();
});
