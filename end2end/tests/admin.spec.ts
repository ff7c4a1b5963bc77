// The manager's admin screen (/admin): a bay taken out of service shows so on the
// workshop board live, and a service item's new price shows on the catalogue list.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { useServerPerTest } from './support/screens';

const screens = useServerPerTest();
const DESKTOP = { width: 1440, height: 900 };

async function admin(browser: Browser, path: string): Promise<Page> {
  const page = await screens.open(browser, `${path}?lang=en`, DESKTOP);
  await expect(page.locator('main.admin')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await page.getByLabel('Username').fill('manager');
  await page.getByLabel('Password').fill('pitwall');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('staff-signed-in')).toHaveText('周婷');
  return page;
}

/** `datetime-local` value `minutes` from now, in the store's zone (UTC+8). */
function storeLocal(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000);
  return at.toISOString().slice(0, 16);
}

test('a bay taken out of service shows so on the workshop board', async ({ browser }) => {
  test.setTimeout(120_000);
  const board = await screens.open(browser, '/bays?lang=en', DESKTOP);
  await expect(board.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const bay4 = board.locator('[data-testid="bay-column"][data-bay="4"]');
  await expect(bay4.getByTestId('bay-out-of-service')).toHaveCount(0);

  const page = await admin(browser, '/admin');
  const card = page.getByTestId('admin-bay-4');
  await card.getByLabel('From').fill(storeLocal(-5));
  await card.getByLabel('To').fill(storeLocal(180));
  await card.getByLabel('Reason').fill('Lift inspection');
  await card.getByRole('button', { name: 'Take out of service' }).click();
  await expect(card.getByTestId('outage')).toContainText('Lift inspection');

  await expect(bay4.getByTestId('bay-out-of-service')).toContainText('Lift inspection');
  await expect(bay4.getByTestId('bay-out-of-service')).toContainText('Out of service');
});

test('a service item priced anew shows its new price on the catalogue list', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await admin(browser, '/admin/catalogue');
  const row = page.getByTestId('item-wheel_alignment');
  await expect(row.getByTestId('labour')).toHaveText('¥300.00');
  await row.getByLabel('Standard minutes').fill('90');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('item-wheel_alignment').getByTestId('labour')).toHaveText('¥450.00');
  // The non-manager sees why they cannot use the screen.
  const other = await screens.open(browser, '/admin?lang=en', DESKTOP);
  await expect(other.locator('main.admin')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await other.getByLabel('Username').fill('advisor');
  await other.getByLabel('Password').fill('pitwall');
  await other.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(other.getByTestId('managers-only')).toBeVisible();
});
