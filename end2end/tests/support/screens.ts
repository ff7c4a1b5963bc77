// A fresh pitwall server per test, and screens of their own (own cookies) on it: the
// lifecycle the screen specs share. Call `useServerPerTest()` at the top of a spec.
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startServer, type PitwallServer } from './server';

export interface Screens {
  /** The server of the running test. */
  server(): PitwallServer;
  /** A new browser context at `size`, on `path`. */
  open(browser: Browser, path: string, size: { width: number; height: number }): Promise<Page>;
}

/** `extraEnv`: more of the server's environment, e.g. `PITWALL_TEST_CLOCK: '1'`. */
export function useServerPerTest(extraEnv: Record<string, string> = {}): Screens {
  let server: PitwallServer | undefined;
  const contexts: BrowserContext[] = [];
  test.beforeEach(async () => {
    server = await startServer(extraEnv);
  });
  test.afterEach(async ({}, testInfo) => {
    if (server && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server.log', { body: server.logs(), contentType: 'text/plain' });
    }
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await server?.stop();
  });
  const current = (): PitwallServer => {
    if (!server) throw new Error('no server: call inside a test');
    return server;
  };
  return {
    server: current,
    async open(browser, path, size) {
      const context = await browser.newContext({ viewport: size, baseURL: current().baseURL });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(path);
      return page;
    },
  };
}
