// After the car leaves, on a clock the test moves (PITWALL_TEST_CLOCK): a delivered car
// is on today's call list two days later; the agent records "dissatisfied" and "fault
// not fixed" from the script; the complaint and its return job follow; once its
// deadlines pass the complaint has climbed to the reception supervisor, who finds it
// under "Needs you now"; the KPI page shows the call in its figures and charts.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { useServerPerTest } from './support/screens';
import { actNow, ADVISOR, getJob, newActor, signIn } from './support/api';

const screens = useServerPerTest({ PITWALL_TEST_CLOCK: '1' });
const DESKTOP = { width: 1440, height: 900 };

async function moveClock(minutes: number): Promise<void> {
  const api = await newActor(screens.server().baseURL);
  const res = await api.post('/api/test/clock', { data: { advance_minutes: minutes } });
  expect(res.status()).toBe(200);
}

/** A screen of the after-sales desk, signed in as `username` through its form. */
async function signedIn(browser: Browser, path: string, username: string, name: string): Promise<Page> {
  const page = await screens.open(browser, path, DESKTOP);
  await expect(page.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('pitwall');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('staff-signed-in')).toHaveText(name);
  return page;
}

test('a delivered car is called two days later; a bad call opens a complaint and a return job, and the complaint escalates', async ({ browser }) => {
  test.setTimeout(120_000);
  // A08 is ready (the seed's): the desk hands it back; the customer prefers afternoons.
  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  const future = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  const delivered = await actNow(advisor, advisor, 8, {
    action: 'deliver', next_service_km: 47_000, next_service_date: future, old_parts_handled: true, call_time: 'afternoon',
  });
  expect(delivered.status).toBe(200);

  await moveClock(2 * 24 * 60);
  const calls = await signedIn(browser, '/desk/follow-ups?lang=en', 'followup', '吴佳');
  const row = calls.getByTestId('bucket-DueToday').locator('[data-testid="call-row"][data-job="8"]');
  await expect(row).toBeVisible({ timeout: 10_000 });
  await row.getByTestId('open-call').click();
  const panel = calls.getByTestId('call-panel');
  await expect(panel).toHaveAttribute('data-job', '8');
  await expect(panel).toContainText('May I take a few minutes');
  await panel.getByTestId('satisfaction').getByRole('button', { name: 'Dissatisfied' }).click();
  await panel.getByTestId('fault-fixed').getByRole('button', { name: 'Fault not fixed' }).click();
  await panel.getByTestId('call-comments').fill('刹车还是响 the brakes still squeal');
  await panel.getByTestId('save-call').click();
  await expect(calls.getByTestId('page-message')).toHaveText('A complaint was opened');
  await expect(calls.getByTestId('bucket-Done').locator('[data-job="8"]')).toBeVisible();

  // The complaint is the agent's to act on; the fault not fixed gets its return job.
  await calls.goto('/desk/complaints?lang=en');
  await expect(calls.locator('main.aftersales-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  const complaint = calls.locator('[data-testid="complaint"][data-job="8"]');
  await expect(complaint).toHaveAttribute('data-owner', 'follow_up_agent', { timeout: 10_000 });
  await expect(complaint).toContainText('the brakes still squeal');
  await complaint.getByTestId('open-return-job').click();
  const link = complaint.getByTestId('return-job-link');
  await expect(link).toBeVisible();
  const returnId = Number((await link.getAttribute('href'))?.split('/').pop());
  const job = await getJob(advisor, returnId);
  expect(job.body.return_of).toBe(8);
  expect(job.body.flags).toContain('return');

  // Two deadlines (4 h each, a high-severity fault) later it is the supervisor's.
  await moveClock(4 * 60 + 1);
  await moveClock(4 * 60 + 1);
  const supervisor = await signedIn(browser, '/desk/complaints?lang=en', 'supervisor', '郑洁');
  const theirs = supervisor.locator('[data-testid="complaint"][data-job="8"]');
  await expect(theirs).toHaveAttribute('data-owner', 'reception_supervisor', { timeout: 10_000 });
  await expect(theirs).toContainText('Escalated');
  await expect(theirs.locator('[data-kind="escalated"]')).toHaveCount(2);

  // The KPIs: the day A08 was delivered counts its call (followed up, not satisfied),
  // each figure drawn by the page as SVG.
  await calls.goto('/desk/kpis?lang=en');
  await expect(calls.locator('main.kpi-page')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  await calls.getByTestId('kpi-period-day').click();
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const dayRow = calls.getByTestId("kpi-table-customers").locator('tbody tr').filter({ has: calls.locator(`th:text-is("${day}")`) });
  await expect(dayRow.locator("td").nth(0)).toContainText("100%", { timeout: 10_000 });
  await expect(dayRow.locator("td").nth(1)).toContainText("0%");
  await expect(calls.locator('.kpi-svg').first()).toBeVisible();
  expect(await calls.locator('.kpi-svg').count()).toBeGreaterThan(4);
});
