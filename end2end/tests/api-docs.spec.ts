// The browsable API reference: Swagger UI served by pitwall itself (no CDN), under the
// page's own Content-Security-Policy, reading the generated document.
import { test, expect } from '@playwright/test';
import { startServer, type PitwallServer } from './support/server';

let server: PitwallServer;

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server?.stop();
});

test('the API docs page renders every operation of the generated document, offline', async ({ page }) => {
  const offsite: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.baseURL) && !r.url().startsWith('data:')) offsite.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });

  const doc = await (await page.request.get(`${server.baseURL}/api/v1/openapi.json`)).json();
  const operations = Object.values(doc.paths as Record<string, Record<string, unknown>>).reduce(
    (n, methods) => n + Object.keys(methods).filter((m) => m !== 'parameters').length,
    0,
  );
  expect(operations).toBeGreaterThan(15);

  await page.goto(`${server.baseURL}/api/docs`);
  await expect(page.locator('.swagger-ui .info .title')).toContainText('pitwall', { timeout: 15_000 });
  await expect(page.locator('.opblock')).toHaveCount(operations);
  expect(offsite, 'nothing fetched from outside the store').toEqual([]);
  expect(errors, 'no script errors (the CSP allows the bundle), nothing missing').toEqual([]);
});
