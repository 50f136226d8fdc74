import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { expectMessage, heading, loginAs, openModule } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

// Issue 8 §2: a task nears and passes its due date. Its unit's handler, with the inbox open, sees the
// reminder arrive by itself (server-sent events) when the quarter-hourly job runs; staff shorten the
// ladder on the 提醒与督办规则 screen; the server restarts later in time (LUOSHI_NOW) and the job tells the
// handlers on the first working day overdue and the unit's head on the second.

// Wednesday 2 December 2026, 09:14: the reminder job's next run is at 09:15, a minute of real time after
// the server's clock starts (it starts before the demo is created). The handler's inbox must be open and
// the task created before then; on CI that takes some 20 s. (It started at 09:13: a minute more of waiting.)
const T0 = '2026-12-02T09:14:00+08:00';
// The 09:15 run, before which the task must exist for the handler to see the reminder arrive.
const TICK = '2026-12-02T09:15:00+08:00';
// Monday 7 December: one working day past the due date (Friday 4 December).
const T1 = '2026-12-07T09:00:00+08:00';
// Tuesday 8 December: two working days past it.
const T2 = '2026-12-08T09:00:00+08:00';
const DUE = '2026-12-04';
const TITLE = '到点提醒测试：走访民营企业家并形成调研报告';
const SHOTS = '/tmp/shots';

const luoshi = useLuoshi({ LUOSHI_NOW: T0, JOB_POLL_SECONDS: '1' });

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function send(page: Page, method: 'POST' | 'PUT', url: string, data: unknown): Promise<unknown> {
  const me = await page.request.get('/api/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(url, {
    method,
    headers: {
      'X-CSRF-Token': csrfToken,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    data: JSON.stringify(data),
  });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return response.json();
}

async function openInbox(page: Page) {
  await page.getByTestId('inbox-bell').click();
  await heading(page, '站内消息').waitFor();
  return page.getByRole('list', { name: '消息列表' });
}

test('the handler sees the reminder live; past the due date the ladder reaches the unit head', async () => {
  const pages: Page[] = [];
  try {
    await ladder(pages);
  } catch (error) {
    for (const [i, page] of pages.entries())
      await shot(page, `reminders-failure-${i}`).catch(() => undefined);
    throw error;
  }
}, 420_000);

async function ladder(pages: Page[]): Promise<void> {
  const open = async () => {
    const page = await luoshi.newPage();
    pages.push(page);
    return page;
  };
  // The demo names 刘强 (ndrc_head) the head (负责人) of 山东省发展和改革委员会 (the unit form changes it:
  // sysadmin-names-unit-head.e2e.ts).
  // The handler opens the inbox and leaves it open.
  const handler = await open();
  await loginAs(handler, luoshi.server, 'handler');
  const list = await openInbox(handler);

  // Staff assign a task due Friday 4 December to the unit.
  const staff = await open();
  await loginAs(staff, luoshi.server, 'staff');
  const units = (await (await staff.request.get('/api/units?q=发展和改革委员会')).json()) as {
    items: { id: number; name: string }[];
  };
  const unit = units.items.find((u) => u.name === '山东省发展和改革委员会')!;
  const task = (await send(staff, 'POST', '/api/tasks', {
    source: 'leader',
    title: TITLE,
    leadUnitId: unit.id,
    startDate: '2026-11-16',
    dueDate: DUE,
    cycle: 'none',
    assign: true,
  })) as { id: number; createdAt: string };
  // Both stamps are +08:00 text, so they compare as strings. Later than the run, the reminder would only
  // come at 09:30, long after the poll below gives up: say why instead.
  expect(
    task.createdAt < TICK,
    `task created at ${task.createdAt}, after the ${TICK} run: move T0 earlier`,
  ).toBe(true);

  // 09:15: the job reminds the unit (2 working days ahead, within the 3 of the rules); the handler's page,
  // untouched, shows it.
  await expect
    .poll(() => list.innerText(), { timeout: 180_000, interval: 1000 })
    .toContain(`提醒：任务《${TITLE}》将于2026年12月4日到期（还有 2 个工作日）`);
  await shot(handler, 'handler-reminder-live');
  await handler.close();

  // Staff move the head's step to 2 working days overdue on the rules screen.
  await openModule(staff, '提醒与督办规则');
  const rules = await staff.request.get('/api/reminders/rules');
  expect(await rules.json()).toMatchObject({ canEdit: true });
  // The 保存 button shows once the rules are read and may be changed.
  await staff.getByRole('button', { name: '保存' }).waitFor();
  const step2 = staff.getByRole('spinbutton', { name: '第二步：单位负责人逾期工作日' });
  await step2.fill('2');
  await step2.press('Tab');
  await staff.getByRole('button', { name: '保存' }).click();
  await expectMessage(staff, '提醒与督办规则已保存');
  await shot(staff, 'reminder-rules');
  await staff.close();

  // Monday 7 December: one working day overdue, the handlers are told.
  await luoshi.server.restart({ LUOSHI_NOW: T1 });
  const handler2 = await open();
  await handler2.context().clock.install({ time: new Date(T1) });
  await loginAs(handler2, luoshi.server, 'handler');
  const list2 = await openInbox(handler2);
  await expect
    .poll(() => list2.innerText(), { timeout: 60_000, interval: 1000 })
    .toContain(`逾期：任务《${TITLE}》已超过期限（2026年12月4日）1 个工作日`);
  await handler2.close();

  // Tuesday 8 December: two working days overdue, the unit's head.
  await luoshi.server.restart({ LUOSHI_NOW: T2 });
  const headPage = await open();
  await headPage.context().clock.install({ time: new Date(T2) });
  await loginAs(headPage, luoshi.server, 'ndrc_head');
  const headList = await openInbox(headPage);
  await expect
    .poll(() => headList.innerText(), { timeout: 60_000, interval: 1000 })
    .toContain(`逾期督办：山东省发展和改革委员会的任务《${TITLE}》已逾期 2 个工作日，请您督促办理`);
  await shot(headPage, 'head-escalation');

  // The task's timeline records each step, by the system.
  await headPage.goto(`/tasks/${task.id}`);
  await headPage.getByTestId('task-title').waitFor();
  await headPage.getByText('逾期告知单位负责人').first().waitFor();
  await shot(headPage, 'task-timeline-escalation');
  await headPage.close();
}
