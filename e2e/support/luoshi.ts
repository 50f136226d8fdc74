import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newPage } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

export interface Luoshi {
  readonly server: RunningServer;
  newPage(): Promise<Page>;
}

// A spec file's own Luoshi (fresh database with the demo workspace; `env` adds settings such as LUOSHI_NOW)
// and browser, started before its
// tests and stopped after them.
export function useLuoshi(env: Record<string, string> = {}): Luoshi {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
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
