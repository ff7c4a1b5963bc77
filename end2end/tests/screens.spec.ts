// Every screen at its target size, in Chinese: no emoji in its visible text (icons are
// inline SVG, which a kiosk or TV without a colour-emoji font still draws), and a
// screenshot of it attached to the report (with a CJK font installed, Chinese shows as
// glyphs, not boxes). Kiosk start and the steps one tap away, the lounge, the workshop
// board, a signed-in bay, the desk's list and jobs, the after-sales screens, and a
// customer's page with extra work.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { startServer, type PitwallServer } from './support/server';
import { ADVISOR, getJob, newActor, signIn } from './support/api';
import { checkScreen, SIZES } from './support/shots';

let server: PitwallServer;

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

/** A screen of its own at `size`, optionally signed in first (its own session cookie). */
async function open(
  browser: Browser,
  path: string,
  size: { width: number; height: number },
  session?: Record<string, unknown>,
  touch = false,
): Promise<Page> {
  const context = await browser.newContext({ viewport: size, baseURL: server.baseURL, hasTouch: touch });
  if (session) expect((await context.request.post('/api/v1/sessions', { data: session })).ok()).toBe(true);
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

const live = (page: Page) =>
  expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

test('kiosk: the start screen and the first step of each way in', async ({ browser }, testInfo) => {
  const page = await open(browser, '/kiosk?lang=zh', SIZES.kiosk, undefined, true);
  const kiosk = page.locator('main.kiosk');
  await expect(kiosk).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  // The start screen's buttons and "call an advisor" carry drawn icons.
  await expect(page.locator('.big-choices svg.icon')).toHaveCount(2);
  await expect(page.locator('.call-advisor svg.icon')).toHaveCount(1);
  await checkScreen(page, testInfo, 'kiosk-welcome');

  await page.getByRole('button', { name: /我没有预约/ }).click();
  await expect(kiosk).toHaveAttribute('data-step', 'walk-in');
  await checkScreen(page, testInfo, 'kiosk-walk-in');

  await page.getByRole('button', { name: /返回/ }).first().click();
  await page.getByRole('button', { name: /我有预约/ }).click();
  await expect(kiosk).toHaveAttribute('data-step', 'find');
  await expect(page.locator('.key-delete svg.icon')).toHaveCount(1);
  await checkScreen(page, testInfo, 'kiosk-find');
});

test('lounge: the TV board with every kind of flag', async ({ browser }, testInfo) => {
  const page = await open(browser, '/lounge?sound=off&per_page=8', SIZES.lounge);
  await live(page);
  await expect(page.getByTestId('lounge-job').first()).toBeVisible();
  // The demo's cars wait for approval, for parts, run late and stand ready: each flag has its icon.
  for (const flag of ['awaiting_approval', 'awaiting_parts', 'delayed', 'ready']) {
    await expect(page.locator(`.flag-${flag} svg.icon`).first()).toBeVisible();
  }
  await checkScreen(page, testInfo, 'lounge');
});

test('workshop board: every bay and the cars waiting for one', async ({ browser }, testInfo) => {
  const page = await open(browser, '/bays', SIZES.board, { username: 'foreman', password: 'pitwall' });
  await live(page);
  await expect(page.getByTestId('bay-column').first()).toBeVisible();
  await expect(page.getByTestId('unassigned-job').first()).toBeVisible();
  await checkScreen(page, testInfo, 'bays');
});

test('bay: a signed-in crew with a car in service and its checklist', async ({ browser }, testInfo) => {
  // Bay 2 works on A01: a done item (ticked) and safety-critical extra work waiting.
  const page = await open(browser, '/bay/2', SIZES.bay, { bay_id: 2, pin: '2222' });
  await live(page);
  await expect(page.getByTestId('signed-in')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-testid="check-item"]').first()).toBeVisible();
  await checkScreen(page, testInfo, 'bay');
});

test('desk: the list, a job with extra work, and a ready car with its delivery checklist', async ({ browser }, testInfo) => {
  const page = await open(browser, '/desk', SIZES.desktop, ADVISOR);
  await expect(page.getByTestId('staff-signed-in')).toBeVisible({ timeout: 20_000 });
  await live(page);
  await expect(page.getByTestId('desk-job').first()).toBeVisible();
  await checkScreen(page, testInfo, 'desk-list');

  await page.goto('/desk/jobs/1');
  await live(page);
  await expect(page.getByTestId('extra-work')).toBeVisible();
  await expect(page.locator('.badge-safety svg.icon').first()).toBeVisible();
  await checkScreen(page, testInfo, 'desk-job');

  await page.goto('/desk/jobs/8');
  await live(page);
  await expect(page.locator('[data-testid="delivery"] li svg.icon').first()).toBeVisible();
  await checkScreen(page, testInfo, 'desk-delivery');
});

test('after-sales: the call list, the complaints and the KPIs, signed in as the follow-up agent', async ({ browser }, testInfo) => {
  const page = await open(browser, '/desk/follow-ups', SIZES.desktop, { username: 'followup', password: 'pitwall' });
  await expect(page.getByTestId('staff-signed-in')).toBeVisible({ timeout: 20_000 });
  await live(page);
  await checkScreen(page, testInfo, 'follow-ups');
  await page.goto('/desk/complaints');
  await live(page);
  await checkScreen(page, testInfo, 'complaints');
  await page.goto('/desk/kpis');
  await expect(page.getByTestId('kpi-headline').or(page.getByTestId('kpi-empty'))).toBeVisible({ timeout: 20_000 });
  await checkScreen(page, testInfo, 'kpis');
});

test("track: a customer's phone with safety-critical extra work to decide", async ({ browser }, testInfo) => {
  const advisor = await newActor(server.baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  const token = (await getJob(advisor, 1)).body.tracking_token as string;
  await advisor.dispose();
  const page = await open(browser, `/track/${token}?lang=zh`, SIZES.phone, undefined, true);
  await live(page);
  await expect(page.getByTestId('extra-work')).toBeVisible();
  await checkScreen(page, testInfo, 'track');
  await page.getByTestId('decline').click();
  await expect(page.getByTestId('signature-pad')).toBeVisible();
  await checkScreen(page, testInfo, 'track-decline');
});
