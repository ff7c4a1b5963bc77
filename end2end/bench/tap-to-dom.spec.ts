// Tap to DOM under load: with 1,000 other subscribers on the lounge's event stream (plain
// streaming GETs from Node), a technician at bay 1 pauses and resumes job A03 through the
// API, 200 times; each time, from just before the POST to the moment the lounge page in
// Chromium shows the card of A03 at its new stage (a MutationObserver time-stamps the
// card's data-stage change in the page). The full path: HTTP, transaction, SSE fan-out to
// every subscriber, the wasm state update and the DOM. Report p50, p99, max.
// Run from end2end/:  npx playwright test --config bench/playwright.config.ts tap-to-dom
// (BENCH_ROUNDS actions, default 200; BENCH_SUBSCRIBERS, default 1000; raise `ulimit -n`)
import { test, expect, type Page } from '@playwright/test';
import * as http from 'node:http';
import { startServer } from '../tests/support/server';
import { act, actNow, ADVISOR, getJob, newActor, signIn, signInBay } from '../tests/support/api';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '200');
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? '1000');
const TICKET = 'A03'; // demo job 3, queued at bay 1

/** Opens `n` lounge streams in batches of 100; each counts once its first bytes arrive. */
async function subscribe(url: string, n: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: n + 16 });
  const requests: http.ClientRequest[] = [];
  const stats = { connected: 0, bytes: 0, events: 0, dropped: 0 };
  for (let start = 0; start < n; start += 100) {
    const batch = Math.min(100, n - start);
    await new Promise<void>((resolve, reject) => {
      let opened = 0;
      const timer = setTimeout(() => reject(new Error(`${stats.connected}/${n} subscribers connected after 60 s`)), 60_000);
      for (let i = 0; i < batch; i++) {
        const req = http.get(url, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`subscriber: status ${res.statusCode}`));
          res.once('data', () => {
            stats.connected++;
            if (++opened === batch) { clearTimeout(timer); resolve(); }
          });
          res.on('data', (chunk: Buffer) => {
            stats.bytes += chunk.length;
            stats.events += chunk.toString('utf8').split('\nevent: ').length - 1;
          });
          res.on('end', () => stats.dropped++);
          res.on('error', () => {});
        });
        req.on('error', (e) => { if (!req.destroyed) reject(e); });
        requests.push(req);
      }
    });
  }
  return { stats, close: () => { for (const r of requests) r.destroy(); agent.destroy(); } };
}

/** Records [stage, epoch ms] each time the card of `ticket` shows another stage. */
async function watchStage(page: Page, ticket: string): Promise<void> {
  await page.evaluate((t) => {
    const w = window as unknown as { __stages: [string, number][] };
    const read = () => document.querySelector(`[data-testid="lounge-job"][data-ticket="${t}"]`)?.getAttribute('data-stage') ?? null;
    let last = read();
    w.__stages = [];
    new MutationObserver(() => {
      const s = read();
      if (s !== null && s !== last) w.__stages.push([s, performance.timeOrigin + performance.now()]);
      if (s !== null) last = s;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, ticket);
}

async function stageAt(page: Page, k: number): Promise<[string, number]> {
  await page.waitForFunction((n) => (window as unknown as { __stages: unknown[] }).__stages.length >= n, k, { timeout: 10_000 });
  return page.evaluate((n) => (window as unknown as { __stages: [string, number][] }).__stages[n - 1], k);
}

function summary(name: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `${name}: n=${s.length} p50=${at(0.5).toFixed(1)} ms p99=${at(0.99).toFixed(1)} ms max=${s[s.length - 1].toFixed(1)} ms`;
}

test('tap to DOM: bay action to the lounge page, with other subscribers on the lounge stream', async ({ browser }) => {
  test.setTimeout(30 * 60_000);
  const server = await startServer();
  let subscribers: Awaited<ReturnType<typeof subscribe>> | undefined;
  const errors: string[] = [];
  try {
    const advisor = await newActor(server.baseURL);
    expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
    const tech = await newActor(server.baseURL);
    expect((await signInBay(tech, { bay_id: 1, pin: '1110' })).ok).toBe(true);
    expect((await actNow(advisor, tech, 3, { action: 'start' })).ok).toBe(true);

    const t0 = Date.now();
    subscribers = await subscribe(`${server.baseURL}/api/v1/events/lounge`, SUBSCRIBERS);
    console.log(`${subscribers.stats.connected} subscribers connected in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: server.baseURL })).newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text().slice(0, 200)); });
    page.on('pageerror', (e) => errors.push(e.message.slice(0, 200)));
    await page.goto('/lounge?lang=en&sound=off&per_page=40');
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    const card = page.locator(`[data-testid="lounge-job"][data-ticket="${TICKET}"]`);
    await expect(card).toHaveAttribute('data-stage', 'in_service', { timeout: 10_000 });
    await watchStage(page, TICKET);

    let version = (await getJob(advisor, 3)).body.version;
    const ms: number[] = [];
    for (let k = 1; k <= ROUNDS; k++) {
      const action = k % 2 ? { action: 'pause', reason: 'awaiting_parts' } : { action: 'resume' };
      const stage = k % 2 ? 'paused' : 'in_service';
      const sent = Date.now();
      const res = await act(tech, 3, { ...action, expected_version: version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      version = (res.body as { version: number }).version;
      const [seen, at] = await stageAt(page, k);
      expect(seen).toBe(stage);
      ms.push(at - sent);
    }
    const s = subscribers.stats;
    console.log(`${SUBSCRIBERS} other lounge subscribers: ${s.events} events, ${(s.bytes / 1e6).toFixed(1)} MB received, ${s.dropped} streams ended early`);
    console.log(summary(`pause/resume POST → lounge card's stage in the DOM (${ROUNDS} actions)`, ms));
    console.log(errors.length ? `browser errors: ${errors.join(' | ')}` : 'browser errors: none');
    expect(s.dropped).toBe(0);
  } catch (err) {
    console.log(`browser errors: ${errors.join(' | ') || 'none'}\nserver log (tail):\n${server.logs().slice(-4000)}`);
    throw err;
  } finally {
    subscribers?.close();
    await server.stop();
  }
});
