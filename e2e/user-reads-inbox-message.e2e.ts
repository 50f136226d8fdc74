import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { systemClock, toTimestamp } from '../server/core/clock.ts';
import { inboxChannel } from '../server/core/notify/inbox.channel.ts';
import { createNotifier, type Notification } from '../server/core/notify/notify.ts';
import { unitHandlers } from '../server/core/notify/recipients.ts';
import { createSqliteDb } from '../server/db/dialect/sqlite.ts';
import { JOB_SCHEDULES } from '../server/jobs.ts';
import { heading, loginAs, screenshot } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';

const luoshi = useLuoshi();

// Messages are sent the way the product sends them: through the one sending interface, in a
// transaction on the server's own database file (tasks that announce themselves come with the tasks).
async function send(notifications: Notification[]): Promise<void> {
  const db = createSqliteDb(path.join(luoshi.server.dataDir, 'luoshi.db'));
  try {
    const notify = createNotifier({ clock: systemClock, channels: [inboxChannel] });
    await db.kysely.transaction().execute(async (trx) => {
      for (const n of notifications) await notify(trx, n);
    });
  } finally {
    await db.close();
  }
}

// The handler's unit; the messages the demo's history left them are marked read, so the test counts its own.
// A start runs each schedule's last missed occurrence (reminders, 培训学时, 活动提醒 …), and those may message
// the handler: the marking waits until every scheduled kind has finished once.
async function handlerUnitId(): Promise<number> {
  const db = createSqliteDb(path.join(luoshi.server.dataDir, 'luoshi.db'));
  try {
    const scheduled = new Set(JOB_SCHEDULES.map((schedule) => schedule.job.kind));
    await expect
      .poll(
        async () => {
          const finished = await db.kysely
            .selectFrom('jobs')
            .select('kind')
            .distinct()
            .where('status', '=', 'done')
            .execute();
          return [...scheduled].filter((kind) => !finished.some((f) => f.kind === kind));
        },
        { timeout: 90_000, interval: 500 },
      )
      .toEqual([]);
    const row = await db.kysely
      .selectFrom('users')
      .select(['id', 'unit_id'])
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    await db.kysely
      .updateTable('messages')
      .set({ read_at: toTimestamp(new Date()) })
      .where('recipient_id', '=', row.id)
      .where('read_at', 'is', null)
      .execute();
    return row.unit_id!;
  } finally {
    await db.close();
  }
}

function bell(page: Page) {
  return page.getByTestId('inbox-bell');
}

test('a handler sees the unread badge, opens the inbox, reads one message and opens another', async () => {
  const unit = await handlerUnitId();
  await send([
    {
      recipients: [unitHandlers(unit)],
      kind: 'task.assigned',
      title: '《推动民营企业参与乡村振兴》已交办给您单位，请签收',
      body: '完成时限：2026-06-30',
      object: { type: 'task', id: 12 },
    },
    {
      recipients: [unitHandlers(unit)],
      kind: 'report.returned',
      title: '您报送的3月进度被退回，请修改后重新报送',
      body: '退回意见：请补充“万企兴万村”签约项目的金额和佐证材料。',
      object: { type: 'report', id: 40, link: '/tasks/12?report=40' },
    },
  ]);

  const page = await luoshi.newPage();
  await loginAs(page, luoshi.server, 'handler');

  // The header's bell shows the count.
  await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('站内消息，2 条未读');
  expect((await bell(page).locator('.el-badge__content').innerText()).trim()).toBe('2');

  await bell(page).click();
  await heading(page, '站内消息').waitFor();
  const list = page.getByRole('list', { name: '消息列表' });
  const items = list.getByRole('listitem');
  await expect.poll(() => items.count()).toBe(2);
  // Newest first, each with its kind in Chinese.
  expect(await items.first().innerText()).toContain('填报退回');
  expect(await items.first().innerText()).toContain('请补充“万企兴万村”签约项目的金额和佐证材料');
  expect(await items.nth(1).innerText()).toContain('任务交办');
  await screenshot(page, 'user-reads-inbox-message-desktop');

  // Mark one read without opening it: it leaves the 未读 list and the badge counts one.
  await items.first().getByRole('button', { name: '标为已读' }).click();
  await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('站内消息，1 条未读');
  await expect.poll(() => items.count()).toBe(1);

  // On a phone: nothing cut off, no sideways scrolling, the bell still in the header.
  await page.setViewportSize({ width: 390, height: 844 });
  await bell(page).waitFor();
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'user-reads-inbox-message-phone');

  // Clicking a message opens what it is about and marks it read.
  await items
    .first()
    .getByRole('button', { name: /任务交办/ })
    .click();
  await page.waitForURL(/\/tasks\/12$/);
  await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('站内消息，没有未读');
  // The badge fades out (a transition), so it is looked at until it has gone.
  await expect.poll(() => bell(page).locator('.el-badge__content').isVisible()).toBe(false);

  // Both are under 全部, read, newest first (before the demo's older messages).
  await bell(page).click();
  await heading(page, '站内消息').waitFor();
  await page.getByRole('radio', { name: '全部' }).check({ force: true });
  const all = page.getByRole('list', { name: '消息列表' }).getByRole('listitem');
  await expect.poll(() => all.nth(1).innerText()).toContain('任务交办');
  expect(await all.first().innerText()).toContain('填报退回');
  expect(await page.getByRole('button', { name: '全部标为已读' }).isDisabled()).toBe(true);
});
