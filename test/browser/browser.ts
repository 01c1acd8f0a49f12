import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';

// Debian's Chromium; the override exists to exercise the skip/fail paths.
export const CHROMIUM_PATH = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const browserRequired = process.env.REQUIRE_BROWSER === '1';
// The pictures of the docs; a run that must leave them alone can write them elsewhere.
export const screenshotDir = process.env.SWITCHBOARD_SCREENSHOT_DIR ?? resolve(__dirname, '..', '..', 'docs', 'screenshots');

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
  recordTrouble(context);
  return context;
}

// Two windows with sessions of their own (a context each), page errors logged; at `viewport`
// when given. Specs that show one change seen live in another window start with these.
export async function twoWindows(browser: Browser, viewport?: { width: number; height: number }): Promise<{ contexts: BrowserContext[]; pages: [Page, Page] }> {
  const contexts = [await newContext(browser), await newContext(browser)];
  const pages = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  for (const page of pages) {
    if (viewport) await page.setViewportSize(viewport);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  }
  return { contexts, pages };
}

// What went wrong in a page, printed when a test fails: a screenshot kept on a CI machine is out
// of reach, so refused or failed requests, console errors and the notices on screen go to the log.
const trouble = new WeakMap<Page, string[]>();
const TROUBLE_KEPT = 30;

function note(page: Page, line: string): void {
  const lines = trouble.get(page) ?? [];
  lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (lines.length > TROUBLE_KEPT) lines.shift();
  trouble.set(page, lines);
}

function recordTrouble(context: BrowserContext): void {
  // A request of a worker has no frame (frame() throws): not a page's trouble.
  const pageOf = (request: Request): Page | undefined => {
    try {
      return request.frame().page();
    } catch {
      return undefined;
    }
  };
  context.on('response', (response) => {
    const page = pageOf(response.request());
    if (!page || response.status() < 400) return;
    const line = `HTTP ${response.status()} ${response.request().method()} ${response.url()}`;
    void response.text().then(
      (body) => note(page, `${line} ${body.slice(0, 300)}`),
      () => note(page, line),
    );
  });
  context.on('requestfailed', (request) => {
    const page = pageOf(request);
    if (page) note(page, `request failed (${request.failure()?.errorText ?? 'unknown'}) ${request.method()} ${request.url()}`);
  });
  context.on('console', (message) => {
    const page = message.page();
    if (page && message.type() === 'error') note(page, `console error: ${message.text()}`);
  });
  context.on('weberror', (error) => {
    const page = error.page();
    if (page) note(page, `page error: ${error.error().message}`);
  });
}

async function describeTrouble(label: string, page: Page): Promise<string> {
  const notices = await page
    .locator('.ant-message-notice, .ant-alert, .ant-form-item-explain-error, .ant-notification-notice')
    .allTextContents()
    .catch(() => [] as string[]);
  const lines = [
    `page ${label}: ${page.url()}`,
    ...notices.map((text) => `  on screen: ${text}`),
    ...(trouble.get(page) ?? []).map((line) => `  ${line}`),
  ];
  return lines.join('\n');
}

// Resolves once the page has stopped moving: fonts loaded, no finite CSS animation or transition
// running, and every element's box the same for `frames` animation frames in a row. After a
// resize, CodeMirror and antd measure in a later frame, so the boxes change until they are done.
export async function layoutSettled(page: Page, frames = 5, timeoutMs = 5_000): Promise<void> {
  await page.evaluate(
    ({ frames, timeoutMs }) =>
      new Promise<void>((resolve, reject) => {
        const deadline = performance.now() + timeoutMs;
        let last = '';
        let still = 0;
        const check = () => {
          const boxes = Array.from(document.body.querySelectorAll('*'), (element) => {
            const box = element.getBoundingClientRect();
            return `${box.x},${box.y},${box.width},${box.height}`;
          }).join(';');
          const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
          still = !moving && document.fonts.status === 'loaded' && boxes === last ? still + 1 : 0;
          last = boxes;
          if (still >= frames) resolve();
          else if (performance.now() > deadline) reject(new Error(`the page kept moving for ${timeoutMs} ms`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { frames, timeoutMs },
  );
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
    if (!page) continue;
    await page.screenshot({ path: failurePath(`${prefix}${task.name}-${label}.png`) }).catch(() => undefined);
    console.log(`[${prefix}${task.name}] ${await describeTrouble(label, page)}`);
  }
}
