// The bay touchscreen at 1280x800 and the workshop board: a technician signs in with a
// PIN, confirms the plate and starts, pauses for parts, resumes, reports additional
// work, ticks the checklist and finishes; the team lead and QC countersign with their
// PINs; the board and the lounge show every step live. Two screens tapping the same job
// apply it once and the loser is told; going offline is shown and recovered.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { useServerPerTest } from './support/screens';
import { ADVISOR, actNow, getJob, newActor, signIn, signInBay } from './support/api';

const screens = useServerPerTest();

/** A screen of its own (its own cookies), live on `path`. */
async function screen(browser: Browser, path: string, size = { width: 1280, height: 800 }): Promise<Page> {
  const page = await screens.open(browser, path, size);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  return page;
}

async function typePin(page: Page, pin: string, scope = page.locator('body')): Promise<void> {
  for (const digit of pin) await scope.getByRole('button', { name: digit, exact: true }).click();
}

async function signInAtBay(page: Page, pin: string, name: string): Promise<void> {
  await typePin(page, pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in')).toHaveText(name);
}

/** Countersigns the step `label` at the bay screen with `pin`. */
async function countersign(page: Page, label: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByTestId('sign-dialog');
  await typePin(page, pin, dialog);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toHaveCount(0);
}

test('a technician works a car at the bay; the board and the lounge follow every step', async ({ browser }) => {
  test.setTimeout(120_000);
  const bay = await screen(browser, '/bay/1?lang=en');
  const board = await screen(browser, '/bays?lang=en', { width: 1920, height: 1080 });
  const lounge = await screen(browser, '/lounge?lang=en&sound=off&per_page=40', { width: 1920, height: 1080 });
  const onBoard = board.locator('[data-testid="bay-column"][data-bay="1"] [data-ticket="A03"]').first();
  const inLounge = lounge.locator('[data-testid="lounge-job"][data-ticket="A03"]');
  const job = bay.getByTestId('bay-current-job');

  // Wrong PIN first: refused, still signed out.
  await typePin(bay, '9999');
  await bay.getByRole('button', { name: 'Sign in' }).click();
  await expect(bay.getByTestId('bay-message')).toContainText("does not belong to this bay's team");
  await signInAtBay(bay, '1110', '马俊');
  await expect(board.locator('[data-testid="bay-column"][data-bay="1"] [data-testid="bay-signed-in"]')).toContainText('马俊');

  // The car, its customer's words and the checklist with standard times.
  await expect(job).toHaveAttribute('data-ticket', 'A03');
  await expect(job).toHaveAttribute('data-stage', 'queued');
  await expect(bay.getByTestId('job-plate')).toHaveText('粤B7N2S8');
  await expect(bay.getByTestId('check-item')).toHaveCount(2);
  await expect(bay.getByTestId('checklist')).toContainText('Engine oil change · 20 min');

  // Start asks to check the plate on the car first.
  await bay.getByRole('button', { name: 'Start', exact: true }).click();
  const confirm = bay.getByRole('dialog');
  await expect(confirm).toContainText('Check the plate on the car matches this order');
  await expect(confirm).toContainText('粤B7N2S8');
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(job).toHaveAttribute('data-stage', 'in_service');
  await expect(onBoard).toHaveAttribute('data-stage', 'in_service');
  await expect(inLounge).toHaveAttribute('data-stage', 'in_service');
  await expect(bay.getByTestId('labour')).toContainText('Worked 0 / 30 min');

  // Pause for parts; the board and the lounge say why.
  await bay.getByRole('button', { name: 'Pause', exact: true }).click();
  await bay.getByRole('dialog').getByRole('button', { name: 'Waiting for parts' }).click();
  await expect(job).toHaveAttribute('data-stage', 'paused');
  await expect(onBoard).toContainText('Waiting for parts');
  await expect(inLounge).toContainText('Waiting for parts');
  await bay.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(job).toHaveAttribute('data-stage', 'in_service');
  await expect(inLounge).toHaveAttribute('data-stage', 'in_service');

  // Additional work found under the car: pending until the customer approves.
  await bay.getByRole('button', { name: 'Report additional work' }).click();
  const form = bay.getByRole('dialog');
  await form.getByLabel('What needs doing').fill('Front brake pads worn to the limit');
  await form.getByLabel('Estimated minutes').fill('60');
  await form.getByRole('combobox', { name: 'Add part' }).selectOption('10'); // front brake pads (set)
  await form.getByRole('button', { name: 'Add part' }).click();
  await expect(form.getByTestId('chosen-parts')).toContainText('Front brake pads (set) ×1');
  await form.getByRole('button', { name: 'Yes', exact: true }).click();
  await form.getByRole('button', { name: 'Send for approval' }).click();
  await expect(bay.getByTestId('bay-message')).toContainText('Sent to the service desk');
  await expect(bay.locator('[data-testid="check-item"][data-status="pending"]')).toContainText('Front brake pads worn to the limit');
  await expect(inLounge).toContainText('Waiting for your approval');

  // Finish waits for the checklist, then for the self-check.
  const finish = bay.getByRole('button', { name: 'Finish work', exact: true });
  await expect(finish).toBeDisabled();
  const open = bay.locator('[data-testid="check-item"][data-status="todo"]');
  for (let left = await open.count(); left > 0; left--) {
    await open.first().getByRole('button', { name: 'Done', exact: true }).click();
    await expect(open).toHaveCount(left - 1);
  }
  await finish.click();
  const selfCheck = bay.getByRole('dialog');
  const finishNow = selfCheck.getByRole('button', { name: 'Finish work' });
  await expect(finishNow).toBeDisabled();
  await selfCheck.getByLabel('I have checked my work (self-check)').check();
  await finishNow.click();
  const check = bay.locator('[data-testid="bay-check-job"][data-ticket="A03"]');
  await expect(check).toHaveAttribute('data-stage', 'quality_check');
  await expect(inLounge).toHaveAttribute('data-stage', 'quality_check');
  // A04, next in the queue, is now the bay's current job.
  await expect(job).toHaveAttribute('data-ticket', 'A04');

  // The team lead and the QC inspector sign at this screen with their PINs.
  await countersign(bay, 'Team check passed', '1111');
  await expect(bay.getByRole('button', { name: 'QC pass', exact: true })).toBeVisible();
  await countersign(bay, 'QC pass', '7777');
  await expect(inLounge).toHaveAttribute('data-stage', /washing|ready/);

  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  // The demo seed numbers its jobs in ticket order: A03 is job 3.
  const staff = (await getJob(advisor, 3)).body as unknown as { ticket: string; timeline: { action: string; actor_name: string }[] };
  expect(staff.ticket).toBe('A03');
  const timeline = staff.timeline;
  const signed = timeline.filter((t) => ['team_check', 'qc_pass'].includes(t.action)).map((t) => t.actor_name);
  expect(signed).toEqual(['何志勇', '赵磊']);
  await advisor.dispose();
});

test('two screens tapping the same job apply it once; offline is shown and recovered', async ({ browser }) => {
  test.setTimeout(90_000);
  const first = await screen(browser, '/bay/1?lang=en');
  const second = await screen(browser, '/bay/1?lang=en');
  await signInAtBay(first, '1111', '何志勇');
  await signInAtBay(second, '1110', '马俊');
  for (const page of [first, second]) {
    await expect(page.getByTestId('bay-current-job')).toHaveAttribute('data-stage', 'queued');
  }

  // The second screen opens Start; the first starts the car meanwhile.
  await second.getByRole('button', { name: 'Start', exact: true }).click();
  await first.getByRole('button', { name: 'Start', exact: true }).click();
  await first.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(second.getByTestId('bay-current-job')).toHaveAttribute('data-stage', 'in_service');
  // Its dialog is still open on what it saw; confirming is refused and explained.
  await second.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(second.getByTestId('bay-message')).toContainText('Someone else changed this job first');
  await expect(second.getByTestId('bay-current-job')).toHaveAttribute('data-stage', 'in_service');

  // The second screen loses the network: it says so, and its buttons wait.
  await second.context().setOffline(true);
  await expect(second.getByTestId('offline')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Pause', exact: true })).toBeDisabled();
  // Meanwhile the first screen pauses the car.
  await first.getByRole('button', { name: 'Pause', exact: true }).click();
  await first.getByRole('dialog').getByRole('button', { name: 'Waiting for parts' }).click();
  await expect(first.getByTestId('bay-current-job')).toHaveAttribute('data-stage', 'paused');

  // Back online: the banner goes and the screen catches up with what it missed.
  await second.context().setOffline(false);
  await expect(second.getByTestId('offline')).toHaveCount(0, { timeout: 15_000 });
  await expect(second.getByTestId('connection')).toHaveAttribute('data-state', 'live');
  await expect(second.getByTestId('bay-current-job')).toHaveAttribute('data-stage', 'paused');
  await expect(second.getByRole('button', { name: 'Resume', exact: true })).toBeEnabled();

  // Exactly one start was recorded.
  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  const job = (await getJob(advisor, 3)).body as unknown as { ticket: string; timeline: { action: string }[] };
  expect(job.ticket).toBe('A03');
  expect(job.timeline.filter((t) => t.action === 'start')).toHaveLength(1);
  await advisor.dispose();
});

test('the foreman dispatches from the board: a suggested bay in one tap, then reorders', async ({ browser }) => {
  test.setTimeout(90_000);
  const board = await screen(browser, '/bays?lang=en', { width: 1920, height: 1080 });
  const waiting = board.locator('[data-testid="unassigned-job"][data-ticket="A05"]');
  // Read-only until someone signs in.
  await expect(waiting).toContainText('Suggested');
  await expect(waiting.getByTestId('assign-suggested')).toHaveCount(0);
  await board.getByLabel('Username').fill('foreman');
  await board.getByLabel('Password').fill('pitwall');
  await board.getByRole('button', { name: 'Sign in' }).click();
  await expect(board.getByTestId('staff-signed-in')).toHaveText('刘强');

  const suggested = await waiting.getAttribute('data-suggested');
  expect(suggested).toMatch(/^[23]$/); // A/C check + cabin filter: general repair bays
  await waiting.getByTestId('assign-suggested').click();
  await expect(waiting).toHaveCount(0);
  const column = board.locator(`[data-testid="bay-column"][data-bay="${suggested}"]`);
  await expect(column.locator('[data-testid="queued-job"][data-ticket="A05"]')).toBeVisible();

  // Bay 1's queue: A03 then A04; move A04 up.
  const queue = board.locator('[data-testid="bay-column"][data-bay="1"] [data-testid="queued-job"]');
  await expect(queue).toHaveCount(2);
  await expect(queue.nth(0)).toHaveAttribute('data-ticket', 'A03');
  await queue.nth(1).getByRole('button', { name: 'Move up' }).click();
  await expect(queue.nth(0)).toHaveAttribute('data-ticket', 'A04');
  await expect(queue.nth(1)).toHaveAttribute('data-ticket', 'A03');
});

test('a bay picked for a waiting car stays picked while the board updates around it', async ({ browser }) => {
  test.setTimeout(90_000);
  const board = await screen(browser, '/bays?lang=en', { width: 1920, height: 1080 });
  await board.getByLabel('Username').fill('foreman');
  await board.getByLabel('Password').fill('pitwall');
  await board.getByRole('button', { name: 'Sign in' }).click();
  await expect(board.getByTestId('staff-signed-in')).toHaveText('刘强');

  // The foreman picks the general repair bay not suggested for A05, and has not assigned it yet.
  const waiting = board.locator('[data-testid="unassigned-job"][data-ticket="A05"]');
  const other = (await waiting.getAttribute('data-suggested')) === '2' ? '3' : '2';
  const pick = waiting.getByRole('combobox', { name: 'Assign to' });
  await pick.selectOption(other);
  await pick.evaluate((el) => el.setAttribute('data-picked-here', 'yes'));

  // Meanwhile bay 2's lead pauses A01 for parts: the board updates.
  const advisor = await newActor(screens.server().baseURL);
  expect((await signIn(advisor, ADVISOR)).ok).toBe(true);
  const lead = await newActor(screens.server().baseURL);
  expect((await signInBay(lead, { bay_id: 2, pin: '2222' })).ok).toBe(true);
  expect((await actNow(advisor, lead, 1, { action: 'pause', reason: 'awaiting_parts' })).ok).toBe(true);
  await expect(board.locator('[data-testid="bay-column"][data-bay="2"] [data-ticket="A01"]')).toHaveAttribute('data-stage', 'paused');

  // The same select, still on that bay: one tap assigns it there.
  await expect(pick).toHaveAttribute('data-picked-here', 'yes');
  await expect(pick).toHaveValue(other);
  await waiting.getByRole('button', { name: 'Assign to', exact: true }).click();
  await expect(waiting).toHaveCount(0);
  await expect(board.locator(`[data-testid="bay-column"][data-bay="${other}"] [data-testid="queued-job"][data-ticket="A05"]`)).toBeVisible();
});
