/**
 * Takes the README's screenshots into docs/screenshots/: desktop light, desktop dark, phone.
 * Run after `npm run build:web`:  npx tsx test/e2e/take-screenshots.ts
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/test-server.js';
import { launchBrowser, openWatchedPage } from './helpers/browser.js';
import { addSampleVideos, chooseModels, startJob, waitForJobStatus } from './helpers/ui-actions.js';

const outDir = path.resolve('docs/screenshots');
const localModels = /^Local analyzer(?!: on-screen text)/;

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...(globalThis as any).document.querySelectorAll('img.video-item__thumb')]
      .filter((img: any) => img.offsetParent !== null)
      .every((img: any) => img.complete && img.naturalWidth > 0),
  );
  await page.waitForFunction(() => ((globalThis as any).document.querySelector('video.player__video')?.readyState ?? 0) >= 2);
}

async function main(): Promise<void> {
  if (!existsSync('dist/web/index.html')) throw new Error('Build the UI first: npm run build:web');
  mkdirSync(outDir, { recursive: true });
  const server = await startTestServer();
  const browser = await launchBrowser();
  try {
    const desktop = await openWatchedPage(browser, { width: 1440, height: 1100 });
    const { page } = desktop;
    await page.goto(server.url);
    await addSampleVideos(page);
    await chooseModels(page, localModels);
    await page.getByLabel('Prompt template').selectOption('editing');
    const single = await startJob(page, 'Run comparison');
    await waitForJobStatus(page, single, 'completed');
    await page.locator(`.results[data-job-id="${single}"]`).getByTestId('score').nth(3).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByRole('button').first().waitFor();
    await settle(page);
    await page.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outDir, 'desktop-light.png') });

    // the arena over the stored answers: a few votes by keyboard, the last one revealed
    await page.goto(`${server.url}/#arena`);
    for (const key of ['1', '2', '1', '3', '1']) {
      await page.getByRole('article', { name: 'Answer B' }).waitFor();
      await page.keyboard.press(key);
      await page.getByTestId('reveal').waitFor();
      if (key !== '1' || (await page.getByTestId('vote-count').innerText()) !== '5 votes cast') await page.keyboard.press('Enter');
    }
    await page.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outDir, '07-arena.png') });
    await page.getByRole('link', { name: 'Ratings' }).click();
    await page.getByLabel('Rating source').selectOption('all');
    await page.locator('.ratings__row').nth(1).waitFor();
    await page.screenshot({ path: path.join(outDir, '08-ratings.png'), fullPage: true });
    if (desktop.problems.length) console.warn('browser problems:', desktop.problems);
    await desktop.context.close();

    const dark = await openWatchedPage(browser, { width: 1440, height: 1100, colorScheme: 'dark' });
    await dark.page.goto(`${server.url}/#job=${single}`);
    await dark.page.locator(`.results[data-job-id="${single}"]`).getByTestId('score').nth(3).waitFor();
    await dark.page.getByRole('region', { name: 'Timeline' }).getByRole('button').first().waitFor();
    await settle(dark.page);
    await dark.page.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await dark.page.screenshot({ path: path.join(outDir, 'desktop-dark.png') });
    await dark.context.close();

    const phone = await openWatchedPage(browser, { width: 390, height: 844 });
    await phone.page.goto(`${server.url}/#job=${single}`);
    await phone.page.locator(`.results[data-job-id="${single}"]`).getByTestId('score').first().waitFor();
    await settle(phone.page);
    await phone.page.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await phone.page.screenshot({ path: path.join(outDir, 'phone-result.png') });
    await phone.page.getByRole('button', { name: 'Compose' }).click();
    await phone.page.screenshot({ path: path.join(outDir, 'phone-compose.png') });
    if (phone.problems.length) console.warn('browser problems:', phone.problems);
    await phone.context.close();
    console.log(`screenshots written to ${outDir}`);
  } finally {
    await browser.close();
    await server.stop({ removeData: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
