// The kiosk at a 1080x1920 portrait touchscreen: a walk-in in Chinese and an appointment
// in English, each from Welcome to the ticket and onto the lounge board; the idle reset.
import { test, expect, type Page } from '@playwright/test';
import { startServer, type PitwallServer } from './support/server';
import { drawSignature } from './support/signature';

let server: PitwallServer;

test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server?.stop();
});

test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('server.log', { body: server.logs(), contentType: 'text/plain' });
  }
});

async function openKiosk(page: Page, query: string): Promise<void> {
  await page.goto(`${server.baseURL}/kiosk${query}`);
  await expect(page.locator('main.kiosk')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
}

const step = (page: Page) => page.locator('main.kiosk');
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

async function tapKeys(page: Page, digits: string): Promise<void> {
  const pad = page.getByRole('group', { name: /数字键盘|Number pad/ });
  for (const d of digits) await pad.getByRole('button', { name: d, exact: true }).click();
}

/** The lounge board in a separate browser context: the new ticket must be on it. */
async function expectOnLounge(page: Page, ticket: string): Promise<void> {
  const lounge = await (await page.context().browser()!.newContext()).newPage();
  await lounge.goto(`${server.baseURL}/lounge?lang=en&sound=off&per_page=40`);
  const card = lounge.locator(`[data-testid="lounge-job"][data-ticket="${ticket}"]`);
  await expect(card).toHaveAttribute('data-stage', 'checked_in', { timeout: 10_000 });
  await expect(card).toHaveCount(1);
  await lounge.context().close();
}

test('a walk-in checks in in Chinese, from Welcome to ticket, and appears on the lounge', async ({ page }, testInfo) => {
  await openKiosk(page, '');
  const started = Date.now();
  await button(page, /我没有预约/).click();
  await expect(step(page)).toHaveAttribute('data-step', 'walk-in');

  // Plate: province chip + typed rest; a bad phone is explained as it is typed.
  await button(page, '粤').click();
  await page.locator('#plate').pressSequentially('B8K3M6');
  await page.locator('#phone').fill('1381234');
  await button(page, /下一步/).click();
  await expect(page.locator('#phone-error')).toContainText('11');
  await expect(step(page)).toHaveAttribute('data-step', 'walk-in');
  await page.locator('#phone').fill('');
  await tapKeys(page, '13812345678');
  await expect(page.locator('#phone')).toHaveValue('13812345678');
  await page.locator('#name').fill('陈先生');
  await page.locator('#model').fill('丰田 卡罗拉');
  await button(page, /下一步/).click();

  // Mileage on the keypad.
  await expect(step(page)).toHaveAttribute('data-step', 'mileage');
  await tapKeys(page, '19800');
  await expect(page.locator('#mileage')).toHaveValue('19800');
  await button(page, /下一步/).click();

  // The 20,000 km package is due; a symptom chip writes into the concerns box.
  await expect(step(page)).toHaveAttribute('data-step', 'services');
  await expect(page.getByTestId('package-due')).toContainText('20000');
  await button(page, '异响').click();
  await page.locator('#concerns').pressSequentially('，冷车启动时左前轮"吱吱"响');
  await expect(page.locator('#concerns')).toHaveValue('异响，冷车启动时左前轮"吱吱"响');
  await button(page, /下一步/).click();

  // Estimate: labour and parts apart, a total, a ready time.
  await expect(step(page)).toHaveAttribute('data-step', 'estimate');
  await expect(page.getByTestId('estimate')).toContainText('¥');
  await expect(page.getByTestId('total')).toHaveText(/¥[\d,]+\.\d\d/);
  await expect(page.getByTestId('promise')).toContainText(/\d\d:\d\d/);
  await button(page, /下一步/).click();

  // Choices: all required before Next.
  await expect(step(page)).toHaveAttribute('data-step', 'choices');
  await expect(button(page, /下一步/)).toBeDisabled();
  await button(page, '要洗车').click();
  await button(page, '带走').click();
  await button(page, '微信').click();
  await button(page, '在休息区等候').click();
  await page.getByLabel('我已取走车内贵重物品').check();
  await page.getByLabel(/我同意/).check();
  await button(page, /下一步/).click();

  // Sign, then submit.
  await expect(step(page)).toHaveAttribute('data-step', 'sign');
  await expect(page.getByTestId('summary')).toContainText('粤B8K3M6');
  await expect(button(page, /确认提交/)).toBeDisabled();
  await drawSignature(page);
  await button(page, /确认提交/).click();

  await expect(step(page)).toHaveAttribute('data-step', 'ticket');
  const ticket = (await page.getByTestId('ticket-number').innerText()).trim();
  const elapsed = Date.now() - started;
  expect(ticket).toMatch(/^A\d{2}$/);
  await expect(page.locator('.qr svg')).toBeVisible();
  const track = await page.locator('.track-link').getAttribute('href');
  expect(track).toMatch(/^\/track\/[0-9a-f]{64}/);
  // No PITWALL_PUBLIC_URL: the link (and QR code) carry the kiosk's own address.
  expect(await page.getByTestId('track-link').innerText()).toBe(`${server.baseURL}${track}`);
  testInfo.annotations.push({ type: 'walk-in flow (ms)', description: String(elapsed) });
  console.log(`walk-in flow, Welcome to ticket: ${elapsed} ms`);

  await expectOnLounge(page, ticket);

  // The tracking link from the QR code shows the job live.
  const phone = await (await page.context().browser()!.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(`${server.baseURL}${track}`);
  await expect(phone.getByTestId('track-job')).toHaveAttribute('data-stage', 'checked_in');
  await expect(phone.getByTestId('track-job')).toContainText(ticket);
  await phone.context().close();

  // Done leaves nothing of this customer on screen.
  await button(page, '完成').click();
  await expect(step(page)).toHaveAttribute('data-step', 'welcome');
  await expect(page.locator('body')).not.toContainText('粤B8K3M6');
});

test('an appointment checks in in English; offline keeps the answers; a double tap on Submit makes one job', async ({ page }) => {
  await openKiosk(page, '?lang=en');
  await button(page, /I have an appointment/).click();
  await page.getByRole('tab', { name: 'Appointment code' }).click();

  // A wrong code says so without detail.
  await page.locator('#appointment-code').fill('YY9999');
  await button(page, 'Find').click();
  await expect(page.getByRole('alert')).toContainText('could not find a match');

  await page.locator('#appointment-code').fill('yy0002');
  await button(page, 'Find').click();
  const found = page.getByTestId('found');
  await expect(found).toContainText('***Z8', { timeout: 10_000 });
  await expect(found).toContainText('19800');
  await expect(found).not.toContainText('李建国');
  await button(page, 'Yes, continue').click();

  // Below the last record is refused with the reason.
  await expect(step(page)).toHaveAttribute('data-step', 'mileage');
  await tapKeys(page, '19000');
  await button(page, /Next/).click();
  await expect(page.locator('#mileage-error')).toContainText('19800');
  await expect(step(page)).toHaveAttribute('data-step', 'mileage');
  await button(page, 'Clear').click();
  await tapKeys(page, '20050');
  await button(page, /Next/).click();

  await expect(step(page)).toHaveAttribute('data-step', 'services');
  await expect(page.getByTestId('package-due')).toContainText('20000');
  await button(page, /Next/).click();
  await expect(step(page)).toHaveAttribute('data-step', 'estimate');
  await button(page, /Next/).click();

  await button(page, 'No wash').click();
  await button(page, 'Leave them').click();
  await button(page, 'Bank card').click();
  await button(page, /Leave; tell me/).click();
  await page.getByLabel(/taken my valuables/).check();
  await page.getByLabel(/I agree/).check();
  await button(page, /Next/).click();

  await expect(step(page)).toHaveAttribute('data-step', 'sign');
  await drawSignature(page);
  const lounge = await (await page.context().browser()!.newContext()).newPage();
  await lounge.goto(`${server.baseURL}/lounge?lang=en&sound=off&per_page=40`);
  await expect(lounge.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const before = await lounge.getByTestId('lounge-job').count();

  // The server unreachable at Submit: said plainly, the answers kept, nothing made.
  await page.route('**/api/v1/checkins', (route) => route.abort('internetdisconnected'));
  await button(page, 'Submit').click();
  await expect(page.locator('.notice.offline')).toContainText("can't reach our system");
  await expect(step(page)).toHaveAttribute('data-step', 'sign');
  await expect(page.getByTestId('summary')).toContainText('20050');
  await page.unroute('**/api/v1/checkins');

  // Back: a double tap on Submit.
  await button(page, 'Submit').dblclick();
  await expect(step(page)).toHaveAttribute('data-step', 'ticket');
  const ticket = (await page.getByTestId('ticket-number').innerText()).trim();
  await expect(lounge.locator(`[data-testid="lounge-job"][data-ticket="${ticket}"]`)).toHaveCount(1, { timeout: 5_000 });
  await lounge.waitForTimeout(1_000);
  expect(await lounge.getByTestId('lounge-job').count(), 'one new job on the board').toBe(before + 1);
  await lounge.context().close();
});

test('an idle kiosk asks, then resets to Welcome with nothing left on screen or in storage', async ({ page }) => {
  await openKiosk(page, '?lang=en&idle=3');
  // A person is one tap away, on every step.
  await button(page, /Call an advisor/).click();
  await expect(page.locator('.advisor-coming')).toContainText('An advisor is on the way');
  await button(page, /I don't have an appointment/).click();
  await expect(button(page, /Call an advisor/)).toBeVisible();
  await page.locator('#plate').fill('粤B7Q2W9');
  await page.locator('#phone').fill('13998765432');

  // "Are you still there?" — Continue keeps everything.
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#phone')).toHaveValue('13998765432');

  // Left alone, it resets.
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await expect(step(page)).toHaveAttribute('data-step', 'welcome', { timeout: 15_000 });
  await expect(page.locator('body')).not.toContainText('13998765432');
  await expect(page.locator('body')).not.toContainText('B7Q2W9');
  await expect(page.locator('.advisor-coming')).toHaveCount(0);
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
  expect(stored).toBe(0);

  // The next customer starts clean.
  await button(page, /I don't have an appointment/).click();
  await expect(page.locator('#phone')).toHaveValue('');
  await expect(page.locator('#plate')).toHaveValue('');
});

test.describe('on a laptop screen', () => {
  test.use({ viewport: { width: 1366, height: 768 }, hasTouch: false });

  test('each step starts at its top, whatever was scrolled before', async ({ page }) => {
    await openKiosk(page, '?lang=en');
    await button(page, /I have an appointment/).click();
    await page.getByRole('tab', { name: 'Appointment code' }).click();
    await page.locator('#appointment-code').fill('YY0003');
    await button(page, 'Find').click();
    await button(page, 'Yes, continue').click();
    await page.locator('#mileage').fill('40100');
    await button(page, /Next/).click();
    // The 40,000 km service is a long list: reaching Next scrolls the page.
    await expect(step(page)).toHaveAttribute('data-step', 'services');
    await button(page, /Next/).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await button(page, /Next/).click();
    await expect(step(page)).toHaveAttribute('data-step', 'estimate');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  });
});

test.describe('with PITWALL_PUBLIC_URL set', () => {
  const publicURL = 'https://service.example-store.cn';
  let shop: PitwallServer;

  test.beforeAll(async () => {
    shop = await startServer({ PITWALL_PUBLIC_URL: publicURL });
  });

  test.afterAll(async () => {
    await shop?.stop();
  });

  test("the ticket's QR code and link open the store's public address, not the kiosk's", async ({ page }) => {
    await page.goto(`${shop.baseURL}/kiosk?lang=en`);
    await expect(page.locator('main.kiosk')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
    await button(page, /I have an appointment/).click();
    await page.getByRole('tab', { name: 'Appointment code' }).click();
    await page.locator('#appointment-code').fill('YY0002');
    await button(page, 'Find').click();
    await button(page, 'Yes, continue').click();
    await tapKeys(page, '20050');
    await button(page, /Next/).click();
    await expect(step(page)).toHaveAttribute('data-step', 'services');
    await button(page, /Next/).click();
    await expect(step(page)).toHaveAttribute('data-step', 'estimate');
    await button(page, /Next/).click();
    await button(page, 'No wash').click();
    await button(page, 'Leave them').click();
    await button(page, 'Bank card').click();
    await button(page, /Leave; tell me/).click();
    await page.getByLabel(/taken my valuables/).check();
    await page.getByLabel(/I agree/).check();
    await button(page, /Next/).click();
    await expect(step(page)).toHaveAttribute('data-step', 'sign');
    await drawSignature(page);
    await button(page, 'Submit').click();

    await expect(step(page)).toHaveAttribute('data-step', 'ticket');
    await expect(page.locator('.qr svg')).toBeVisible();
    // The QR code encodes exactly the link's text.
    const link = (await page.getByTestId('track-link').innerText()).trim();
    expect(link).toMatch(new RegExp(`^${publicURL.replace(/\./g, '\\.')}/track/[0-9a-f]{64}\\?lang=en$`));
    expect(link).not.toContain('127.0.0.1');
    // Tapped at the kiosk itself, the link still opens this server's page.
    const href = await page.getByTestId('track-link').getAttribute('href');
    expect(href).toBe(link.slice(publicURL.length));
  });
});
