import { chromium, type Browser, type Page } from 'playwright-core';

// Debian's Chromium: no browser download is possible here. The flags keep it from reaching the network.
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
  });
  const page = await context.newPage();
  // Script errors in the app show in the test output (expected 4xx answers are not errors here).
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      console.error(`[browser] ${m.text()}`);
  });
  return page;
}
