// Every screen at its target size: a screenshot attached to the report, and the check
// that its visible text holds no emoji (icons are inline SVG: a kiosk or TV without a
// colour-emoji font shows emoji as boxes).
import { expect, type Page, type TestInfo } from '@playwright/test';

export const SIZES = {
  lounge: { width: 1920, height: 1080 },
  board: { width: 1920, height: 1080 },
  bay: { width: 1280, height: 800 },
  kiosk: { width: 1080, height: 1920 },
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const;

/** Emoji blocks (pictographs, symbols, dingbats, arrows/shapes) and the emoji selector. */
export const EMOJI = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}]/gu;

/** The emoji in the page's visible text, each with a little of the text around it. */
export async function emojiOnScreen(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...text.matchAll(EMOJI)].map((m) => {
    const at = m.index ?? 0;
    const code = m[0].codePointAt(0)?.toString(16).toUpperCase();
    return `U+${code} in "${text.slice(Math.max(0, at - 20), at + 20).replace(/\s+/g, ' ')}"`;
  });
}

/** Attaches a PNG of the page's viewport (the screen at its size) to the report. */
export async function attachScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const body = await page.screenshot();
  await testInfo.attach(`${name}.png`, { body, contentType: 'image/png' });
}

/** Asserts no emoji on the screen, then attaches its screenshot. */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  expect(await emojiOnScreen(page), `emoji on ${name}`).toEqual([]);
  await attachScreen(page, testInfo, name);
}
