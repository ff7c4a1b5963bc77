// The service desk at a desktop and the customer's own page on a phone. A technician
// reports extra work; the customer's page shows it within a second and the customer
// approves; the bay's checklist, the lounge's ETA and the desk follow. A customer
// declines safety-critical work with a signature. A ready car goes through the
// delivery checklist to the printed invoice, and the customer's page becomes a summary.
// A live update of the job (its ETA moving) leaves a half-drawn signature on the phone.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { useServerPerTest } from './support/screens';
import { actNow, ADVISOR, getJob, newActor, signIn, signInBay } from './support/api';
import { drawPath, drawSignature, finishPath, inkedPixels } from './support/signature';

const screens = useServerPerTest();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const screen = screens.open;

const live = (page: Page) =>
  expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

/** The desk in its own browser, the advisor signed in through the form. */
async function desk(browser: Browser): Promise<Page> {
  const page = await screen(browser, '/desk?lang=en', DESKTOP);
  await expect(page.locator('main.desk')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await page.getByLabel('Username').fill('advisor');
  await page.getByLabel('Password').fill('pitwall');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('staff-signed-in')).toHaveText('王敏');
  await live(page);
  return page;
}

async function tokenOf(jobId: number): Promise<string> {
  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  return (await getJob(advisor, jobId)).body.tracking_token as string;
}

test('extra work reported at the bay is approved on the phone; bay, lounge and desk follow', async ({ browser }) => {
  test.setTimeout(120_000);
  // The demo seed numbers its jobs in ticket order: A03 is job 3, queued at bay 1.
  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  const tech = await newActor(screens.server().baseURL);
  expect((await signInBay(tech, { bay_id: 1, pin: '1110' })).ok).toBe(true);
  expect((await actNow(advisor, tech, 3, { action: 'start' })).ok).toBe(true);

  const phone = await screen(browser, `/track/${await tokenOf(3)}?lang=en`, PHONE);
  await live(phone);
  const bay = await screen(browser, '/bay/1?lang=en', { width: 1280, height: 800 });
  await live(bay);
  for (const digit of '1110') await bay.getByRole('button', { name: digit, exact: true }).click();
  await bay.getByRole('button', { name: 'Sign in' }).click();
  await expect(bay.getByTestId('signed-in')).toHaveText('马俊');
  const lounge = await screen(browser, '/lounge?lang=en&sound=off&per_page=40', { width: 1920, height: 1080 });
  await live(lounge);
  const loungeEta = lounge.locator('[data-testid="lounge-job"][data-ticket="A03"] [data-testid="eta"]');
  const etaBefore = await loungeEta.textContent();
  const deskPage = await desk(browser);
  await expect(phone.getByTestId('track-job')).toHaveAttribute('data-stage', 'in_service');
  const totalBefore = await phone.getByTestId('track-total').textContent();

  // The technician finds more work: the customer's phone shows it within a second.
  const reported = await tech.post('/api/v1/jobs/3/additional-items', {
    data: { description: 'Replace the cracked drive belt', labor_minutes: 90, parts: [], safety_critical: false },
  });
  expect(reported.status()).toBe(201);
  const card = phone.getByTestId('extra-work');
  await expect(card).toBeVisible({ timeout: 1_000 });
  await expect(card).toContainText('Replace the cracked drive belt');
  await expect(card).toContainText('¥450.00'); // 90 min at ¥300/h, no parts
  await expect(deskPage.getByTestId('attention-approvals')).toContainText('A03');

  // The customer approves on the phone.
  await card.getByTestId('approve').click();
  await expect(phone.getByText('Approved: the technician will go ahead.')).toBeVisible();
  await expect(phone.getByTestId('extra-work')).toHaveCount(0);
  await expect(phone.getByTestId('track-total')).not.toHaveText(totalBefore ?? '');

  // It joins the bay's checklist; the lounge's ETA moves; the desk sees the decision.
  await expect(bay.locator('[data-testid="check-item"][data-status="approved"]')).toContainText('Replace the cracked drive belt');
  await expect(loungeEta).not.toHaveText(etaBefore ?? '');
  await expect(deskPage.getByTestId('attention-approvals')).not.toContainText('A03');
  await deskPage.locator('[data-testid="desk-job"][data-ticket="A03"]').getByRole('link', { name: 'Open' }).click();
  const row = deskPage.locator('[data-testid="desk-items"] tr[data-status="approved"]');
  await expect(row).toContainText('Replace the cracked drive belt');
  await expect(deskPage.getByTestId('decision')).toContainText('Decided by');
  // Each step in the screen's language, not its wire name.
  await expect(deskPage.getByTestId('desk-timeline').locator('td[data-action="approve_additional_work"]')).toHaveText('Extra work approved');
});

test('a declined safety item is signed for, and a ready car is delivered with its invoice', async ({ browser }) => {
  test.setTimeout(120_000);
  // A01's customer declines the front brake pads (safety-critical) on the phone.
  const phone = await screen(browser, `/track/${await tokenOf(1)}?lang=en`, PHONE);
  await live(phone);
  const pads = phone.getByTestId('extra-work');
  await expect(pads).toContainText('Safety-critical');
  await pads.getByTestId('decline').click();
  await expect(phone.getByText('Declining safety-critical work')).toBeVisible();
  await expect(phone.getByTestId('confirm-decline')).toBeDisabled();
  await drawSignature(phone);
  await phone.getByTestId('confirm-decline').click();
  await expect(phone.getByText('Your decision is recorded.')).toBeVisible();
  await expect(phone.locator('.track-items li[data-status="declined"]')).toHaveCount(1);

  // A08 is ready (the seed's): the desk delivers it once the checklist is complete.
  const deskPage = await desk(browser);
  await expect(deskPage.getByTestId('attention-ready')).toContainText('A08');
  await deskPage.getByTestId('attention-ready').getByRole('link', { name: /A08/ }).click();
  const delivery = deskPage.getByTestId('delivery');
  await expect(delivery).toContainText('Every item done and passed QC');
  const deliver = delivery.getByTestId('deliver');
  await expect(deliver).toBeDisabled();
  await expect(delivery.getByTestId('next-km')).toHaveValue('47000'); // 41,020 km + 5,000, rounded up
  await delivery.getByTestId('old-parts').check();
  await expect(deliver).toBeDisabled(); // the follow-up call's time is still to be asked
  await delivery.getByTestId('call-time').getByRole('button', { name: 'Afternoon' }).click();
  await deliver.click();
  const delivered = deskPage.getByTestId('delivered');
  await expect(delivered).toContainText('Handed back by 王敏');
  const invoice = delivered.getByTestId('invoice');
  await expect(invoice.getByTestId('invoice-next-service')).toContainText('47000 km');
  const total = await invoice.getByTestId('invoice-total').textContent();
  const number = await invoice.getByTestId('invoice-number').textContent();
  expect(number).toMatch(/^PW\d{8}-00008$/);

  // The printed views: A4 and the 80 mm slip show the same invoice.
  for (const format of ['', '&format=slip']) {
    const print = await deskPage.context().newPage();
    await print.goto(`/desk/jobs/8/invoice?lang=en${format}`);
    await expect(print.getByTestId('invoice-number')).toHaveText(number ?? '');
    await expect(print.getByTestId('invoice-total')).toHaveText(total ?? '');
    await expect(print.getByRole('button', { name: 'Print' })).toBeVisible();
    await print.close();
  }

  // A08's customer now sees the read-only summary, with the same total.
  const summary = await screen(browser, `/track/${await tokenOf(8)}?lang=en`, PHONE);
  await expect(summary.getByTestId('track-job')).toHaveAttribute('data-stage', 'delivered', { timeout: 20_000 });
  await expect(summary.getByTestId('invoice-total')).toHaveText(total ?? '');
  await expect(summary.getByTestId('extra-work')).toHaveCount(0);
});

test('a half-drawn signature on the phone survives a live update that moves the ETA', async ({ browser }) => {
  test.setTimeout(90_000);
  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  const lead = await newActor(screens.server().baseURL);
  expect((await signInBay(lead, { bay_id: 2, pin: '2222' })).ok).toBe(true);

  // A01's customer starts declining the front brake pads (safety-critical: a signature).
  const phone = await screen(browser, `/track/${await tokenOf(1)}?lang=en`, PHONE);
  await live(phone);
  await phone.getByTestId('extra-work').getByTestId('decline').click();
  await drawPath(phone, [[0.1, 0.6], [0.2, 0.3], [0.3, 0.7], [0.4, 0.3]]);
  // The second stroke is under way, the finger still down, when the update comes.
  await drawPath(phone, [[0.45, 0.5], [0.5, 0.3], [0.55, 0.6]], false);
  const before = await inkedPixels(phone);
  const solidBefore = await inkedPixels(phone, 128);
  expect(solidBefore.length).toBeGreaterThan(100);
  const eta = phone.getByTestId('track-eta');
  const etaBefore = await eta.textContent();

  // Bay 2's lead pauses A01 for parts: its ETA moves to after tomorrow's delivery.
  const paused = await actNow(advisor, lead, 1, { action: 'pause', reason: 'awaiting_parts' });
  expect(paused.ok, JSON.stringify(paused.body)).toBe(true);
  await expect(eta).not.toHaveText(etaBefore ?? '');
  await expect(phone.getByTestId('track-job')).toHaveAttribute('data-stage', 'paused');

  // The same pad, with the same strokes: finish the signature and confirm.
  expect(await inkedPixels(phone)).toEqual(before);
  await finishPath(phone, [[0.6, 0.3], [0.7, 0.6], [0.8, 0.4]]);
  // Every solidly inked pixel from before is still inked (a stroke's faint anti-aliased
  // edge may shift by a pixel as the stroke it belongs to goes on).
  const after = new Set(await inkedPixels(phone));
  expect(after.size).toBeGreaterThan(before.length);
  expect(solidBefore.filter((p) => !after.has(p))).toEqual([]);
  await phone.getByTestId('confirm-decline').click();
  await expect(phone.getByText('Your decision is recorded.')).toBeVisible();
  await expect(phone.locator('.track-items li[data-status="declined"]')).toHaveCount(1);

  // The decision is on the job: declined by the customer, signed.
  const items = (await getJob(advisor, 1)).body.items as { kind: string; status: string; decision?: { by: string; signed: boolean } }[];
  const pads = items.filter((i) => i.kind === 'additional');
  expect(pads).toHaveLength(1);
  expect(pads[0].status).toBe('declined');
  expect(pads[0].decision).toMatchObject({ by: 'customer', signed: true });
});

test("a long history shows its first and latest steps, and the rest on 'Show all'", async ({ browser }) => {
  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  for (let n = 1; n <= 30; n++) {
    const res = await advisor.post('/api/v1/jobs/1/notes', { data: { text: `walk-around ${n}` } });
    expect(res.ok(), await res.text()).toBe(true);
  }
  const total = (await getJob(advisor, 1)).body.timeline_total as number;
  expect(total).toBeGreaterThan(30);

  const page = await desk(browser);
  await page.goto('/desk/jobs/1?lang=en');
  const timeline = page.getByTestId('desk-timeline');
  const gap = timeline.getByTestId('timeline-gap');
  // 5 first + 15 latest steps, and a row saying how many are in between.
  await expect(gap).toContainText(`${total - 20} steps in between are not shown.`);
  await expect(timeline.locator('tbody tr')).toHaveCount(21);
  await expect(timeline).toContainText('walk-around 30');
  await expect(timeline).not.toContainText('walk-around 10');

  await gap.getByRole('button', { name: 'Show all' }).click();
  await expect(gap).toHaveCount(0);
  await expect(timeline.locator('tbody tr')).toHaveCount(total);
  await expect(timeline).toContainText('walk-around 10');
});
