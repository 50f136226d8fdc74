import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { choose, loginAs } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { openItem, openPlan } from './support/plans.ts';
import { api, YEAR } from './support/tasks.ts';

// 品牌活动 (issue 10 §1, §4, §6): province staff plan an event of “港澳山东千人行” (a brand of the demo plan),
// hold it, record two signed projects and a talent count on its page, and the plan item's and the
// dashboard's 活动成效 move by exactly what was entered. The pages are looked at on a desktop and a phone
// (390 px), where nothing scrolls sideways.
const luoshi = useLuoshi();
const SHOTS = '/tmp/shots';
const BRAND = '港澳山东千人行';
// The input of an Element Plus field, whether its test id sits on the input or on the wrapper.
const INPUT = 'xpath=self::input | .//input';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

interface Figures {
  events: number;
  projects: number;
  amountFen: number;
  talents: number;
}

// The figures of a 活动成效 block as the page shows them; the amount in 分 so sums are exact.
async function figures(scope: Locator): Promise<Figures> {
  const value = async (key: string) =>
    (await scope.getByTestId(`total-${key}`).locator('.value').innerText()).trim();
  const fen = (wan: string) => {
    const [whole, part = ''] = wan.split('.');
    return Number(whole) * 100 + Number(part.padEnd(2, '0').slice(0, 2));
  };
  return {
    events: Number(await value('events')),
    projects: Number(await value('projects')),
    amountFen: fen(await value('amount')),
    talents: Number(await value('talents')),
  };
}

async function pickDate(scope: Locator, label: string, date: string): Promise<void> {
  const input = scope.getByRole('combobox', { name: new RegExp(`^\\*?\\s*${label}$`) });
  await input.fill(date);
  await input.press('Enter');
}

async function planItemFigures(page: Page, planId: number, heading: string): Promise<Figures> {
  await openPlan(page, planId);
  const drawer = await openItem(page, heading);
  const block = drawer.getByTestId('activity-block');
  await block.waitFor();
  return figures(block);
}

async function dashboardFigures(page: Page): Promise<Figures> {
  await page.goto('/dashboard');
  const card = page.getByTestId('dashboard-activities');
  await card.waitFor();
  return figures(card);
}

async function recordOutcome(page: Page, fill: () => Promise<void>, name: string): Promise<void> {
  await fill();
  await page.getByTestId('add-outcome').click();
  await page.getByTestId('outcomes').getByText(name, { exact: true }).waitFor();
}

test('staff plan an event of 港澳山东千人行, hold it, record outcomes; plan item and dashboard move', async () => {
  const page = await luoshi.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, luoshi.server, 'staff');

  // The brand the parser took from the demo plan, tied to its plan item.
  const brands = await api<{
    items: Array<{
      id: number;
      name: string;
      planItems: Array<{ id: number; planId: number; heading: string }>;
    }>;
  }>(page, 'GET', '/api/activity-brands');
  const brand = brands.items.find((b) => b.name === BRAND);
  expect(brand, `${BRAND} is a brand of the demo plan`).toBeDefined();
  // Named in two items of the plan (the second as “港澳 XX 千人行” in the example); the event form
  // proposes the first.
  expect(brand!.planItems.length).toBeGreaterThanOrEqual(1);
  const item = brand!.planItems[0]!;

  const itemBefore = await planItemFigures(page, item.planId, item.heading);
  const dashboardBefore = await dashboardFigures(page);

  // 品牌活动 list → the brand's page → a new event of the brand.
  await page.goto('/activities');
  await page.getByRole('heading', { name: '品牌活动', exact: true }).waitFor();
  await page.getByTestId('outcomes-chart').locator('canvas').waitFor();
  await shot(page, 'activities-brands-desktop');
  await page.getByTestId('brand-list').getByRole('link', { name: BRAND, exact: true }).click();
  await page.getByRole('heading', { name: BRAND, exact: true }).waitFor();
  await shot(page, 'activities-brand-desktop');

  // 新建本品牌活动 opens the event form with the brand already chosen.
  await page.getByTestId('brand-new-event').click();
  const dialog = page.getByRole('dialog', { name: '新建活动' });
  await dialog.waitFor();
  await expect.poll(() => dialog.getByTestId('event-brand').innerText()).toContain(BRAND);
  const name = `${BRAND}·${YEAR}年秋季对接会（e2e）`;
  await dialog.getByTestId('event-name').locator(INPUT).fill(name);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await pickDate(dialog, '开始日期', today);
  await dialog.getByRole('textbox', { name: '地点' }).fill('济南市 山东大厦');
  await dialog.getByTestId('save-event').click();
  await page.waitForURL(/\/activities\/events\/\d+$/);
  const eventPage = page.getByTestId('event-page');
  await eventPage.waitFor();
  expect(await page.getByTestId('event-state').innerText()).toBe('计划中');
  await expect.poll(() => eventPage.innerText()).toContain(item.heading);

  // planned → preparing → held.
  await page.getByTestId('to-preparing').click();
  await expect.poll(() => page.getByTestId('event-state').innerText()).toBe('筹备中');
  await page.getByTestId('to-held').click();
  await expect.poll(() => page.getByTestId('event-state').innerText()).toBe('已举办');

  // Two signed projects and a talent count, through the form on the event page.
  const form = page.getByTestId('outcome-form');
  await form.waitFor();
  const projects = [
    { name: '港澳青年创新创业基地', enterprise: '香港鲁港投资有限公司', amount: '1250.50' },
    { name: '高端装备联合研发中心', enterprise: '澳门濠江科技有限公司', amount: '800.25' },
  ];
  for (const p of projects)
    await recordOutcome(
      page,
      async () => {
        await form.getByTestId('outcome-name').locator(INPUT).fill(p.name);
        await form.getByTestId('outcome-enterprise').locator(INPUT).fill(p.enterprise);
        await form.getByTestId('outcome-amount').locator(INPUT).fill(p.amount);
      },
      p.name,
    );
  const talents = 7;
  await recordOutcome(
    page,
    async () => {
      await choose(form, '类别', '引进人才');
      await form.getByTestId('outcome-name').locator(INPUT).fill('高层次人才');
      await form.getByTestId('outcome-quantity').locator(INPUT).fill(String(talents));
    },
    '高层次人才',
  );
  const eventFigures = await figures(eventPage);
  expect(eventFigures).toEqual({ events: 1, projects: 2, amountFen: 125050 + 80025, talents });
  await shot(page, 'activities-event-desktop');

  const entered = (before: Figures): Figures => ({
    events: before.events + 1,
    projects: before.projects + 2,
    amountFen: before.amountFen + 125050 + 80025,
    talents: before.talents + talents,
  });
  expect(await planItemFigures(page, item.planId, item.heading)).toEqual(entered(itemBefore));
  await shot(page, 'activities-plan-item-desktop');
  expect(await dashboardFigures(page)).toEqual(entered(dashboardBefore));
  await shot(page, 'activities-dashboard-desktop');

  // The dashboard's 签约项目 figure opens the records behind it, which include the two just entered.
  await page.getByTestId('dashboard-activities').getByTestId('total-projects').click();
  await page.waitForURL(/\/activities\/outcomes\?/);
  const list = page.getByTestId('outcome-list');
  for (const p of projects) await list.getByText(p.name, { exact: true }).waitFor();
  expect(await page.getByTestId('outcome-filter').innerText()).toContain('签约项目');
  expect(await page.getByTestId('total-talents').count()).toBe(0);
  await shot(page, 'activities-outcomes-desktop');

  // The same pages on a phone: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, ready, label] of [
    ['/activities', 'brand-list', 'brands'],
    [`/activities/brands/${brand!.id}`, 'brand-years', 'brand'],
    ['/activities/events', 'event-list', 'events'],
    [new URL(page.url()).pathname + new URL(page.url()).search, 'outcome-list', 'outcomes'],
  ] as const) {
    await page.goto(path);
    await page.getByTestId(ready).waitFor();
    await page.waitForTimeout(300);
    await shot(page, `activities-${label}-phone`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(
      390,
    );
  }
  await page.goto('/activities/events');
  await page.getByTestId('event-list').getByRole('link', { name }).click();
  await page.getByTestId('event-page').waitFor();
  await page.waitForTimeout(300);
  await shot(page, 'activities-event-phone');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await page.close();
});
