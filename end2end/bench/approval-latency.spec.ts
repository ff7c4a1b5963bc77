// How fast extra work travels (issue 6 names "within a second"): a technician reports
// extra work through the API, and the customer's page on a phone shows it; the customer
// taps Approve, and the bay's touchscreen shows the item on its checklist. Each screen
// time-stamps the change itself (a MutationObserver), so the figure is the full path:
// HTTP, transaction, SSE fan-out, the wasm state update and the DOM.
// Run from end2end/:  npx playwright test --config bench/playwright.config.ts approval-latency
import { test, expect, type Page } from '@playwright/test';
import { startServer } from '../tests/support/server';
import { actNow, ADVISOR, getJob, newActor, signIn, signInBay } from '../tests/support/api';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '30');

/** Records the epoch time each time `selector` matches more elements than before. */
async function watch(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __seen: number[]; __count: number };
    w.__seen = [];
    w.__count = document.querySelectorAll(sel).length;
    new MutationObserver(() => {
      const n = document.querySelectorAll(sel).length;
      if (n > w.__count) w.__seen.push(performance.timeOrigin + performance.now());
      w.__count = n;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, selector);
}

async function seenAt(page: Page, k: number): Promise<number> {
  await page.waitForFunction((n) => (window as unknown as { __seen: number[] }).__seen.length >= n, k, { timeout: 10_000 });
  return page.evaluate((n) => (window as unknown as { __seen: number[] }).__seen[n - 1], k);
}

function summary(name: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `${name}: n=${s.length} p50=${at(0.5).toFixed(0)} ms p95=${at(0.95).toFixed(0)} ms max=${s[s.length - 1].toFixed(0)} ms`;
}

test('extra work: report to the customer\'s phone, approval to the bay', async ({ browser }) => {
  test.setTimeout(10 * 60_000);
  const server = await startServer();
  try {
    const advisor = await newActor(server.baseURL);
    expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
    const tech = await newActor(server.baseURL);
    expect((await signInBay(tech, { bay_id: 1, pin: '1110' })).ok).toBe(true);
    expect((await actNow(advisor, tech, 3, { action: 'start' })).ok).toBe(true);
    const token = (await getJob(advisor, 3)).body.tracking_token as string;

    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: server.baseURL })).newPage();
    await phone.goto(`/track/${token}?lang=en`);
    await expect(phone.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    const bay = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: server.baseURL })).newPage();
    await bay.goto('/bay/1?lang=en');
    await expect(bay.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    for (const digit of '1110') await bay.getByRole('button', { name: digit, exact: true }).click();
    await bay.getByRole('button', { name: 'Sign in' }).click();
    await expect(bay.getByTestId('signed-in')).toHaveText('马俊');
    await watch(phone, '[data-testid="extra-work"]');
    await watch(bay, '[data-testid="check-item"][data-status="approved"]');

    const toPhone: number[] = [];
    const toBay: number[] = [];
    for (let k = 1; k <= ROUNDS; k++) {
      const sent = Date.now();
      const res = await tech.post('/api/v1/jobs/3/additional-items', {
        data: { description: `Extra ${k}`, labor_minutes: 5, parts: [], safety_critical: false },
      });
      expect(res.status()).toBe(201);
      toPhone.push((await seenAt(phone, k)) - sent);
      const approve = phone.getByTestId('approve');
      await expect(approve).toBeEnabled();
      const tapped = Date.now();
      await approve.click();
      toBay.push((await seenAt(bay, k)) - tapped);
      await expect(phone.getByTestId('extra-work')).toHaveCount(0);
    }
    console.log(summary('reported → on the customer\'s phone', toPhone));
    console.log(summary('approved on the phone → on the bay\'s checklist', toBay));
  } finally {
    await server.stop();
  }
});
