// Parts that move: the manager adds a part and receives a delivery on the stock page;
// at bay 1 the lead issues the oil for A03's oil change with their PIN, and the stock
// page shows the oil's on-hand fall, live.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { useServerPerTest } from './support/screens';

const screens = useServerPerTest();

async function screen(browser: Browser, path: string): Promise<Page> {
  const page = await screens.open(browser, path, { width: 1280, height: 900 });
  await expect(page.locator('main')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  return page;
}

const row = (page: Page, code: string) => page.locator(`[data-testid="part-row"][data-code="${code}"]`);

test('add a part, receive it, and issue a part at the bay: the stock falls live', async ({ browser }) => {
  test.setTimeout(120_000);
  const stock = await screen(browser, '/parts?lang=en');
  await stock.getByLabel('Username').fill('manager');
  await stock.getByLabel('Password').fill('pitwall');
  await stock.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(stock.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(stock.getByTestId('parts-table')).toBeVisible();
  // The demo's brake pads: none on hand, four on order, shown low.
  await expect(row(stock, 'front_brake_pad_set')).toHaveAttribute('data-low', 'true');

  // Add a part: none on hand, so it is low.
  await stock.getByTestId('new-code').fill('wiper_blade');
  await stock.getByTestId('new-name-zh').fill('雨刮片');
  await stock.getByTestId('new-name-en').fill('Wiper blade');
  await stock.getByTestId('new-price').fill('98');
  await stock.getByTestId('new-reorder').fill('4');
  await stock.getByTestId('add-part-submit').click();
  await expect(row(stock, 'wiper_blade').getByTestId('on-hand')).toHaveText('0');
  await expect(row(stock, 'wiper_blade')).toHaveAttribute('data-low', 'true');

  // Receive six: no longer low.
  await stock.getByTestId('receive-part').selectOption({ label: 'wiper_blade · Wiper blade' });
  await stock.getByTestId('receive-qty').fill('6');
  await stock.getByTestId('receive-submit').click();
  await expect(row(stock, 'wiper_blade').getByTestId('on-hand')).toHaveText('6');
  await expect(row(stock, 'wiper_blade')).toHaveAttribute('data-low', 'false');

  // Search narrows the list.
  await stock.getByTestId('parts-search').fill('no such part');
  await expect(stock.getByTestId('part-row')).toHaveCount(0);
  await stock.getByTestId('parts-search').fill('engine_oil');
  await expect(stock.getByTestId('part-row')).toHaveCount(1);
  const oilOnHand = row(stock, 'engine_oil_4l').getByTestId('on-hand');
  const before = Number(await oilOnHand.innerText());

  // At bay 1: the lead signs in, starts A03 and issues the oil for its oil change.
  const bay = await screens.open(browser, '/bay/1?lang=en', { width: 1280, height: 900 });
  await expect(bay.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  for (const digit of '1111') await bay.getByRole('button', { name: digit, exact: true }).click();
  await bay.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(bay.getByTestId('signed-in')).not.toBeEmpty();
  const job = bay.getByTestId('bay-current-job');
  await expect(job).toHaveAttribute('data-ticket', 'A03');
  await bay.getByRole('button', { name: 'Start', exact: true }).click();
  await bay.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(job).toHaveAttribute('data-stage', 'in_service');

  const oilChange = bay.getByTestId('check-item').filter({ hasText: 'Engine oil change' });
  await oilChange.getByTestId('issue-parts').click();
  await oilChange.getByTestId('issue-qty').fill('1');
  await oilChange.getByTestId('issue-pin').fill('1111');
  await oilChange.getByTestId('item-parts-submit').click();
  await expect(oilChange.getByTestId('issued')).toContainText('×1');

  await expect(oilOnHand).toHaveText(String(before - 1));
});
