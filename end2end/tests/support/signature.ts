// Draws a signature on the page's signature pad with the mouse (as a finger would).
import type { Page } from '@playwright/test';

export async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 40, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 40 + i * 20, box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)));
  }
  await page.mouse.up();
}
