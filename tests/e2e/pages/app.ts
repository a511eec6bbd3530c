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

export async function openApp(): Promise<AppUnderTest> {
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
    });
    page.setDefaultTimeout(20_000);
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
