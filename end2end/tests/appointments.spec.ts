// Before the car arrives, on a clock the test moves (PITWALL_TEST_CLOCK): the desk books
// the RAV4 (粤B4M7K2) for tomorrow at ten for its first service; tomorrow the customer
// checks in at the kiosk with the code; the car is walked to delivery by API; the desk
// finds the visit in the customer's file; and months later, as its next service nears,
// the car is on the "due soon" list.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { useServerPerTest } from './support/screens';
import { actNow, ADVISOR, BAY1_LEAD, newActor, signIn, signInBay, tickAll } from './support/api';
import { drawSignature } from './support/signature';

const screens = useServerPerTest({ PITWALL_TEST_CLOCK: '1' });
const DESKTOP = { width: 1440, height: 900 };
const PLATE = '粤B4M7K2';
const STORE_OFFSET_MS = 8 * 3_600_000;

async function moveClock(minutes: number): Promise<void> {
  const api = await newActor(screens.server().baseURL);
  const res = await api.post('/api/test/clock', { data: { advance_minutes: minutes } });
  expect(res.status()).toBe(200);
}

/** The store date (UTC+8) `days` from now, as YYYY-MM-DD. */
function storeDate(days: number): string {
  return new Date(Date.now() + STORE_OFFSET_MS + days * 86_400_000).toISOString().slice(0, 10);
}

/** Minutes from now to `hh:mm` store time on the store date `days` ahead. */
function minutesUntil(days: number, hh: number, mm: number): number {
  const target = Date.parse(`${storeDate(days)}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`);
  return Math.ceil((target - Date.now()) / 60_000);
}

async function signedIn(browser: Browser, path: string): Promise<Page> {
  const page = await screens.open(browser, path, DESKTOP);
  await expect(page.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await page.getByLabel('Username').fill('advisor');
  await page.getByLabel('Password').fill('pitwall');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('staff-signed-in')).toHaveText('王敏');
  return page;
}

test('booked at the desk, checked in with its code, delivered, in the file, and due again months later', async ({ browser }) => {
  test.setTimeout(180_000);
  const tomorrow = storeDate(1);

  // The desk books the car's first service for tomorrow at ten.
  const desk = await signedIn(browser, '/desk/appointments?lang=en');
  await desk.getByTestId('tab-book').click();
  await desk.getByTestId('book-search').fill(PLATE);
  await desk.getByTestId('book-search').press('Enter');
  await desk.getByTestId('book-hit').first().click();
  await desk.locator(`[data-testid="book-car"][data-plate="${PLATE}"]`).click();
  await desk.getByTestId('book-package').fill('5000');
  await desk.getByTestId('book-date').fill(tomorrow);
  await desk.getByTestId('slot-10:00').click();
  await desk.getByTestId('book-submit').click();
  const code = (await desk.getByTestId('booked-code').innerText({ timeout: 10_000 })).trim();
  expect(code).toMatch(/^YY\d{4,6}$/);

  // Tomorrow morning at the kiosk: the code finds the car.
  await moveClock(minutesUntil(1, 9, 45));
  const kiosk = await screens.open(browser, '/kiosk?lang=en', { width: 1080, height: 1920 });
  await expect(kiosk.locator('main.kiosk')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  const button = (name: string | RegExp) => kiosk.getByRole('button', { name, exact: typeof name === 'string' });
  await button(/I have an appointment/).click();
  await kiosk.getByRole('tab', { name: 'Appointment code' }).click();
  await kiosk.locator('#appointment-code').fill(code.toLowerCase());
  await button('Find').click();
  await expect(kiosk.getByTestId('found')).toContainText('***K2', { timeout: 10_000 });
  await button('Yes, continue').click();
  const pad = kiosk.getByRole('group', { name: /Number pad/ });
  for (const d of '5100') await pad.getByRole('button', { name: d, exact: true }).click();
  await button(/Next/).click();
  await expect(kiosk.getByTestId('package-due')).toContainText('5000');
  await button(/Next/).click();
  await button(/Next/).click();
  await button('No wash').click();
  await button('Leave them').click();
  await button('Bank card').click();
  await button(/Leave; tell me/).click();
  await kiosk.getByLabel(/taken my valuables/).check();
  await kiosk.getByLabel(/I agree/).check();
  await button(/Next/).click();
  await drawSignature(kiosk);
  const made = kiosk.waitForResponse((r) => r.url().endsWith('/api/v1/checkins') && r.request().method() === 'POST');
  await button('Submit').click();
  const receipt = await (await made).json();
  const ticket = (await kiosk.getByTestId('ticket-number').innerText()).trim();
  expect(receipt.ticket).toBe(ticket);
  const id: number = receipt.job_id;

  // The desk's day expects it, now checked in.
  await desk.goto('/desk?lang=en');
  const arrival = desk.locator(`[data-testid="arrival"][data-code="${code}"]`);
  await expect(arrival.getByTestId('arrival-job')).toBeVisible({ timeout: 20_000 });
  await desk.goto('/desk/appointments?lang=en');
  await expect(desk.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });

  // The appointment is checked in: its card links the job.
  await desk.getByTestId('tab-day').click();
  await desk.getByTestId('day-date').fill(tomorrow);
  const card = desk.locator(`[data-testid="appt-card"][data-code="${code}"]`);
  await expect(card.getByTestId('appt-job')).toBeVisible({ timeout: 10_000 });

  // Through the lane by API, and handed back.
  const base = screens.server().baseURL;
  const advisor = await newActor(base);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  const staff = async (username: string) => {
    const a = await newActor(base);
    expect((await signIn(a, { username, password: 'pitwall' })).ok).toBe(true);
    return a;
  };
  const foreman = await staff('foreman');
  const qc = await staff('qc');
  const lead = await newActor(base);
  expect((await signInBay(lead, BAY1_LEAD)).ok).toBe(true);
  for (const [who, action] of [
    [foreman, { action: 'assign', bay_id: 1 }],
    [lead, { action: 'start' }],
    [lead, { action: 'finish_work', self_check: true }],
    [lead, { action: 'team_check', passed: true }],
    [qc, { action: 'qc_pass' }],
  ] as const) {
    if (action.action === 'finish_work') await tickAll(advisor, who, id);
    const result = await actNow(advisor, who, id, action);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
  }
  const delivered = await actNow(advisor, advisor, id, {
    action: 'deliver', next_service_km: 10_100, next_service_date: storeDate(181), old_parts_handled: true, call_time: 'morning',
  });
  expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);

  // The customer's file has the visit.
  await desk.goto(`/desk/customers?lang=en&q=${encodeURIComponent(PLATE)}`);
  await expect(desk.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await desk.getByTestId('cust-hit').first().click();
  const car = desk.locator(`[data-testid="cust-car"][data-plate="${PLATE}"]`);
  const visit = car.locator(`[data-testid="cust-visit"][data-ticket="${ticket}"]`);
  await expect(visit).toBeVisible({ timeout: 10_000 });
  await expect(visit).toContainText('5100 km');

  // About 130 days on (it drives ~34 km a day: 5,000 km more in ~148 days), it is due.
  await desk.goto('/desk/appointments?lang=en');
  await expect(desk.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await desk.getByTestId('tab-due').click();
  await expect(desk.getByTestId('due-soon')).toBeVisible();
  await expect(desk.locator(`[data-testid="due-car"][data-plate="${PLATE}"]`)).toHaveCount(0);
  await moveClock(130 * 24 * 60);
  await desk.reload();
  await expect(desk.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await desk.getByTestId('tab-due').click();
  await expect(desk.locator(`[data-testid="due-car"][data-plate="${PLATE}"]`)).toBeVisible({ timeout: 10_000 });
});

test("a refused correction in the customer's file says what is wrong in the screen's language", async ({ browser }) => {
  const desk = await signedIn(browser, '/desk/customers?lang=en');
  for (const [lang, rule] of [['zh', '车架号为17位字母和数字'], ['en', 'A VIN has 17 letters and digits.']] as const) {
    await desk.goto(`/desk/customers?lang=${lang}&q=${encodeURIComponent(PLATE)}`);
    await expect(desk.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
    await desk.getByTestId('cust-hit').first().click();
    await desk.locator(`[data-testid="cust-car"][data-plate="${PLATE}"]`).getByTestId('car-edit').click();
    const vin = desk.getByTestId('car-vin');
    await vin.fill('LFM-123');
    await desk.getByTestId('car-save').click();
    await expect(desk.getByTestId('car-form').locator('.field-error')).toHaveText(rule);
    await expect(vin).toHaveAttribute('aria-invalid', 'true');
  }
});
