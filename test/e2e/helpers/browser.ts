import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The system Chromium (installed on this machine and in CI), headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught page errors seen so far (minus the expected ones) */
  problems: string[];
  /** JavaScript dialogs opened by the page (confirm() is accepted; anything else is a problem) */
  dialogs: string[];
  /** console errors matching one of these are expected (e.g. the 415 of a refused upload) */
  expect(pattern: RegExp): void;
}

/** A fresh context and page that records console errors, page errors and dialogs. */
export async function openWatchedPage(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<WatchedPage> {
  // reduced motion: scrolls jump instead of animating, so screenshots and clicks see a settled page
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    reducedMotion: 'reduce',
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  const expected: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!expected.some((pattern) => pattern.test(text))) problems.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    if (dialog.type() === 'confirm') void dialog.accept();
    else void dialog.dismiss();
  });
  return { context, page, problems, dialogs, expect: (pattern) => expected.push(pattern) };
}
