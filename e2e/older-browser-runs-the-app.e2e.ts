import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { choose, loginAs, screenshot } from './support/fixtures.ts';
import { useLuoshi } from './support/luoshi.ts';
import { openPlans } from './support/plans.ts';

const luoshi = useLuoshi();

// What a Chromium 90 (奇安信可信浏览器 on 统信 UOS) lacks at run time, removed before the app loads. Syntax
// cannot be taken away from a current Chromium; the build check covers it (docs/decisions/browser-target.md).
const REMOVE_NEWER_APIS = `
  for (const [owner, names] of [
    [Array.prototype, ['at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed', 'toSpliced', 'with']],
    [String.prototype, ['at', 'isWellFormed', 'toWellFormed']],
    [Object, ['hasOwn', 'groupBy']],
    [Promise, ['withResolvers', 'try']],
    [Set.prototype, ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf']],
    [Crypto.prototype, ['randomUUID']],
    [AbortSignal, ['timeout', 'any']],
    [Document.prototype, ['startViewTransition']],
    [Element.prototype, ['checkVisibility']],
  ]) {
    for (const name of names) delete owner[name];
  }
  delete globalThis.structuredClone;
`;

async function runtimeHas(page: Page, expression: string): Promise<boolean> {
  return page.evaluate<boolean>(`typeof (${expression}) === 'function'`);
}

test('on a browser without the APIs newer than Chromium 90, staff sign in, filter plans by region and open a plan', async () => {
  const page = await luoshi.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(REMOVE_NEWER_APIS);

  await page.goto('/login');
  expect(await runtimeHas(page, 'structuredClone')).toBe(false);
  // The app's polyfills put back what its code and libraries call.
  expect(await runtimeHas(page, '[].at')).toBe(true);
  expect(await runtimeHas(page, "''.at")).toBe(true);

  await loginAs(page, luoshi.server, 'staff');
  await openPlans(page);
  await choose(page, '行政区划', '山东省（省）', '山东');
  await page.getByRole('row').filter({ hasText: '2022' }).first().getByRole('link').first().click();
  await page.getByRole('button', { name: '版本历史' }).waitFor();
  await page
    .getByText(/强化政治引领/)
    .first()
    .waitFor();

  await screenshot(page, 'older-browser-runs-the-app');
  expect(errors).toEqual([]);
});
