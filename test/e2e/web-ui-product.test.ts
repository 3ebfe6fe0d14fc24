import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTimecode } from '../../src/domain/timecode.js';
import { findClockTimestamps } from '../../web/src/results/timestamps.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { seriousAxeViolations } from './helpers/axe-scan.js';
import { launchBrowser, openWatchedPage, type WatchedPage } from './helpers/browser.js';
import { chooseModels, startJob, storedVideos, timeoutMs, waitForJobStatus, waitForPlayerTime } from './helpers/ui-actions.js';

/** Browser-side globals, typed loosely: the root tsconfig has no DOM lib. */
declare const document: any;
declare const window: any;

const webIndex = path.resolve('dist/web/index.html');
const localModels = ['local-full', 'local-shots', 'local-audio', 'local-look'];

describe('web UI as a product: focus, timeline, picker, library, phone, accessibility', () => {
  let server: TestServer;
  let browser: Browser;
  let video: { id: string; filename: string; duration_s: number };
  let completedJob: string;

  const finish = async (watched: WatchedPage) => {
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  };

  /** a finished single comparison by every local model, judged locally, on the cuts-and-silence video */
  const runComparison = async (): Promise<string> => {
    const started = await api(`${server.url}/api/compare-async`, {
      method: 'POST',
      json: { video_id: video.id, prompt: 'Review the editing: where are the cuts? Use MM:SS timestamps.', models: localModels, judge_model: 'local-judge' },
    });
    expect(started.status).toBe(200);
    const jobId = started.body.job_id as string;
    // the local models read the video's on-screen text first (OCR): seconds alone, minutes beside the whole suite
    for (const deadline = Date.now() + 200_000; Date.now() < deadline; ) {
      const job = await api(`${server.url}/api/jobs/${jobId}`);
      if (job.body.status === 'completed') return jobId;
      if (['failed', 'cancelled'].includes(job.body.status)) throw new Error(`job ${job.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the comparison did not finish');
  };

  const openResult = async (page: Page, jobId: string) => {
    await page.goto(`${server.url}/#job=${jobId}`);
    await page.locator(`.results[data-job-id="${jobId}"]`).getByTestId('verdict').filter({ hasText: /^Best:/ }).waitFor({ timeout: timeoutMs });
  };

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('dist/web/index.html is missing: run `npm run build:web` first (npm test does)');
    server = await startTestServer();
    browser = await launchBrowser();
    video = await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'));
    completedJob = await runComparison();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop({ removeData: true });
  });

  it('after Run, brings the result into view with its one-line verdict', async () => {
    const watched = await openWatchedPage(browser, { width: 1280, height: 800 });
    const { page } = watched;
    await page.goto(server.url);
    await page.getByLabel('Video', { exact: true }).selectOption(video.id);
    await chooseModels(page, /^Local analyzer(?!: on-screen text)/);
    const jobId = await startJob(page, 'Run comparison');
    await waitForJobStatus(page, jobId, 'completed');
    const verdict = page.locator(`.results[data-job-id="${jobId}"]`).getByTestId('verdict');
    await verdict.filter({ hasText: /^Best: .+ \(\d+(\.\d)?\/10\)/ }).waitFor({ timeout: timeoutMs });
    const box = await verdict.evaluate((el: any) => {
      const rect = el.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: window.innerHeight };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    // the judge's summary is folded below the verdict
    await expect(page.locator('details.summary').getAttribute('open')).resolves.toBeNull();
    await finish(watched);
  });

  it('draws the timeline: one marker per measured cut, one per time each model cites; a click seeks the player', async () => {
    const facts = (await api(`${server.url}/api/video/${video.id}/facts`)).body as { cuts_s: number[] };
    expect(facts.cuts_s.length).toBeGreaterThan(0);
    const result = (await api(`${server.url}/api/jobs/${completedJob}/result`)).body as { results: { model_id: string; response: string }[] };
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await openResult(page, completedJob);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.locator('[data-row="measured"]').waitFor({ timeout: timeoutMs });

    const cuts = timeline.locator('[data-row="measured"] .tl-marker--cut');
    await expect(cuts.count()).resolves.toBe(facts.cuts_s.length);
    for (const [i, cut] of facts.cuts_s.entries()) {
      await expect(cuts.nth(i).getAttribute('aria-label')).resolves.toBe(`Cut at ${formatTimecode(Math.round(cut))}`);
    }
    for (const answer of result.results) {
      const cited = [...new Set(findClockTimestamps(answer.response).map((t) => t.seconds))];
      const markers = timeline.locator(`[data-row="model"][data-model-id="${answer.model_id}"]`).getByRole('button');
      await expect(markers.count(), answer.model_id).resolves.toBe(cited.length);
      const names = await markers.evaluateAll((els: any[]) => els.map((el) => el.getAttribute('aria-label') as string));
      for (const name of names) expect(name).toMatch(/cites \d{2}:\d{2}/);
    }

    // a reference marker and a model's marker both seek the player
    const cutSeconds = Number(await cuts.first().getAttribute('data-seconds'));
    await cuts.first().click();
    await waitForPlayerTime(page, cutSeconds);
    const modelMarker = timeline.locator('[data-row="model"]').first().getByRole('button').last();
    const markerSeconds = Number(await modelMarker.getAttribute('data-seconds'));
    expect(Math.abs(markerSeconds - cutSeconds)).toBeGreaterThan(0.5);
    await modelMarker.hover();
    await expect(modelMarker.locator('[role="tooltip"]').isVisible()).resolves.toBe(true);
    await modelMarker.click();
    await waitForPlayerTime(page, markerSeconds);
    await finish(watched);
  });

  it('with no keys, the picker shows runnable models by provider and one line per unavailable provider', async () => {
    const models = (await api(`${server.url}/api/models`)).body as { details: { provider: string; role: string; available: boolean }[] };
    const offProviders = [...new Set(models.details.filter((m) => m.role === 'answer').map((m) => m.provider))].filter(
      (p) => !models.details.some((m) => m.provider === p && m.role === 'answer' && m.available),
    );
    expect(offProviders.length).toBeGreaterThan(0);
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    const picker = page.getByRole('group', { name: 'Models' });
    await picker.getByRole('checkbox').first().waitFor();
    // nothing unpickable is listed as a checkbox
    await expect(picker.getByRole('checkbox', { disabled: true }).count()).resolves.toBe(0);
    const lines = picker.getByTestId('unavailable-providers').locator('summary');
    await expect(lines.count()).resolves.toBe(offProviders.length);
    for (const provider of offProviders) {
      await expect(picker.locator(`.model-off__provider[data-provider="${provider}"] summary`).count()).resolves.toBe(1);
    }
    await expect(picker.locator('.model-off__provider[data-provider="gemini"] summary').textContent()).resolves.toMatch(
      /^Gemini — add GEMINI_API_KEY to enable · \d+ models?$/,
    );
    // a provider's shutdown notice is shown with the model it concerns (before or after the day)
    await expect(picker.locator('.model-off__provider[data-provider="gemini"] li').filter({ hasText: 'gemini-2.5-pro down on 2026-12-01' }).count()).resolves.toBe(1);
    await finish(watched);
  });

  it('keeps one library entry when the same file is uploaded twice, and finds it by name', async () => {
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    await storedVideos(page).first().waitFor();
    const before = await storedVideos(page).count();
    const file = await sampleVideoFile('three-shots-tone');
    const input = page.getByLabel('Choose video files to upload');
    await input.setInputFiles(file);
    const uploads = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem');
    await uploads.filter({ hasText: 'uploaded' }).waitFor({ timeout: timeoutMs });
    await expect(storedVideos(page).count()).resolves.toBe(before + 1);
    await input.setInputFiles(file);
    await uploads.filter({ hasText: 'already in the library' }).waitFor({ timeout: timeoutMs });
    await expect(storedVideos(page).count()).resolves.toBe(before + 1);
    await expect((await api(`${server.url}/api/videos`)).body.videos.length).toBe(before + 1);

    // each entry shows its duration and upload time; search narrows the list by name
    const entry = storedVideos(page).filter({ hasText: 'three-shots-tone.mp4' });
    await expect(entry.locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expect(entry.locator('.video-item__duration').textContent()).resolves.toBe('00:12');
    await page.getByLabel('Search videos by name').fill('three shots');
    await expect(storedVideos(page).count()).resolves.toBe(1);
    await finish(watched);
  });

  it('fits 390 px: tabs Compose · Jobs · Result, nothing wider than the screen, the matrix scrolls sideways', async () => {
    const other = await uploadVideo(server.url, await sampleVideoFile('three-shots-tone'));
    const batch = await api(`${server.url}/api/batch-compare-async`, {
      method: 'POST',
      json: { video_ids: [video.id, other.id], prompts: ['Where are the cuts?', 'How loud is it?', 'Describe the colours.'], models: localModels, judge_model: 'local-judge' },
    });
    const watched = await openWatchedPage(browser, { width: 390, height: 844 });
    const { page } = watched;
    await page.goto(`${server.url}/#job=${batch.body.job_id}`);
    const matrix = page.getByRole('region', { name: 'Scores per video and prompt' });
    await matrix.waitFor({ timeout: 90_000 });
    await page.locator('.matrix__score').first().waitFor();
    const overflow = () => page.evaluate(() => {
      const widest = [...document.querySelectorAll('body *')].filter((el: any) => {
        const rect = el.getBoundingClientRect();
        return rect.width > 0 && rect.right > document.documentElement.clientWidth + 1 && !el.closest('.scroll-area__box');
      });
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, offenders: widest.slice(0, 5).map((el: any) => el.className) };
    });
    expect(await overflow()).toEqual({ page: 0, offenders: [] });
    const sizes = await matrix.evaluate((el: any) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await page.locator('.scroll-area__hint').filter({ hasText: 'Scroll sideways' }).waitFor();
    await matrix.evaluate((el: any) => el.scrollBy(200, 0));
    await page.waitForFunction(() => document.querySelector('.matrix-scroll .scroll-area__box').scrollLeft > 0);

    for (const tab of ['Compose', 'Jobs', 'Result']) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${tab}`) }).click();
      expect(await overflow(), tab).toEqual({ page: 0, offenders: [] });
    }
    await finish(watched);
  });

  it('has no serious or critical axe-core violations on the main views, light and dark, desktop and phone', async () => {
    const views: { name: string; width: number; colorScheme: 'light' | 'dark'; open(page: Page): Promise<void> }[] = [
      { name: 'start', width: 1440, colorScheme: 'light', open: async (page) => { await page.goto(server.url); await storedVideos(page).first().waitFor(); } },
      { name: 'result', width: 1440, colorScheme: 'light', open: (page) => openResult(page, completedJob) },
      { name: 'result, dark', width: 1440, colorScheme: 'dark', open: (page) => openResult(page, completedJob) },
      { name: 'result, tablet', width: 1024, colorScheme: 'light', open: (page) => openResult(page, completedJob) },
      { name: 'phone compose', width: 390, colorScheme: 'dark', open: async (page) => { await openResult(page, completedJob); await page.getByRole('button', { name: 'Compose' }).click(); } },
    ];
    for (const view of views) {
      const watched = await openWatchedPage(browser, { width: view.width, height: 900, colorScheme: view.colorScheme });
      await view.open(watched.page);
      await watched.page.getByRole('region', { name: 'Timeline' }).or(watched.page.getByRole('group', { name: 'Models' })).first().waitFor();
      expect(await seriousAxeViolations(watched.page), view.name).toEqual([]);
      await finish(watched);
    }
  });
});
