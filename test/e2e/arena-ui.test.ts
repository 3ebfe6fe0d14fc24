import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, VideoProvider } from '../../src/providers/provider.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, openWatchedPage } from './helpers/browser.js';
import { timeoutMs } from './helpers/ui-actions.js';

const webIndex = path.resolve('dist/web/index.html');
const names: Record<string, string> = { 'arena-one': 'Model One', 'arena-two': 'Model Two', 'arena-three': 'Model Three' };

const provider: VideoProvider = {
  specificationVersion: 'v1',
  family: 'test',
  availability: () => ({ available: true }),
  generate: async (request: GenerateRequest) => ({
    text: `## Cuts\n\n- 00:05 a hard cut (${request.model.provider_model.length} letters)\n- 00:10 another cut`,
    usage: { input_tokens: 10, output_tokens: 10, thinking_tokens: null },
    warnings: [],
  }),
};

describe('arena and ratings in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let scratch: string;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('dist/web/index.html is missing: run `npm run build:web` first (npm test does)');
    scratch = mkdtempSync(path.join(tmpdir(), 'vidcompare-arena-e2e-'));
    const modelsFile = path.join(scratch, 'models.json');
    writeFileSync(modelsFile, JSON.stringify({ models: Object.entries(names).map(([id, name]) => ({ id, name, provider: 'test', provider_model: id })) }));
    server = await startTestServer({ providers: [provider], env: { VIDCOMPARE_MODELS_FILE: modelsFile } });
    const video = await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'));
    const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'List every cut', models: Object.keys(names), judge_model: 'local-judge' } });
    await server.application.jobs.waitForFinish(created.body.job_id);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop({ removeData: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('votes three pairs with the keyboard, reveals the models each time, and the ratings view follows the votes', async () => {
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    // the API answers 404 once no pair is left: the browser logs that response
    watched.expect(/status of 404/);

    await page.goto(`${server.url}/#ratings`);
    await page.getByText('No games yet').waitFor({ timeout: timeoutMs });

    await page.getByRole('link', { name: 'Arena' }).click();
    const reveal = page.getByTestId('reveal');
    for (const [round, key] of ['1', '2', '3'].entries()) {
      await page.getByRole('article', { name: 'Answer B' }).waitFor({ timeout: timeoutMs });
      await expect(reveal.count()).resolves.toBe(0);
      // nothing on the page names a model before the vote
      const before = await page.locator('.arena').innerText();
      for (const [id, name] of Object.entries(names)) {
        expect(before).not.toContain(id);
        expect(before).not.toContain(name);
      }
      await page.keyboard.press(key);
      await reveal.waitFor({ timeout: timeoutMs });
      const revealed = await reveal.innerText();
      expect(Object.values(names).filter((name) => revealed.includes(name))).toHaveLength(2);
      await page.getByTestId('vote-count').filter({ hasText: `${round + 1} vote` }).waitFor();
      await page.keyboard.press('Enter');
    }
    // three models on one item make three pairs: all voted
    await page.getByText('No pair is left to vote on').waitFor({ timeout: timeoutMs });

    await page.getByRole('link', { name: 'Ratings' }).click();
    const rows = page.locator('.ratings__row');
    await rows.nth(2).waitFor({ timeout: timeoutMs });
    const games = await page.getByTestId('games').allInnerTexts();
    expect(games.reduce((sum, text) => sum + Number(text.split(' ')[0]), 0)).toBe(6);
    await page.getByRole('table', { name: 'Judge agreement' }).getByText('local-judge').waitFor();

    await page.getByLabel('Rating source').selectOption('judge');
    await page.getByTestId('games').first().filter({ hasText: /^2 / }).waitFor({ timeout: timeoutMs });

    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });
});
