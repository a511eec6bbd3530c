/** One app under test: a fresh harness (temp data dir) and a fresh Chromium page; collects page errors. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHarness, type Harness } from '../../harness/harness';

export const CHROMIUM = '/usr/bin/chromium';
export const MACHINE_ID = 'e2e-seat-machine';

export interface AppUnderTest {
  page: Page;
  harness: Harness;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Installs Playwright's fake clock before the page loads, so a test can move the page's time
   * (idle curtain and lock) with page.clock.fastForward. Time still flows on its own meanwhile.
   */
  clock?: boolean;
}

export async function openApp(options: OpenOptions = {}): Promise<AppUnderTest> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'strongroom-e2e-'));
  const harness = await startHarness({ dataDir: path.join(root, 'vault'), machineId: MACHINE_ID });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    page.setDefaultTimeout(20_000);
    if (options.clock) await page.clock.install();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text()))
        problems.push(`console: ${msg.text()}`);
    });
    await page.goto(harness.url);
    const opened = browser;
    return {
      page,
      harness,
      problems,
      async close() {
        await opened.close();
        await harness.stop();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await harness.stop();
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

/** Keeps a full-page screenshot of a failed test in the temp directory (named after the test). */
export async function screenshotIfFailed(
  app: AppUnderTest | undefined,
  task: { name: string; result?: { state?: string } },
): Promise<void> {
  if (!app || task.result?.state !== 'fail') return;
  const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  await app.page
    .screenshot({ path: path.join(os.tmpdir(), `strongroom-failed-${name}.png`), fullPage: true })
    .catch(() => undefined);
}
