// The lounge TV at 1920x1080: a new job walked through every stage by API calls shows
// each stage within 1 s, the ready call-out appears, a delivered car leaves; more cars
// than fit page; a server restart is ridden out; nothing personal is ever on the page.
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { startServer, type PitwallServer } from './support/server';
import { ADVISOR, actNow, checkInWalkIn, getJob, newActor, signIn, signInBay, tickAll } from './support/api';

let server: PitwallServer;
const actors: APIRequestContext[] = [];

test.use({ viewport: { width: 1920, height: 1080 } });

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

async function actor(sign?: (a: APIRequestContext) => Promise<{ ok: boolean }>): Promise<APIRequestContext> {
  const ctx = await newActor(server.baseURL);
  actors.push(ctx);
  if (sign) expect((await sign(ctx)).ok).toBe(true);
  return ctx;
}

const staffLogin = (username: string) => (a: APIRequestContext) => signIn(a, { username, password: 'pitwall' });
const card = (page: Page, ticket: string) => page.locator(`[data-testid="lounge-job"][data-ticket="${ticket}"]`);

/** Everyone who moves a car through the lane: the desk, the foreman, bay 6's lead, QC, the washer. */
async function laneCrew() {
  return {
    advisor: await actor((a) => signIn(a, ADVISOR)),
    foreman: await actor(staffLogin('foreman')),
    qc: await actor(staffLogin('qc')),
    washer: await actor(staffLogin('washer')),
    lead: await actor((a) => signInBay(a, { bay_id: 6, pin: '6666' })),
  };
}

async function openBoard(page: Page, query: string): Promise<void> {
  await page.goto(`${server.baseURL}/lounge${query}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
}

/** Every demo customer's name, phone and full plate, read through the staff API. */
async function personalData(staff: APIRequestContext, ids: number[]): Promise<string[]> {
  const found = new Set<string>();
  for (const id of ids) {
    const job = await getJob(staff, id);
    const body = job.body as unknown as { customer: { name: string; phone: string }; vehicle: { plate: string } };
    for (const s of [body.customer.name, body.customer.phone, body.vehicle.plate]) if (s) found.add(s);
  }
  return [...found];
}

test('a job moves through every stage on the board within a second each, is called out when ready, and leaves when delivered', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const { advisor, foreman, qc, washer, lead } = await laneCrew();

  await openBoard(page, '?lang=en&sound=off&per_page=40');
  const receipt = await checkInWalkIn(advisor, '粤B5T8K2', '13700001234');
  expect(receipt.status).toBe(201);
  const { job_id: id, ticket } = receipt.body;
  const job = card(page, ticket);
  await expect(job).toHaveAttribute('data-stage', 'checked_in', { timeout: 1_000 });

  const lane: [APIRequestContext, Record<string, unknown>, string, string][] = [
    [foreman, { action: 'assign', bay_id: 6 }, 'queued', 'Waiting for a bay'],
    [lead, { action: 'start' }, 'in_service', 'In service'],
    [lead, { action: 'pause', reason: 'awaiting_parts' }, 'paused', 'Waiting for parts'],
    [lead, { action: 'resume' }, 'in_service', 'In service'],
    [lead, { action: 'finish_work', self_check: true }, 'quality_check', 'Quality check'],
    [lead, { action: 'team_check', passed: true }, 'quality_check', 'Quality check'],
    [qc, { action: 'qc_pass' }, 'washing', 'Washing'],
    [washer, { action: 'finish_wash' }, 'ready', 'Ready for pick-up'],
  ];
  const latencies: number[] = [];
  for (const [who, action, stage, words] of lane) {
    if (action.action === 'finish_work') await tickAll(advisor, who, id);
    const result = await actNow(advisor, who, id, action);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const answered = Date.now();
    await expect(job).toHaveAttribute('data-stage', stage, { timeout: 1_000 });
    await expect(job).toContainText(words, { timeout: 1_000 });
    latencies.push(Date.now() - answered);
  }
  console.log(`API answer -> board, per step (ms): ${latencies.join(', ')}`);
  testInfo.annotations.push({ type: 'board latency per step (ms)', description: latencies.join(', ') });

  // The ready call-out, by ticket, never by name.
  const callout = page.getByTestId('ready-callout');
  await expect(callout).toContainText(ticket);
  await expect(callout).toContainText('Your car is ready');
  await expect(callout).toBeHidden({ timeout: 10_000 });

  // Delivered: gone from the board.
  const future = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
  const delivered = await actNow(advisor, advisor, id, { action: 'deliver', next_service_km: 30_000, next_service_date: future, old_parts_handled: true, call_time: 'evening' });
  expect(delivered.status).toBe(200);
  await expect(job).toHaveCount(0, { timeout: 1_000 });
  const html = await page.content();
  for (const secret of ['粤B5T8K2', '13700001234']) expect(html).not.toContain(secret);
});

test('more cars than fit are paged, the board rides out a restart, and nothing personal is on it', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const advisor = await actor((a) => signIn(a, ADVISOR));
  const plates = ['粤B3M7N2', '粤B4P8Q3', '粤B6R2S4', '粤B7T3U5', '粤B8V4W6', '粤B9X5Y7', '湘A2B6C8', '湘A3D7E9'];
  const ids: number[] = [];
  for (const [i, plate] of plates.entries()) {
    const receipt = await checkInWalkIn(advisor, plate, `1390000${String(1000 + i)}`, i % 2 === 0);
    expect(receipt.status).toBe(201);
    ids.push(receipt.body.job_id);
  }

  await openBoard(page, '?lang=en&sound=off&page_secs=3');
  // The page number and the tickets shown, read together.
  const showing = () =>
    page.evaluate(() => ({
      label: document.querySelector('[data-testid="page-indicator"]')?.textContent ?? '',
      tickets: [...document.querySelectorAll('[data-testid="lounge-job"]')].map((e) => e.getAttribute('data-ticket')),
    }));
  const indicator = page.getByTestId('page-indicator');
  await expect(indicator).toHaveText(/^Page \d of [2-9]$/);
  const first = await showing();
  const [, n, pages] = first.label.match(/^Page (\d) of (\d)$/)!.map(Number);
  expect(first.tickets.length).toBeGreaterThan(0);
  expect(first.tickets.length).toBeLessThanOrEqual(8);
  await page.screenshot({ path: testInfo.outputPath('lounge-busy.png') });
  await testInfo.attach('lounge-busy', { path: testInfo.outputPath('lounge-busy.png'), contentType: 'image/png' });
  // It turns the page by itself, and the next page shows other cars.
  await expect(indicator).toHaveText(`Page ${(n % pages) + 1} of ${pages}`, { timeout: 6_000 });
  const next = await showing();
  expect(next.tickets.some((t) => first.tickets.includes(t))).toBe(false);

  // Every customer's name, phone and full plate stays off the board.
  const boardIds = await (async () => {
    const all: number[] = [...ids];
    for (let id = 1; id <= 10; id++) all.push(id);
    return all;
  })();
  const secrets = await personalData(advisor, boardIds);
  expect(secrets.length).toBeGreaterThan(10);
  const html = await page.content();
  for (const secret of secrets) expect(html, 'lounge page').not.toContain(secret);

  // A server restart under the open board: it reconnects and shows later changes.
  await server.restart();
  const again = await actor((a) => signIn(a, ADVISOR));
  const foreman = await actor(staffLogin('foreman'));
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  const moved = await actNow(again, foreman, ids[0], { action: 'assign', bay_id: 1 });
  expect(moved.status).toBe(200);
  const ticket = ((await getJob(again, ids[0])).body as { ticket: string }).ticket;
  await page.goto(`${server.baseURL}/lounge?lang=en&sound=off&per_page=40`);
  await expect(card(page, ticket)).toHaveAttribute('data-stage', 'queued');
});

test('a board that chimes for every ready car keeps one audio context', async ({ page }) => {
  test.setTimeout(90_000);
  // Count the audio contexts the page makes (and give headless Chromium a silent one).
  await page.addInitScript(() => {
    const Real = window.AudioContext;
    const w = window as unknown as { __audioContexts: number };
    w.__audioContexts = 0;
    window.AudioContext = class extends Real {
      constructor(options?: AudioContextOptions) {
        super(options);
        w.__audioContexts += 1;
      }
    };
  });
  const { advisor, foreman, qc, washer, lead } = await laneCrew();
  await openBoard(page, '?lang=en&per_page=40');
  const callout = page.getByTestId('ready-callout');
  for (const [plate, phone] of [['粤B1C2D3', '13700004321'], ['粤B4E5F6', '13700005432']]) {
    const receipt = await checkInWalkIn(advisor, plate, phone);
    expect(receipt.status).toBe(201);
    const { job_id: id, ticket } = receipt.body;
    const steps: [APIRequestContext, Record<string, unknown>][] = [
      [foreman, { action: 'assign', bay_id: 6 }],
      [lead, { action: 'start' }],
      [lead, { action: 'finish_work', self_check: true }],
      [lead, { action: 'team_check', passed: true }],
      [qc, { action: 'qc_pass' }],
      [washer, { action: 'finish_wash' }],
    ];
    for (const [who, action] of steps) {
      if (action.action === 'finish_work') await tickAll(advisor, who, id);
      const result = await actNow(advisor, who, id, action);
      expect(result.status, JSON.stringify(result.body)).toBe(200);
    }
    await expect(callout).toContainText(ticket, { timeout: 5_000 });
    await expect(callout).toBeHidden({ timeout: 10_000 });
  }
  expect(await page.evaluate(() => (window as unknown as { __audioContexts: number }).__audioContexts)).toBe(1);
});
