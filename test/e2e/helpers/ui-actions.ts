import type { Locator, Page } from 'playwright-core';

/** Browser-side globals, typed loosely: the root tsconfig has no DOM lib. */
declare const document: any;

export const timeoutMs = 30_000;

export function storedVideos(page: Page): Locator {
  return page.getByRole('list', { name: 'Stored videos' }).getByRole('listitem');
}

export function jobRows(page: Page): Locator {
  return page.getByRole('list', { name: 'Jobs' }).getByRole('listitem');
}

export function jobRow(page: Page, jobId: string): Locator {
  return page.locator(`.job[data-job-id="${jobId}"]`);
}

export async function addSampleVideos(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add sample videos' }).click();
  await storedVideos(page).nth(1).waitFor({ timeout: 60_000 });
}

export async function setMode(page: Page, mode: 'Single' | 'Batch'): Promise<void> {
  await page.getByRole('radio', { name: mode }).check();
}

/** Leaves checked exactly the models whose label matches one of `wanted` (ids or names). */
export async function chooseModels(page: Page, wanted: RegExp): Promise<void> {
  const boxes = page.getByRole('group', { name: 'Models' }).getByRole('checkbox');
  const count = await boxes.count();
  for (let i = 0; i < count; i += 1) {
    const box = boxes.nth(i);
    if (!(await box.isEnabled())) continue;
    const label = (await box.evaluate((el: any) => el.closest('label')?.textContent ?? '')) as string;
    await box.setChecked(wanted.test(label));
  }
}

/** Clicks the run button and returns the new job's id (the page opens it: #job=…). */
export async function startJob(page: Page, button: 'Run comparison' | 'Run batch'): Promise<string> {
  const before = page.url();
  await page.getByRole('button', { name: button }).click();
  await page.waitForFunction((previous: string) => (globalThis as any).location.href !== previous && /#job=/.test((globalThis as any).location.hash), before, { timeout: timeoutMs });
  return new URL(page.url()).hash.replace('#job=', '');
}

export async function waitForJobStatus(page: Page, jobId: string, status: string, timeout = 60_000): Promise<void> {
  await jobRow(page, jobId).and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout });
}

/** The player's current time, or null when no player is shown. */
export function playerTime(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const video = document.querySelector('video.player__video');
    return video ? (video.currentTime as number) : null;
  });
}

/** Waits until the player shows a time within `tolerance` s of `seconds`. */
export async function waitForPlayerTime(page: Page, seconds: number, tolerance = 0.5): Promise<void> {
  await page.waitForFunction(
    ([target, slack]: [number, number]) => {
      const video = document.querySelector('video.player__video');
      return video !== null && Math.abs(video.currentTime - target) <= slack;
    },
    [seconds, tolerance] as [number, number],
    { timeout: timeoutMs },
  );
}
