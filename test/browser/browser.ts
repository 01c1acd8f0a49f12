import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

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

// When Chromium must be there (REQUIRE_BROWSER=1, as in CI) and is not, a failing test says so.
// Declared only then, so a normal run does not report a skipped test.
export function requireChromiumWhenAsked(): void {
  if (hasChromium || !browserRequired) return;
  describe('browser availability', () => {
    it('should find Chromium when REQUIRE_BROWSER=1', () => {
      expect(hasChromium, `no Chromium at ${CHROMIUM_PATH}`).toBe(true);
    });
  });
}

// Keeps what each page showed when a test failed (test-results/ is git-ignored).
export async function keepFailureScreenshots(task: { name: string; result?: { state?: string } }, prefix: string, pages: Record<string, Page | undefined>): Promise<void> {
  if (task.result?.state !== 'fail') return;
  for (const [label, page] of Object.entries(pages)) {
    await page?.screenshot({ path: failurePath(`${prefix}${task.name}-${label}.png`) }).catch(() => undefined);
  }
}
