import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { launchBrowser, openWatchedPage, type WatchedPage } from './helpers/browser.js';
import { BrowserTestProvider, writeBrowserTestModels } from './helpers/test-provider.js';
import {
  chooseModels,
  jobRow,
  jobRows,
  setMode,
  startJob,
  storedVideos,
  timeoutMs,
  waitForJobStatus,
  waitForPlayerTime,
} from './helpers/ui-actions.js';

const webIndex = path.resolve('dist/web/index.html');
// the measuring analyzers (OCR reads frames for seconds and has its own tests)
const localModels = /^Local analyzer(?!: on-screen text)/;

describe('web UI in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let scratch: string;
  let videos: Promise<{ id: string; filename: string }[]> | undefined;

  /** two uploaded sample videos (cuts-and-silence, three-shots-tone), made once for the tests that need them */
  const ensureVideos = () =>
    (videos ??= Promise.all([sampleVideoFile('cuts-and-silence'), sampleVideoFile('three-shots-tone')]).then(async (files) => {
      const records = [];
      for (const file of files) records.push(await uploadVideo(server.url, file));
      return records;
    }));

  /** every page must end without console errors, page errors or unexpected dialogs */
  const finish = async (watched: WatchedPage) => {
    expect(watched.problems).toEqual([]);
    expect(watched.dialogs.filter((d) => !d.startsWith('confirm'))).toEqual([]);
    await watched.context.close();
  };

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('dist/web/index.html is missing: run `npm run build:web` first (npm test does)');
    scratch = mkdtempSync(path.join(tmpdir(), 'vidcompare-e2e-'));
    server = await startTestServer({
      providers: [new BrowserTestProvider()],
      env: { VIDCOMPARE_MODELS_FILE: writeBrowserTestModels(scratch) },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop({ removeData: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('uploads several videos through the page, explains a refusal, and adds the sample videos', async () => {
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    expect(await page.title()).toContain('vidcompare');
    await page.getByText('No videos yet.').waitFor();

    const files = [await sampleVideoFile('cuts-and-silence'), await sampleVideoFile('three-shots-tone')];
    await page.getByLabel('Choose video files to upload').setInputFiles(files);
    const uploads = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem');
    await uploads.filter({ hasText: 'uploaded' }).nth(1).waitFor({ timeout: timeoutMs });
    await expect(storedVideos(page).count()).resolves.toBe(2);
    await storedVideos(page).filter({ hasText: 'cuts-and-silence.mp4' }).filter({ hasText: '00:15' }).waitFor();

    // a file dropped on the drop zone that is not a video: the server's refusal is shown in words
    watched.expect(/status of 415/);
    const dataTransfer = await page.evaluateHandle(() => {
      const browser = globalThis as any;
      const transfer = new browser.DataTransfer();
      transfer.items.add(new browser.File(['these are notes, not a video\n'.repeat(20)], 'notes.mp4', { type: 'video/mp4' }));
      return transfer;
    });
    await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
    const refusal = page.getByRole('alert').filter({ hasText: 'Refused:' });
    await refusal.waitFor({ timeout: timeoutMs });
    expect(await refusal.textContent()).toMatch(/Refused: The uploaded file is not a video/);
    await expect(storedVideos(page).count()).resolves.toBe(2);

    // the samples are added, except where the same bytes are already stored (one entry per video)
    await page.getByRole('button', { name: 'Add sample videos' }).click();
    await page.getByRole('button', { name: 'Add sample videos' }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    const stored = (await api(`${server.url}/api/videos`)).body.videos as { sha256: string }[];
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(new Set(stored.map((v) => v.sha256)).size).toBe(stored.length);
    await expect(storedVideos(page).count()).resolves.toBe(stored.length);
    await finish(watched);
  });

  it('runs a single comparison with the local models and judge, shows the scores, and timestamps seek the player', async () => {
    const [video] = await ensureVideos();
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    await page.getByLabel('Video', { exact: true }).selectOption(video!.id);
    await chooseModels(page, localModels);
    await expect(page.getByLabel('Judge').inputValue()).resolves.toBe('local-judge');
    // a provider without a key is one line saying how to enable it
    await page.getByText(/^Gemini — add GEMINI_API_KEY to enable · \d+ models?$/).waitFor();

    const jobId = await startJob(page, 'Run comparison');
    const results = page.locator(`.results[data-job-id="${jobId}"]`);
    const scores = results.getByTestId('score');
    await scores.nth(3).waitFor({ timeout: 180_000 });
    const texts = await scores.allTextContents();
    expect(texts).toHaveLength(4);
    for (const text of texts) expect(text).toMatch(/^\d+(\.\d)?\/10$/);
    await waitForJobStatus(page, jobId, 'completed');
    await results.locator('.summary').filter({ hasText: "The judge's summary" }).waitFor();

    // the player shows the result's video, and a timestamp in an answer seeks it
    await page.locator(`video.player__video[data-video-id="${video!.id}"]`).waitFor();
    const card = results.locator('.card').first();
    // a long answer unfolds in place
    const unfold = card.getByRole('button', { name: 'Show the whole answer' });
    if ((await unfold.count()) > 0) {
      await unfold.click();
      await expect(card.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).resolves.toBe('true');
    }
    const stamps = card.locator('button.timestamp');
    const values = (await stamps.evaluateAll((els: any[]) => els.map((el) => Number(el.dataset.seconds)))) as number[];
    const first = values.findIndex((s) => s >= 2 && s <= 14);
    const second = values.findIndex((s) => s >= 2 && s <= 14 && Math.abs(s - values[first]!) >= 1);
    expect(first).toBeGreaterThanOrEqual(0);
    await stamps.nth(first).click();
    await page.locator(`video.player__video[data-video-id="${video!.id}"]`).waitFor();
    await waitForPlayerTime(page, values[first]!);
    if (second >= 0) {
      await stamps.nth(second).click();
      await waitForPlayerTime(page, values[second]!);
    }

    // "Judge again with…" starts a job that judges these answers again, and opens it
    const rejudge = results.getByRole('form', { name: 'Judge again' });
    await rejudge.getByLabel('Judge again with…').selectOption('local-judge');
    await rejudge.getByRole('button', { name: 'Judge again' }).click();
    const reopened = page.locator('.results[data-job-id]').and(page.locator(`:not([data-job-id="${jobId}"])`));
    await reopened.waitFor();
    const rejudgeId = (await reopened.getAttribute('data-job-id'))!;
    await waitForJobStatus(page, rejudgeId, 'completed');
    await jobRow(page, rejudgeId).getByTestId('job-rejudge-of').filter({ hasText: jobId.slice(0, 8) }).waitFor();
    await expect(reopened.getByTestId('score').count()).resolves.toBe(4);
    const source = (await api(`${server.url}/api/jobs/${jobId}`)).body;
    const again = (await api(`${server.url}/api/jobs/${rejudgeId}`)).body;
    expect(again.rejudge_of).toBe(jobId);
    expect(again.result.results.map((r: { response: string }) => r.response)).toEqual(source.result.results.map((r: { response: string }) => r.response));
    await finish(watched);
  });

  it('shows HTML written in an answer as literal text, never as markup', async () => {
    const [video] = await ensureVideos();
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    await page.getByLabel('Video', { exact: true }).selectOption(video!.id);
    await chooseModels(page, /^Test: HTML/);
    await page.getByLabel('Judge').selectOption('none');
    const jobId = await startJob(page, 'Run comparison');
    const answer = page.locator(`.results[data-job-id="${jobId}"] .card[data-model-id="test-html"] .card__answer`);
    await answer.getByText('<img src=x onerror=alert(1)>', { exact: false }).waitFor({ timeout: timeoutMs });
    const text = await answer.textContent();
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('<script>alert(2)</script>');
    await expect(answer.locator('img, script').count()).resolves.toBe(0);
    // the timestamp next to the HTML is still a seek button
    await expect(answer.locator('button.timestamp').count()).resolves.toBe(1);
    await finish(watched);
  });

  it('runs a batch: counts the comparisons, shows the score matrix, the leaderboard and the exports', async () => {
    const pair = await ensureVideos();
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    await setMode(page, 'Batch');
    const videoGroup = page.getByRole('group', { name: 'Videos' });
    for (const video of pair) await videoGroup.locator(`input[value="${video.id}"]`).check();
    const prompts = page.getByRole('group', { name: 'Prompts' }).getByRole('checkbox');
    await prompts.nth(0).check();
    await prompts.nth(1).check();
    await chooseModels(page, localModels);
    await expect(page.getByTestId('batch-count').textContent()).resolves.toMatch(/2 videos × 2 prompts = 4 comparisons/);
    // the server's estimate, before Run, following the selection (4 local analyzers: calls, but no tokens and no cost)
    const estimateShows = (calls: number) =>
      waitFor(async () => new RegExp(`^Estimate: ${calls} calls, 0 tokens in / 0 out, ≈ \\$0\\.00`).test((await page.getByTestId('estimate').textContent({ timeout: 15_000 })) ?? ''), 15_000);
    await estimateShows(4 * 4);
    await prompts.nth(1).uncheck();
    await estimateShows(2 * 4);
    await prompts.nth(1).check();
    await estimateShows(4 * 4);

    const jobId = await startJob(page, 'Run batch');
    await waitForJobStatus(page, jobId, 'completed', 200_000);
    const results = page.locator(`.results[data-job-id="${jobId}"]`);
    const leaderboard = results.locator('.leaderboard__row');
    await leaderboard.nth(3).waitFor();
    for (const score of await results.locator('.leaderboard__score').allTextContents()) expect(score).toMatch(/^\d+(\.\d)?\/10$/);
    await expect(results.locator('table.matrix tbody tr').count()).resolves.toBe(2);
    const href = await results.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(href).toBe(`/api/jobs/${jobId}/export?format=csv`);
    const csv = await api(`${server.url}${href}`);
    expect(csv.status).toBe(200);

    await results.locator('button.matrix__cell').first().click();
    await results.locator('.comparison .card').nth(3).waitFor();
    await finish(watched);
  });

  it('cancels a running batch from the jobs panel', async () => {
    const [video] = await ensureVideos();
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    await setMode(page, 'Batch');
    await page.getByRole('group', { name: 'Videos' }).locator(`input[value="${video!.id}"]`).check();
    await chooseModels(page, /^Test: answers only when cancelled/);
    const jobId = await startJob(page, 'Run batch');
    await waitForJobStatus(page, jobId, 'running');
    await jobRow(page, jobId).getByRole('button', { name: /^Cancel/ }).click();
    await waitForJobStatus(page, jobId, 'cancelled');
    await expect(jobRow(page, jobId).getByTestId('job-status').textContent()).resolves.toBe('cancelled');
    await expect(jobRow(page, jobId).getByRole('button', { name: /^Cancel/ }).count()).resolves.toBe(0);
    await finish(watched);
  });

  it('says a rate-limited job is slowing down, not failing', async () => {
    await ensureVideos();
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    // the retry is announced once, over the live stream: be connected before the job starts
    await page.locator('.stream--live').waitFor({ timeout: timeoutMs });
    await chooseModels(page, /^Test: always rate-limited/);
    const jobId = await startJob(page, 'Run comparison');
    const notice = jobRow(page, jobId).getByTestId('job-notice');
    await notice.waitFor({ timeout: timeoutMs });
    expect(await notice.textContent()).toMatch(/^Slowing down, not failing: test-throttled was refused \(429 Resource exhausted\); retrying in 6\d s, attempt 2$/);
    expect(await jobRow(page, jobId).getAttribute('data-status')).toBe('running');
    await jobRow(page, jobId).getByRole('button', { name: /^Cancel/ }).click();
    await waitForJobStatus(page, jobId, 'cancelled');
    await expect(notice.count()).resolves.toBe(0);
    await finish(watched);
  });

  it('says what a job waits on when it is not a model answering, with the time it has waited', async () => {
    await ensureVideos();
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    await page.goto(server.url);
    await page.locator('.stream--live').waitFor({ timeout: timeoutMs });
    await chooseModels(page, /^Test: uploads until cancelled/);
    await page.getByLabel('Judge').selectOption('none');
    const jobId = await startJob(page, 'Run comparison');
    const phase = jobRow(page, jobId).getByTestId('job-phase');
    await phase.filter({ hasText: 'Preparing the video for test-uploading' }).waitFor({ timeout: timeoutMs });
    expect(await phase.textContent()).toMatch(/^Preparing the video for test-uploading \(uploading it to the provider, or sampling frames\) · \d+ s$/);
    // the elapsed time counts up while it waits
    const first = Number((await phase.textContent())!.match(/(\d+) s$/)![1]);
    await page.waitForFunction(
      ([id, before]: [string, number]) => {
        const text = (globalThis as any).document.querySelector(`.job[data-job-id="${id}"] [data-testid="job-phase"]`)?.textContent ?? '';
        return Number(/(\d+) s$/.exec(text)?.[1] ?? -1) > before;
      },
      [jobId, first] as [string, number],
      { timeout: timeoutMs },
    );
    await jobRow(page, jobId).getByRole('button', { name: /^Cancel/ }).click();
    await waitForJobStatus(page, jobId, 'cancelled');
    await expect(phase.count()).resolves.toBe(0);
    await finish(watched);
  });

  it('rebuilds the jobs panel after a reload, and shows jobs started elsewhere live', async () => {
    const [video] = await ensureVideos();
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    const started = await api(`${server.url}/api/compare-async`, {
      method: 'POST',
      json: { video_id: video!.id, prompt: 'Where are the cuts? Answer with MM:SS timestamps.', models: ['local-shots'], judge_model: 'none' },
    });
    expect(started.status).toBe(200);
    await page.goto(server.url);
    await waitForJobStatus(page, started.body.job_id, 'completed');

    // a job created by another client appears without a reload (server-sent events)
    const other = await api(`${server.url}/api/compare-async`, {
      method: 'POST',
      json: { video_id: video!.id, prompt: 'How loud is it?', models: ['local-audio'], judge_model: 'none' },
    });
    await waitForJobStatus(page, other.body.job_id, 'completed');

    const before = await jobRows(page).evaluateAll((rows: any[]) => rows.map((r) => `${r.dataset.jobId}:${r.dataset.status}`));
    await page.reload();
    await jobRows(page).nth(before.length - 1).waitFor();
    const after = await jobRows(page).evaluateAll((rows: any[]) => rows.map((r) => `${r.dataset.jobId}:${r.dataset.status}`));
    expect(after).toEqual(before);
    await page.getByText('Jobs keep running on the server when you close this page').waitFor();
    await finish(watched);
  });

  it('fits a phone screen: no sideways scrolling, results reachable from a link', async () => {
    const [video] = await ensureVideos();
    const started = await api(`${server.url}/api/compare-async`, {
      method: 'POST',
      json: { video_id: video!.id, prompt: 'Review the editing with MM:SS timestamps.', models: ['local-full', 'local-look'], judge_model: 'local-judge' },
    });
    const watched = await openWatchedPage(browser, { width: 390, height: 844 });
    const { page } = watched;
    await page.goto(`${server.url}/#job=${started.body.job_id}`);
    await page.locator(`.results[data-job-id="${started.body.job_id}"]`).getByTestId('score').nth(1).waitFor({ timeout: 180_000 });
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Compose' }).click();
    await setMode(page, 'Batch');
    const overflow = await page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBe(0);
    await finish(watched);
  });
});
