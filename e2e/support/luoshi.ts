import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser, newPage } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

export interface Luoshi {
  readonly server: RunningServer;
  newPage(): Promise<Page>;
}

// A spec file's own Luoshi (fresh database with the demo workspace; `env` adds settings such as LUOSHI_NOW)
// and browser, started before its tests and stopped after them. With the default settings the server
// starts on its own copy of the demo data folder the global setup made (e2e/support/global-setup.ts);
// settings of its own (a LUOSHI_NOW plays the demo year up to another day) make it create the demo itself.
export function useLuoshi(env: Record<string, string> = {}): Luoshi {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const demo = Object.keys(env).length === 0 ? inject('demoDataDir') : undefined;
    // Both at once; whichever started is stopped after the file even when the other failed.
    const [started, launched] = await Promise.allSettled([startServer(env, demo), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !browser)
      throw new Error('Luoshi is not started: call useLuoshi() at the top of the spec');
    return { server, browser };
  };
  return {
    get server() {
      return started().server;
    },
    newPage: () => newPage(started().browser, started().server.url),
  };
}
