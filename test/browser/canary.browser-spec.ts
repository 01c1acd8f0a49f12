import { createHash } from 'node:crypto';
import {
  CONFIG_CENTER_ENDPOINTS as E,
  NAMING_ENDPOINTS as N,
  type ConfigKey,
} from '@switchboard/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../support/api';
import { clientAddress, readConfigFrom } from '../support/canary';
import { changedKeys, longPoll } from '../support/long-poll';
import { eventually } from '../support/wait';
import { signInThroughPage } from './auth-helpers';
import {
  keepFailureScreenshots,
  requireChromiumWhenAsked,
  hasChromium,
  launchBrowser,
  layoutSettled,
  newContext,
  screenshotPath,
} from './browser';

// Operator journeys of canary releases: 20 Nacos clients (each its own loopback address) long-poll
// a config and re-read it when told it changed, as real clients do; the console starts, watches,
// promotes and aborts canaries and must show what those clients really hold.

requireChromiumWhenAsked();

const CLIENT_COUNT = 20;
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

interface ListeningClient {
  ip: string;
  holds: () => string; // md5 of the content it read last
  stop: () => Promise<void>;
}

// One Nacos client: long-poll with the md5 it holds; when answered with a change, read the config
// again (from its own address, so it gets its own canary answer); repeat until stopped.
async function listen(baseUrl: string, key: ConfigKey, ip: string): Promise<ListeningClient> {
  const read = async () => {
    const answer = await readConfigFrom(baseUrl, ip, key);
    if (answer.status !== 200) throw new Error(`read from ${ip}: ${answer.status}`);
    return md5(answer.content);
  };
  let held = await read();
  let stopped = false;
  // A failed poll or read ends the client, and its error fails the test (a retry would hide it).
  let failure: { error: unknown } | undefined;
  const loop = (async () => {
    while (!stopped) {
      const answer = await longPoll(
        baseUrl,
        [{ dataId: key.dataId, group: key.group, md5: held }],
        {
          timeoutMs: 30_000,
          localAddress: ip,
        },
      );
      if (!stopped && changedKeys(answer).length) held = await read();
    }
  })();
  loop.catch((error: unknown) => (failure = { error }));
  return {
    ip,
    holds: () => {
      if (failure) throw failure.error;
      return held;
    },
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

describe.skipIf(!hasChromium)('console: canary releases', () => {
  const baseUrl = inject('baseUrl');
  const adminUsername = inject('adminUsername');
  const adminPassword = inject('adminPassword');
  const stable = 'feature.checkout=v1\nretries=3\n';
  const candidate = 'feature.checkout=v2\nretries=3\n';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let clients: ListeningClient[] = [];

  const canaryPath = (key: ConfigKey) =>
    `/ns/${key.namespaceId}/configs/${key.group}/${encodeURIComponent(key.dataId)}/canary`;
  const count = async (holds: 'stable' | 'candidate' | 'other' | 'total') =>
    Number(await page.getByTestId(`rollout-count-${holds}`).first().textContent());
  // Screenshots wait for toasts of earlier steps to go, so they show the page itself.
  const settle = async () => {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const toasts = page.locator('.ant-message-notice');
    while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  };
  // Both laptop and desktop sizes, scrolled to the top or to the part the picture is about.
  const shoot = async (name: string, testId?: string) => {
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      await layoutSettled(page); // the new layout, and the bar's easing, done
      if (testId)
        await page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      else await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: screenshotPath(`${name}-${width}.png`),
        animations: 'disabled',
      });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  };

  async function configWithClients(prefix: string, firstClient: number): Promise<ConfigKey> {
    const key = {
      namespaceId: 'public',
      group: 'DEFAULT_GROUP',
      dataId: `${uniqueId(prefix)}.properties`,
    };
    const published = await call(baseUrl, E.publishConfig, {
      params: key,
      body: { content: stable, type: 'properties' },
    });
    expect(published.status).toBe(200);
    clients = await Promise.all(
      Array.from({ length: CLIENT_COUNT }, (_, i) =>
        listen(baseUrl, key, clientAddress(firstClient + i)),
      ),
    );
    return key;
  }

  async function stopClients() {
    await Promise.all(clients.map((c) => c.stop()));
    clients = [];
  }

  // Fills the start form: candidate content and weight.
  async function fillStartForm(content: string, weight: number) {
    const form = page.getByTestId('canary-start-form');
    const editor = form.getByRole('textbox', { name: 'Candidate content' });
    await editor.waitFor();
    await expect.poll(() => editor.textContent()).toContain('feature.checkout=v1');
    await editor.fill(content);
    await form.getByRole('spinbutton', { name: 'Weight', exact: true }).fill(String(weight));
    await form.getByRole('spinbutton', { name: 'Weight', exact: true }).press('Tab');
    expect(
      await form.getByRole('slider', { name: 'Weight', exact: true }).getAttribute('aria-valuenow'),
    ).toBe(String(weight));
  }

  // The view and the API agree, and the rollout settled: every client holds what it should.
  async function convergedSplit(key: ConfigKey) {
    return eventually(
      async () => {
        await page.getByTestId('rollout-converged').waitFor({ timeout: 1_000 });
        const shown = {
          stable: await count('stable'),
          candidate: await count('candidate'),
          total: await count('total'),
        };
        const api = (await call(baseUrl, E.canaryRollout, { params: key })).body.counts;
        expect(shown).toEqual({ stable: api.stable, candidate: api.candidate, total: api.total });
        expect(shown.total).toBe(CLIENT_COUNT);
        return shown;
      },
      15_000,
      200,
    );
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // A refused action shows only as a short toast: keep it in the log for a failed run.
    page.on('response', (res) => {
      if (res.request().method() !== 'GET' && res.status() >= 400)
        console.error(`${res.request().method()} ${res.url()} answered ${res.status()}`);
    });
    await signInThroughPage(page, baseUrl, adminUsername, adminPassword, '/ns/public/canaries');
  });

  afterEach(({ task }) => keepFailureScreenshots(task, 'canary-', { page }));

  afterAll(async () => {
    await stopClients();
    await context?.close();
    await browser?.close();
  });

  it('should start a weighted canary from the form, show the live split the API reports, and converge everyone on promote', async () => {
    const key = await configWithClients('canary-ui', 300);
    await page.goto(`${baseUrl}${canaryPath(key)}`);
    await page.getByTestId('canary-status').getByText('No active canary').waitFor();
    // All 20 clients listen and hold the stable version before anything starts.
    await expect.poll(() => count('total'), { timeout: 10_000 }).toBe(CLIENT_COUNT);
    await expect.poll(() => count('stable'), { timeout: 10_000 }).toBe(CLIENT_COUNT);

    await fillStartForm(candidate, 30);
    await settle();
    await shoot('canary-start', 'canary-start-card');
    await page.getByTestId('canary-form-submit').click();

    // The live view replaces the form and splits the clients: some, never all, on the candidate.
    await page.getByTestId('canary-active').waitFor();
    await page.getByTestId('canary-status').getByText('Canary running · 30%').waitFor();
    const split = await convergedSplit(key);
    expect(split.candidate).toBeGreaterThan(0);
    expect(split.candidate).toBeLessThan(CLIENT_COUNT);
    expect(split.stable + split.candidate).toBe(CLIENT_COUNT);
    // What the view shows is what the clients really hold.
    expect(clients.filter((c) => c.holds() === md5(candidate)).length).toBe(split.candidate);
    expect(await page.getByTestId('canary-candidate-md5').textContent()).toBe(md5(candidate));
    expect(await page.getByTestId('canary-stable-md5').textContent()).toBe(md5(stable));
    expect(await page.getByTestId('canary-target-weight').textContent()).toBe('30%');
    expect(await page.getByTestId('rollout-clients').getByTestId('client-in-sync').count()).toBe(
      10,
    ); // first page
    await settle();
    await shoot('canary-rollout');

    await page.getByTestId('canary-promote').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Promote the candidate of “${key.dataId}”?`).waitFor();
    // Confirmed from the keyboard: no pointer aiming while the dialog still zooms in.
    await dialog.getByRole('button', { name: 'Promote to everyone' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    // No canary any more: the result, and every client on the new version.
    await page.getByTestId('canary-status').getByText('No active canary').waitFor();
    await page
      .getByTestId('canary-outcome')
      .getByText(/was promoted by admin/)
      .waitFor();
    await expect.poll(() => count('stable'), { timeout: 15_000 }).toBe(CLIENT_COUNT);
    await page.getByTestId('rollout-converged').waitFor();
    expect(await page.getByTestId('rollout-count-candidate').count()).toBe(0); // no candidate any more
    await expect
      .poll(() => clients.every((c) => c.holds() === md5(candidate)), { timeout: 5_000 })
      .toBe(true);
    const history = await call(baseUrl, E.listVersions, { params: key });
    expect(history.body.items[0]).toMatchObject({
      op: 'canary-promote',
      md5: md5(candidate),
      author: 'admin',
    });
    const actions = page.getByTestId('canary-history').getByTestId('canary-event-action');
    await expect.poll(() => actions.allTextContents()).toEqual(['Promoted', 'Started']);
    await settle();
    await shoot('canary-promoted');
    await stopClients();
  });

  it('should abort with a reason from the console and bring every client back to stable', async () => {
    const key = await configWithClients('canary-abort', 330);
    await page.goto(`${baseUrl}${canaryPath(key)}`);
    await page.getByTestId('canary-status').getByText('No active canary').waitFor();
    await expect.poll(() => count('total'), { timeout: 10_000 }).toBe(CLIENT_COUNT);

    await fillStartForm(candidate, 50);
    await page.getByTestId('canary-form-submit').click();
    await page.getByTestId('canary-active').waitFor();
    const split = await convergedSplit(key);
    expect(split.candidate).toBeGreaterThan(0);

    const reason = 'checkout errors up 4% on the canary';
    await page.getByTestId('canary-abort').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason (optional)').fill(reason);
    await dialog.getByRole('button', { name: 'Abort canary release' }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('canary-status').getByText('No active canary').waitFor();
    await page.getByTestId('canary-outcome').getByText(`Reason: ${reason}`).waitFor();
    await expect.poll(() => count('stable'), { timeout: 15_000 }).toBe(CLIENT_COUNT);
    await page.getByTestId('rollout-converged').waitFor();
    await expect
      .poll(() => clients.every((c) => c.holds() === md5(stable)), { timeout: 5_000 })
      .toBe(true);
    // The config itself is unchanged; the reason is recorded and shown in the history.
    expect((await call(baseUrl, E.getConfig, { params: key })).body.content).toBe(stable);
    const events = await call(baseUrl, E.listCanaryEvents, { params: key });
    expect(events.body.items[0]).toMatchObject({ action: 'aborted', reason, actor: 'admin' });
    await page
      .getByTestId('canary-history')
      .getByTestId('canary-event-reason')
      .getByText(reason)
      .waitFor();
    await stopClients();
  });

  let planKey: ConfigKey | undefined;

  it('should start a progressive plan with addresses, a tag and a guarded service from the form and show its progress', async () => {
    const key = {
      namespaceId: 'public',
      group: 'DEFAULT_GROUP',
      dataId: `${uniqueId('checkout')}.yaml`,
    };
    await call(baseUrl, E.publishConfig, {
      params: key,
      body: { content: 'mode: safe\n', type: 'yaml' },
    });
    const serviceName = uniqueId('payments');
    expect(
      (
        await call(baseUrl, N.createService, {
          params: { namespaceId: 'public' },
          body: { serviceName },
        })
      ).status,
    ).toBe(201);

    await page.goto(`${baseUrl}${canaryPath(key)}`);
    const form = page.getByTestId('canary-start-form');
    const editor = form.getByRole('textbox', { name: 'Candidate content' });
    await expect.poll(() => editor.textContent()).toContain('mode: safe');
    await editor.fill('mode: fast\n');
    const addresses = form.getByRole('combobox', { name: 'Client addresses' });
    for (const ip of ['10.0.3.17', '10.0.3.18']) {
      await addresses.fill(ip);
      await addresses.press('Enter');
    }
    const tags = form.getByRole('combobox', { name: 'Tags' });
    await tags.fill('canary');
    await tags.press('Enter');
    await tags.press('Escape');
    await form.getByRole('switch', { name: 'Roll out in steps' }).click();
    // Three steps are proposed; the last is removed and one is added from the keyboard.
    await form.getByRole('button', { name: 'Remove step 3' }).click();
    await form.getByRole('button', { name: 'Add step' }).click();
    await form.getByRole('spinbutton', { name: 'Bake time of step 1 in seconds' }).fill('120');
    await form.getByRole('spinbutton', { name: 'Weight of step 3' }).fill('100');
    const guard = form.getByRole('combobox', { name: 'Guarded service' });
    await guard.fill(serviceName);
    await guard.press('Enter');
    await form.getByLabel('Max. unhealthy').fill('25');
    expect(await form.getByRole('spinbutton', { name: 'Weight', exact: true }).isDisabled()).toBe(
      true,
    );
    await settle();
    await shoot('canary-plan-form', 'canary-start-card');
    await page.getByTestId('canary-form-submit').click();

    await page.getByTestId('canary-active').waitFor();
    const progress = page.getByTestId('canary-plan-progress');
    await progress.getByText('Step 1: 10%').waitFor();
    await progress.getByText(/Next step in \d+m \d+s/).waitFor();
    await progress.getByText(`Health gate: DEFAULT_GROUP / ${serviceName}`).waitFor();
    expect(await page.getByTestId('canary-guard-percent').textContent()).toBe(
      '0% (aborts above 25%)',
    );
    // The plan sets the weight, so the weight control is off.
    expect(await page.getByRole('spinbutton', { name: 'New weight' }).isDisabled()).toBe(true);
    const started = (await call(baseUrl, E.getCanary, { params: key })).body;
    expect(started.target).toEqual({
      ips: ['10.0.3.17', '10.0.3.18'],
      tags: ['canary'],
      weight: 10,
    });
    expect(started.plan).toEqual({
      steps: [
        { weight: 10, bakeMs: 120_000 },
        { weight: 50, bakeMs: 600_000 },
        { weight: 100, bakeMs: 0 },
      ],
      guard: { groupName: 'DEFAULT_GROUP', serviceName, maxUnhealthyPercent: 25 },
    });
    await settle();
    await shoot('canary-plan');
    planKey = key;
  });

  it('should list the active canaries of the namespace, follow them without reload and explain how to start one', async () => {
    expect(planKey).toBeDefined();
    const keys = [
      planKey!,
      { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('search')}.yaml` },
    ];
    await call(baseUrl, E.publishConfig, {
      params: keys[1],
      body: { content: 'mode: safe\n', type: 'yaml' },
    });

    await page.goto(`${baseUrl}/ns/public/canaries`);
    await page.getByRole('heading', { name: 'Canary releases' }).waitFor();
    const row = (key: ConfigKey) =>
      page.locator('[data-testid="canary-list"] tr').filter({ hasText: key.dataId });
    await row(keys[0]).waitFor();
    expect(await row(keys[0]).getByText('Step 1 of 3').count()).toBe(1);
    expect(await row(keys[0]).getByText('2 addresses').count()).toBe(1);
    expect(await row(keys[0]).getByTestId('canary-list-weight').textContent()).toContain('10%');

    // A canary started elsewhere shows up by itself.
    await page.evaluate(() => Object.assign(window, { listMarker: 'still-here' }));
    await call(baseUrl, E.startCanary, {
      params: keys[1],
      body: { content: 'mode: fast\n', target: { weight: 25 } },
    });
    await row(keys[1]).waitFor({ timeout: 5_000 });
    expect(await row(keys[1]).getByText('Weight only').count()).toBe(1);
    await settle();
    await shoot('canary-list');

    // Each row leads to its live rollout.
    await row(keys[1])
      .getByRole('link', { name: `Open the canary release of ${keys[1].dataId}` })
      .click();
    await page.waitForURL((url) => url.pathname === canaryPath(keys[1]));
    await page.getByTestId('canary-status').getByText('Canary running · 25%').waitFor();
    await page.goBack();

    // Ended elsewhere: the rows go, and the empty list says how to start one.
    for (const key of keys)
      await call(baseUrl, E.abortCanary, { params: key, body: { reason: 'end of test' } });
    await page.getByTestId('canary-list-empty').waitFor({ timeout: 5_000 });
    await settle();
    await shoot('canary-list-empty');
    await page
      .getByText('To start one, open a configuration and choose “Canary release”', { exact: false })
      .waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { listMarker?: string }).listMarker),
    ).toBe('still-here');
  });
});
