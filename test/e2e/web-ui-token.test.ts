import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, openWatchedPage } from './helpers/browser.js';
import { storedVideos, timeoutMs } from './helpers/ui-actions.js';

declare const document: any;
const token = 'browser-test-token';

describe('web UI against a server with VIDCOMPARE_TOKEN', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.resolve('dist/web/index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first (npm test does)');
    server = await startTestServer({ env: { VIDCOMPARE_TOKEN: token } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop({ removeData: true });
  });

  it('asks for the token once, keeps it, and uses it for API calls, the event stream, thumbnails and the player', async () => {
    const video = await uploadVideo(server.url, await sampleVideoFile('three-shots-tone'), { authorization: `Bearer ${token}` });
    const watched = await openWatchedPage(browser);
    const { page } = watched;
    // the calls made before the token is known are refused, as they should be
    watched.expect(/401/);
    await page.goto(server.url);
    const dialog = page.getByRole('dialog', { name: 'Access token needed' });
    await dialog.waitFor({ timeout: timeoutMs });
    await dialog.getByLabel('Token').fill(token);
    await dialog.getByRole('button', { name: 'Save and continue' }).click();
    await dialog.waitFor({ state: 'detached' });

    await storedVideos(page).filter({ hasText: video.filename }).waitFor();
    await page.getByText('live', { exact: true }).waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('img.video-item__thumb');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await storedVideos(page).first().getByRole('button', { name: /^Play/ }).click();
    const player = page.locator('video.player__video');
    expect(await player.getAttribute('src')).toBe(`/api/video/${video.id}?token=${token}`);
    await page.waitForFunction(() => (document.querySelector('video.player__video')?.readyState ?? 0) >= 1, undefined, { timeout: timeoutMs });

    await page.reload();
    await storedVideos(page).filter({ hasText: video.filename }).waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(watched.problems).toEqual([]);
    await watched.context.close();
  });
});
