// A real store's first start, without demo data: the desk leads to the one-time setup,
// which takes the code from the server's log and creates the first manager; the
// manager adds a technician with a PIN on /admin/staff, and the technician signs in at
// their bay with it. A deactivated technician's PIN then no longer signs in.
import { test, expect, type Page } from '@playwright/test';
import { startServer, type PitwallServer } from './support/server';

let server: PitwallServer;
const CODE = 'FIRST-START-26';

test.beforeEach(async () => {
  server = await startServer({ PITWALL_DEMO: '0', PITWALL_SETUP_CODE: CODE });
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('server.log', { body: server.logs(), contentType: 'text/plain' });
  }
  await server.stop();
});

async function fill(page: Page, scope: string, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    await page.locator(`${scope} [name="${name}"]`).fill(value);
  }
}

test('first start: setup, a technician with a PIN, and their sign-in at the bay', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  // Any staff page leads to the setup; the demo's credentials do not exist.
  await page.goto('/desk?lang=en');
  await expect(page).toHaveURL(/\/setup$/);
  const form = page.locator('form.setup-form');
  await expect(form).toBeVisible({ timeout: 20_000 });
  // A weak password is refused on the screen, with the reason.
  await fill(page, 'form.setup-form', {
    setup_code: CODE,
    store_name: '星辰汽车4S店',
    desk_phone: '020-8888 6666',
    manager_username: 'wang.li',
    manager_name: '王丽',
    password: 'pitwall',
  });
  await form.getByRole('button').click();
  await expect(form.locator('[data-field="password"] .field-error')).toBeVisible();
  await fill(page, 'form.setup-form', { password: 'workshop2026' });
  await form.getByRole('button').click();
  await expect(page.getByTestId('setup-done')).toContainText('王丽');

  // A bay for the team (the bays' own screen is /admin; here through its API, signed in).
  const bay = await page.request.post('/api/v1/admin/bays', {
    data: { name_zh: '1号工位', name_en: 'Bay 1', team_name: '一组', skills: ['quick_service'], opens_at: '08:30', closes_at: '18:00' },
  });
  expect(bay.status(), await bay.text()).toBe(201);
  const bayId = (await bay.json()).id as number;

  // The manager adds a technician with a PIN.
  await page.goto('/admin/staff?lang=en');
  await expect(page.getByTestId('staff-signed-in')).toHaveText('王丽', { timeout: 20_000 });
  const add = page.getByTestId('add-technician');
  await expect(add.locator('select[name="bay_id"] option')).toHaveCount(1);
  await fill(page, '[data-testid="add-technician"]', { name: '孙伟', pin: '4826' });
  await add.getByRole('button', { name: 'Add' }).click();
  const row = page.locator('[data-testid="technician-account"][data-name="孙伟"]');
  await expect(row).toContainText('Active');
  await expect(page.locator('body')).not.toContainText('4826');

  // The technician signs in at the bay with it.
  const bayPage = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
  await bayPage.goto(`/bay/${bayId}?lang=en`);
  await expect(bayPage.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const key = (name: string) => bayPage.getByRole('button', { name, exact: true });
  for (const d of '4826') await key(d).click();
  await key('Sign in').click();
  await expect(bayPage.getByTestId('signed-in')).toHaveText('孙伟');

  // Deactivated: the bay no longer shows them, and the PIN no longer signs in.
  await row.getByRole('button', { name: 'Deactivate' }).click();
  await expect(row).toContainText('Deactivated');
  await bayPage.reload();
  await expect(bayPage.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(bayPage.getByTestId('signed-in')).toHaveCount(0);
  for (const d of '4826') await key(d).click();
  await key('Sign in').click();
  await expect(bayPage.getByTestId('bay-message')).toContainText("does not belong to this bay's team");
});
