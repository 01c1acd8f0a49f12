import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

// Debian's Chromium; the override exists to exercise the skip/fail paths.
export const CHROMIUM_PATH = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const browserRequired = process.env.REQUIRE_BROWSER === '1';
export const screenshotDir = resolve(__dirname, '..', '..', 'docs', 'screenshots');

if (!hasChromium) {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER TESTS ${browserRequired ? 'FAIL' : 'SKIPPED'}: no Chromium at ${CHROMIUM_PATH}.\n` +
      `!! Install it with: apt-get install -y chromium${browserRequired ? '' : '   (set REQUIRE_BROWSER=1 to make this fatal)'}\n${line}\n`,
  );
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No --user-data-dir here: playwright manages the profile of launch().
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 820 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(10_000);
  return context;
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, name);
}

export function failurePath(name: string): string {
  const dir = resolve(__dirname, '..', 'test-results', 'browser');
  mkdirSync(dir, { recursive: true });
  return join(dir, name.replace(/[^\w.-]+/g, '-'));
}
