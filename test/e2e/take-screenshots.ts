/**
 * Takes the README's screenshots of the main screens into docs/screenshots/.
 * Run after `npm run build:web`:  npx tsx test/e2e/take-screenshots.ts
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startTestServer } from '../helpers/test-server.js';
import { launchBrowser, openWatchedPage } from './helpers/browser.js';
import { addSampleVideos, chooseModels, setMode, startJob, storedVideos, waitForJobStatus, waitForPlayerTime } from './helpers/ui-actions.js';

const outDir = path.resolve('docs/screenshots');
const localModels = /^Local analyzer/;

async function main(): Promise<void> {
  if (!existsSync('dist/web/index.html')) throw new Error('Build the UI first: npm run build:web');
  mkdirSync(outDir, { recursive: true });
  const server = await startTestServer();
  const browser = await launchBrowser();
  try {
    const desktop = await openWatchedPage(browser, { width: 1280, height: 900 });
    const { page } = desktop;
    await page.goto(server.url);
    await addSampleVideos(page);
    await storedVideos(page).first().getByRole('button', { name: /^Play/ }).click();
    await page.locator('video.player__video').waitFor();
    await page.waitForFunction(() => ((globalThis as any).document.querySelector('video.player__video')?.readyState ?? 0) >= 2);
    await page.screenshot({ path: path.join(outDir, '01-start-with-samples.png') });

    await chooseModels(page, localModels);
    await page.getByLabel('Prompt template').selectOption('editing');
    const single = await startJob(page, 'Run comparison');
    await waitForJobStatus(page, single, 'completed');
    const results = page.locator(`.results[data-job-id="${single}"]`);
    await results.getByTestId('score').nth(3).waitFor();
    await results.locator('.card').first().locator('button.timestamp[data-seconds="5"]').first().click();
    await waitForPlayerTime(page, 5);
    await page.setViewportSize({ width: 1280, height: 1200 });
    await results.evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(outDir, '02-single-result.png') });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await setMode(page, 'Batch');
    const videoBoxes = page.getByRole('group', { name: 'Videos' }).getByRole('checkbox');
    for (let i = 0; i < (await videoBoxes.count()); i += 1) await videoBoxes.nth(i).check();
    const prompts = page.getByRole('group', { name: 'Prompts' }).getByRole('checkbox');
    for (const i of [0, 1, 4]) await prompts.nth(i).check();
    const batch = await startJob(page, 'Run batch');
    await waitForJobStatus(page, batch, 'completed', 120_000);
    const batchResults = page.locator(`.results[data-job-id="${batch}"]`);
    await batchResults.locator('.leaderboard__row').first().waitFor();
    await batchResults.locator('button.matrix__cell').first().click();
    await page.setViewportSize({ width: 1280, height: 1300 });
    await batchResults.evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(outDir, '03-batch-leaderboard.png') });

    // the arena over the batch's answers: a few votes by keyboard, the last one revealed
    await page.setViewportSize({ width: 1280, height: 1100 });
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

    const phone = await openWatchedPage(browser, { width: 390, height: 844 });
    await phone.page.goto(`${server.url}/#job=${single}`);
    await phone.page.locator(`.results[data-job-id="${single}"]`).getByTestId('score').first().waitFor();
    await phone.page.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await phone.page.waitForFunction(() =>
      [...(globalThis as any).document.querySelectorAll('img.video-item__thumb')].every((img: any) => img.complete && img.naturalWidth > 0),
    );
    await phone.page.screenshot({ path: path.join(outDir, '04-phone-top.png') });
    await phone.page.locator('form.compose').evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    await phone.page.screenshot({ path: path.join(outDir, '05-phone-compose.png') });
    await phone.page.locator('.results .card').first().evaluate((el: any) => el.scrollIntoView({ block: 'start' }));
    await phone.page.screenshot({ path: path.join(outDir, '06-phone-result-card.png') });
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
