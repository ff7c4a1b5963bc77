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

/** Points on the pad as fractions of its size, `[x, y]` each in 0..1. */
export type PadPath = [number, number][];

/** Presses at the path's first point and moves through the rest; lifts only if `lift`. */
export async function drawPath(page: Page, path: PadPath, lift = true): Promise<void> {
  const box = await page.getByTestId('signature-pad').boundingBox();
  if (!box) throw new Error('no signature pad');
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  const [first, ...rest] = path;
  await page.mouse.move(...at(first));
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(...at(p), { steps: 3 });
  if (lift) await page.mouse.up();
}

/** Continues a stroke still pressed (see `drawPath`) through `path`, then lifts. */
export async function finishPath(page: Page, path: PadPath): Promise<void> {
  const box = await page.getByTestId('signature-pad').boundingBox();
  if (!box) throw new Error('no signature pad');
  for (const [x, y] of path) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 3 });
  await page.mouse.up();
}

/** The indices of the pad's inked pixels (alpha >= `minAlpha`), as drawn on its canvas now. */
export async function inkedPixels(page: Page, minAlpha = 1): Promise<number[]> {
  return page.getByTestId('signature-pad').evaluate((canvas: HTMLCanvasElement, minAlpha: number) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const inked: number[] = [];
    for (let i = 3; i < data.length; i += 4) if (data[i] >= minAlpha) inked.push((i - 3) / 4);
    return inked;
  }, minAlpha);
}
