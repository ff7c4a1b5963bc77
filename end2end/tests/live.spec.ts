// The foundation test: bay tap -> lounge within 2 s, and the lounge survives a server restart.
import { test, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { startServer, type PitwallServer } from './support/server';
import {
  ADVISOR,
  BAY1_LEAD,
  act,
  findJob,
  getBays,
  getJob,
  newActor,
  signIn,
  signInBay,
  type Job,
} from './support/api';

declare global {
  interface Window {
    __pitwallMarker?: number;
    __pitwallStates?: string[];
  }
}

const TICKET = 'A03';
let server: PitwallServer;
const actors: APIRequestContext[] = [];

async function actor(): Promise<APIRequestContext> {
  const ctx = await newActor(server.baseURL);
  actors.push(ctx);
  return ctx;
}

const byTicket = (page: Page, testId: string, ticket: string): Locator =>
  page.locator(`[data-testid="${testId}"][data-ticket="${ticket}"]`);

const compact = (s: string): string => s.replace(/[\s\-·.]/g, '').toUpperCase();

async function expectNoFullPlate(page: Page, plate: string): Promise<void> {
  const html = await page.content();
  expect(html, 'lounge HTML must not contain the full plate').not.toContain(plate);
  if (compact(plate).length >= 5) {
    expect(compact(await page.locator('body').innerText())).not.toContain(compact(plate));
  }
}

/** Records every data-state the connection indicator takes, even transient ones. */
async function watchConnection(page: Page): Promise<void> {
  await page.evaluate(() => {
    const read = () =>
      document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') ?? '(none)';
    const seen: string[] = [read()];
    window.__pitwallStates = seen;
    new MutationObserver(() => {
      const s = read();
      if (seen[seen.length - 1] !== s) seen.push(s);
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
}

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await Promise.all(actors.splice(0).map((a) => a.dispose()));
  await server?.stop();
});

test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('server.log', { body: server.logs(), contentType: 'text/plain' });
  }
});

test('a tap on the bay shows on the lounge within 2 s, and the lounge rides out a server restart', async ({
  browser,
}) => {
  test.setTimeout(120_000);

  // --- the target job and its full plate, through the staff API
  const staff = await actor();
  expect((await signIn(staff, ADVISOR)).ok, 'advisor sign-in').toBe(true);
  const bays = await getBays(staff);
  expect(bays.status).toBe(200);
  const listed = findJob(bays.body, 1, TICKET);
  expect(listed, `ticket ${TICKET} at bay 1`).toBeDefined();
  const jobId = (listed as Job).id;
  expect((listed as Job).stage).toBe('queued');
  const staffJob = await getJob(staff, jobId);
  expect(staffJob.status).toBe(200);
  const plate = staffJob.body.vehicle?.plate ?? '';
  expect(plate, 'staff view carries vehicle.plate').not.toBe('');

  // --- lounge (anonymous) and bay in separate contexts: the lounge never has a session
  const lounge = await (await browser.newContext()).newPage();
  const bay = await (await browser.newContext()).newPage();

  await lounge.goto(`${server.baseURL}/lounge?lang=en&sound=off&per_page=40`);
  const connection = lounge.getByTestId('connection');
  await expect(connection).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const loungeJob = byTicket(lounge, 'lounge-job', TICKET);
  await expect(loungeJob).toHaveAttribute('data-stage', 'queued');
  await expect(loungeJob).toContainText('Waiting for a bay');
  await expectNoFullPlate(lounge, plate);

  // --- bay 1: PIN keypad sign-in, once the page is live (hydrated and subscribed).
  // Typing before hydration would be lost; retrying wrong PINs would trip the PIN limit.
  await bay.goto(`${server.baseURL}/bay/1?lang=en`);
  await expect(bay.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  const signedIn = bay.getByTestId('signed-in');
  const key = (name: string) => bay.getByRole('button', { name, exact: true });
  for (const d of BAY1_LEAD.pin) await key(d).click();
  await key('Sign in').click();
  await expect(signedIn).toBeVisible({ timeout: 10_000 });
  await expect(signedIn).toHaveText(/\S/);

  // --- Start A03 with the plate confirmation
  const current = bay.getByTestId('bay-current-job');
  await expect(current).toHaveAttribute('data-ticket', TICKET);
  await expect(key('Resume'), 'no illegal action for a queued job').toHaveCount(0);
  await key('Start').click();
  const dialog = bay.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const tappedAt = Date.now();
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(loungeJob).toHaveAttribute('data-stage', 'in_service', {
    timeout: Math.max(1, 2_000 - (Date.now() - tappedAt)),
  });
  expect(Date.now() - tappedAt, 'bay tap -> lounge latency (ms)').toBeLessThanOrEqual(2_000);
  await expect(loungeJob).toContainText('In service');
  await expectNoFullPlate(lounge, plate);

  // --- restart the server under the open pages
  await lounge.evaluate(() => {
    window.__pitwallMarker = 42;
  });
  await watchConnection(lounge);
  await server.restart();
  await expect
    .poll(() => lounge.evaluate(() => (window.__pitwallStates ?? []).some((s) => s !== 'live')), {
      message: 'lounge connection indicator noticed the restart',
      timeout: 15_000,
    })
    .toBe(true);

  // --- a change made after the restart reaches the same, un-reloaded lounge
  const bayApi = await actor();
  expect((await signInBay(bayApi, BAY1_LEAD)).ok, 'bay 1 PIN sign-in via API').toBe(true);
  const fresh = await getJob(bayApi, jobId);
  expect(fresh.status).toBe(200);
  expect(fresh.body.stage).toBe('in_service');
  const paused = await act(bayApi, jobId, {
    action: 'pause',
    reason: 'awaiting_parts',
    expected_version: fresh.body.version,
  });
  expect(paused.ok, `pause -> ${paused.status} ${JSON.stringify(paused.body)}`).toBe(true);

  await expect(loungeJob).toHaveAttribute('data-stage', 'paused', { timeout: 15_000 });
  await expect(loungeJob).toContainText('Paused');
  await expect(connection).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  expect(await lounge.evaluate(() => window.__pitwallMarker), 'lounge was not reloaded').toBe(42);
  await expectNoFullPlate(lounge, plate);

  await lounge.context().close();
  await bay.context().close();
});
