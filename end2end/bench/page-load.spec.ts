// Time to interactive of the public screens: from navigation start to "live" (the kiosk
// hydrated: main.kiosk[data-hydrated=true]; the lounge and the customer's page hydrated
// with their event stream open: the connection badge's data-state=live, as the e2e tests
// wait for), each load in a fresh browser context with the cache disabled. Twice: on a
// mid-range phone (4x CPU throttling, slow 4G: 1.6 Mbps down, 750 kbps up, 150 ms) and
// unthrottled. Also the bytes on the wire (CDP encodedDataLength: wasm / js / other), the
// request count, and the Content-Encoding the .wasm files came with.
// Run from end2end/:  npx playwright test --config bench/playwright.config.ts page-load
// (BENCH_ROUNDS loads per screen and profile, default 5)
import { test, expect, type Browser } from '@playwright/test';
import { startServer } from '../tests/support/server';
import { ADVISOR, checkInWalkIn, newActor, signIn } from '../tests/support/api';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '5');
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const LIVE = '[data-testid="connection"][data-state="live"]';

interface Load { ms: number; wasm: number; js: number; other: number; requests: number }
interface Profile { name: string; throttled: boolean }

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);

/** One load of `path` in a fresh context: ms from navigation start until `ready` matches. */
async function load(browser: Browser, baseURL: string, path: string, ready: string,
  viewport: { width: number; height: number }, throttled: boolean,
  encodings: Map<string, number>, errors: Set<string>): Promise<Load | undefined> {
  const context = await browser.newContext({ baseURL, viewport });
  try {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.add(`${path.split('?')[0]}: console: ${m.text().slice(0, 200)}`); });
    page.on('pageerror', (e) => errors.add(`${path.split('?')[0]}: pageerror: ${e.message.slice(0, 200)}`));
    const cdp = await context.newCDPSession(page);
    const sent = new Map<string, { url: string; type?: string }>();
    const done = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => sent.set(e.requestId, { url: e.request.url, type: e.type }));
    cdp.on('Network.loadingFinished', (e) => done.set(e.requestId, e.encodedDataLength));
    cdp.on('Network.loadingFailed', (e) => done.set(e.requestId, 0));
    cdp.on('Network.responseReceived', (e) => {
      if (!new URL(e.response.url).pathname.endsWith('.wasm')) return;
      const h = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding');
      const enc = h ? String(h[1]) : '(none)';
      encodings.set(enc, (encodings.get(enc) ?? 0) + 1);
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    // Time-stamped in the page itself, relative to its navigation start (timeOrigin).
    await page.addInitScript((sel) => {
      const w = window as unknown as { __liveAt?: number };
      const check = () => {
        if (w.__liveAt === undefined && document.querySelector(sel)) { w.__liveAt = performance.now(); mo.disconnect(); }
      };
      const mo = new MutationObserver(check);
      mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-hydrated'] });
    }, ready);
    await page.goto(path, { waitUntil: 'commit', timeout: 120_000 });
    try {
      await page.waitForFunction(() => (window as unknown as { __liveAt?: number }).__liveAt !== undefined, null,
        { timeout: 120_000, polling: 200 });
    } catch {
      errors.add(`${path.split('?')[0]}: never live within 120 s (throttled=${throttled})`);
      return undefined;
    }
    const ms = await page.evaluate(() => (window as unknown as { __liveAt: number }).__liveAt);
    // Bytes of every request issued before live, once each has finished (the event stream never does).
    const ids = [...sent].filter(([, r]) => r.type !== 'EventSource').map(([id]) => id);
    for (let waited = 0; waited < 30_000 && ids.some((id) => !done.has(id)); waited += 100) await page.waitForTimeout(100);
    const out: Load = { ms, wasm: 0, js: 0, other: 0, requests: sent.size };
    for (const [id, r] of sent) {
      const p = new URL(r.url).pathname;
      const kind = p.endsWith('.wasm') ? 'wasm' : p.endsWith('.js') ? 'js' : 'other';
      out[kind] += done.get(id) ?? 0;
    }
    return out;
  } finally {
    await context.close();
  }
}

test('page load: /kiosk, /lounge, /track to live, slow phone and unthrottled', async ({ browser }) => {
  test.setTimeout(60 * 60_000);
  const server = await startServer();
  try {
    const advisor = await newActor(server.baseURL);
    expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
    const receipt = await checkInWalkIn(advisor, '粤B2C4D6', '13700005678');
    expect(receipt.status).toBe(201);
    const screens = [
      { path: '/kiosk?lang=en', ready: 'main.kiosk[data-hydrated="true"]', viewport: { width: 1080, height: 1920 } },
      { path: '/lounge?lang=en&sound=off', ready: LIVE, viewport: { width: 1920, height: 1080 } },
      { path: `/track/${receipt.body.tracking_token}?lang=en`, ready: `main.track[data-hydrated="true"] ${LIVE}`, viewport: { width: 390, height: 844 } },
    ];
    const profiles: Profile[] = [{ name: 'slow 4G + 4x CPU', throttled: true }, { name: 'unthrottled', throttled: false }];
    const errors = new Set<string>();
    const rows: string[] = [];
    const encodings = new Map<string, number>();
    for (const profile of profiles) {
      for (const s of screens) {
        const loads: Load[] = [];
        let failed = 0;
        for (let k = 0; k < ROUNDS; k++) {
          const l = await load(browser, server.baseURL, s.path, s.ready, s.viewport, profile.throttled, encodings, errors);
          if (l) loads.push(l); else failed++;
        }
        const name = s.path.startsWith('/track/') ? '/track/{token}' : s.path.split('?')[0];
        if (loads.length === 0) { rows.push(`${profile.name.padEnd(17)} ${name.padEnd(15)} never live (${failed}/${ROUNDS})`); continue; }
        const ms = loads.map((l) => l.ms);
        const med = (f: (l: Load) => number) => pct(loads.map(f), 0.5);
        rows.push(`${profile.name.padEnd(17)} ${name.padEnd(15)} ${String(loads.length).padStart(3)} ${pct(ms, 0.5).toFixed(0).padStart(7)} ${Math.max(...ms).toFixed(0).padStart(7)}` +
          `${kb(med((l) => l.wasm))}${kb(med((l) => l.js))}${kb(med((l) => l.other))}${kb(med((l) => l.wasm + l.js + l.other))} ${String(med((l) => l.requests)).padStart(5)}` +
          (failed ? `  (${failed} never live)` : ''));
      }
    }
    console.log(`\npage load to live, ${ROUNDS} loads each, fresh context, cache disabled (bytes: median encodedDataLength, KiB)`);
    console.log(`${'profile'.padEnd(17)} ${'screen'.padEnd(15)}   n  p50 ms  max ms    wasm KB    js KB  other KB  total KB  reqs`);
    for (const r of rows) console.log(r);
    console.log(`.wasm Content-Encoding: ${[...encodings].map(([e, n]) => `${e} ×${n}`).join(', ') || '(no .wasm responses)'}`);
    console.log(errors.size ? `browser errors:\n  ${[...errors].join('\n  ')}` : 'browser errors: none');
  } catch (err) {
    console.log(`server log (tail):\n${server.logs().slice(-4000)}`);
    throw err;
  } finally {
    await server.stop();
  }
});
