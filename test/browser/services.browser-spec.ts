import { randomBytes } from 'node:crypto';
import { CANARY_TAG } from '@switchboard/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nacosForm, uniqueId } from '../support/api';
import { removeDir, startServer, type RunningServer } from '../support/server';
import { eventually } from '../support/wait';
import { apiLogin, signInThroughPage } from './auth-helpers';
import {
  keepFailureScreenshots,
  requireChromiumWhenAsked,
  hasChromium,
  launchBrowser,
  screenshotPath,
  twoWindows,
} from './browser';

// An operator watching a service while Nacos clients come and go: instances registered and kept
// alive over the Nacos API appear, sicken and vanish on the open pages without a reload; edits
// made in the console reach Nacos clients; a second window sees each change, pushed without reload.
// The server runs with short heartbeat timeouts so health changes happen in seconds.

requireChromiumWhenAsked();

const NS_API = '/nacos/v1/ns';
const GROUP = 'DEFAULT_GROUP';
const BEAT_EVERY_MS = 500;

interface NacosInstance {
  serviceName: string; // group@@service
  ip: string;
  port: number;
  metadata?: Record<string, string>;
}

interface NacosHost {
  ip: string;
  port: number;
  weight: number;
  enabled: boolean;
  metadata: Record<string, string>;
}

describe.skipIf(!hasChromium)('console: services pages', () => {
  const adminPassword = `svc-${randomBytes(12).toString('base64url')}`;
  const serviceName = uniqueId('orders');
  const grouped = `${GROUP}@@${serviceName}`;
  const first: NacosInstance = {
    serviceName: grouped,
    ip: '10.20.0.1',
    port: 8080,
    metadata: { zone: 'eu-1' },
  };
  const doomed: NacosInstance = {
    serviceName: grouped,
    ip: '10.20.0.2',
    port: 8080,
    metadata: { zone: 'eu-2' },
  };
  const third: NacosInstance = {
    serviceName: grouped,
    ip: '10.20.0.3',
    port: 8080,
    metadata: { zone: 'eu-1', version: '1.4.2', 'git.sha': '9f3c2ab' },
  };
  // Other services so the list looks like a real installation.
  const background: NacosInstance[] = [
    { serviceName: 'PAYMENTS@@billing-api', ip: '10.30.0.1', port: 9000 },
    { serviceName: 'PAYMENTS@@billing-api', ip: '10.30.0.2', port: 9000 },
    { serviceName: `${GROUP}@@gateway`, ip: '10.40.0.1', port: 80 },
    { serviceName: `${GROUP}@@inventory`, ip: '10.50.0.1', port: 7001 },
  ];
  let server: RunningServer;
  let token: string;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let pageA: Page;
  let pageB: Page;
  const beating = new Set<NacosInstance>();
  let beatTimer: NodeJS.Timeout | undefined;

  const detailPath = `/ns/public/services/${GROUP}/${encodeURIComponent(serviceName)}`;
  const rowKey = (i: NacosInstance) => `${i.ip}#${i.port}#DEFAULT#${grouped}`;
  const instanceRow = (page: Page, i: NacosInstance): Locator =>
    page.locator(`tr[data-row-key="${rowKey(i)}"]`);
  const serviceRow = (page: Page): Locator => page.locator(`tr[data-row-key="${grouped}"]`);
  const address = (i: NacosInstance) => `${i.ip}:${i.port}`;
  const health = (page: Page, i: NacosInstance, healthy: boolean) =>
    instanceRow(page, i).locator(`[data-testid="instance-health"][data-healthy="${healthy}"]`);
  const marker = (page: Page) =>
    page.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker);

  const register = async (i: NacosInstance) => {
    const res = await nacosForm(server.baseUrl, 'POST', `${NS_API}/instance`, {
      serviceName: i.serviceName,
      ip: i.ip,
      port: i.port,
      metadata: i.metadata && JSON.stringify(i.metadata),
      accessToken: token,
    });
    expect(res.text).toBe('ok');
    beating.add(i);
  };
  const nacosHosts = async (): Promise<NacosHost[]> => {
    const res = await nacosForm(server.baseUrl, 'GET', `${NS_API}/instance/list`, {
      serviceName: grouped,
      accessToken: token,
    });
    expect(res.status).toBe(200);
    return (res.json() as { hosts: NacosHost[] }).hosts;
  };
  // Screenshots wait for toasts of earlier steps to go, so they show the page itself.
  const settle = async (page: Page) => {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const toasts = page.locator('.ant-message-notice');
    while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  };
  const shoot = async (page: Page, name: string) => {
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      await settle(page);
      await page.screenshot({
        path: screenshotPath(`${name}-${width}.png`),
        animations: 'disabled',
      });
    }
    await page.setViewportSize({ width: 1360, height: 820 });
  };

  beforeAll(async () => {
    server = await startServer({
      env: {
        AUTH_ENABLED: 'true',
        AUTH_ADMIN_USERNAME: 'admin',
        AUTH_ADMIN_PASSWORD: adminPassword,
        NAMING_UNHEALTHY_AFTER_MS: '2000',
        NAMING_EXPIRE_AFTER_MS: '5000',
        NAMING_SWEEP_INTERVAL_MS: '200',
      },
    });
    token = await apiLogin(server.baseUrl, 'admin', adminPassword);
    // Heartbeats as a Nacos client sends them, for every instance still alive.
    beatTimer = setInterval(() => {
      for (const i of beating)
        void nacosForm(server.baseUrl, 'PUT', `${NS_API}/instance/beat`, {
          serviceName: i.serviceName,
          ip: i.ip,
          port: i.port,
          accessToken: token,
        }).catch(() => undefined);
    }, BEAT_EVERY_MS);
    for (const i of background) await register(i);
    browser = await launchBrowser();
    ({ contexts, pages: [pageA, pageB] } = await twoWindows(browser));
  });

  afterEach(({ task }) => keepFailureScreenshots(task, 'services-', { a: pageA, b: pageB }));

  afterAll(async () => {
    clearInterval(beatTimer);
    for (const context of contexts) await context.close();
    await browser?.close();
    if (server) {
      await server.stop();
      removeDir(server.dataDir);
    }
  });

  it('should open the service list in one window and the not-yet-registered service in the other', async () => {
    await signInThroughPage(pageA, server.baseUrl, 'admin', adminPassword, '/ns/public/services');
    await signInThroughPage(pageB, server.baseUrl, 'admin', adminPassword, detailPath);
    await pageA.getByRole('heading', { name: 'Services' }).waitFor();
    await pageA.locator('tr[data-row-key="PAYMENTS@@billing-api"]').waitFor();
    await pageB.getByTestId('instances-empty').waitFor();
    expect(await pageB.getByTestId('service-title').textContent()).toBe(serviceName);
    expect(await serviceRow(pageA).count()).toBe(0);
    for (const page of [pageA, pageB]) {
      await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
      // Neither window may reload during the journey: this marker would vanish.
      await page.evaluate(() => Object.assign(window, { journeyMarker: 'still-here' }));
    }
  });

  it('should show instances registered over the Nacos API in both windows live', async () => {
    for (const i of [first, doomed, third]) await register(i);
    const row = serviceRow(pageA);
    await row.waitFor();
    await eventually(async () => {
      expect(await row.getByTestId('service-healthy').textContent()).toBe('3');
      expect(await row.getByTestId('service-total').textContent()).toBe('3');
    }, 3_000);
    for (const i of [first, doomed, third]) await health(pageB, i, true).waitFor();
    expect(
      await instanceRow(pageB, third).getByTestId('instance-metadata').textContent(),
    ).toContain('git.sha=9f3c2ab');
    expect(await pageB.getByTestId('instances-count').textContent()).toBe('3 instances');
    expect([await marker(pageA), await marker(pageB)]).toEqual(['still-here', 'still-here']);
  });

  it('should turn a silent instance unhealthy and then remove it, without reload', async () => {
    beating.delete(doomed);
    const silentSince = Date.now();
    await health(pageB, doomed, false).waitFor({ timeout: 5_000 });
    expect(Date.now() - silentSince).toBeGreaterThan(1_000); // the 2 s timeout, not a glitch
    await eventually(
      async () =>
        expect(await serviceRow(pageA).getByTestId('service-healthy').textContent()).toBe('2'),
      10_000,
    );
    expect(
      await instanceRow(pageB, doomed).getByTestId('instance-last-beat').textContent(),
    ).toMatch(/s ago$/);
    // The others kept beating and stay healthy.
    expect(await health(pageB, first, true).count()).toBe(1);
    await shoot(pageA, 'services'); // while one instance is down: 2 of 3 healthy
    await instanceRow(pageB, doomed).waitFor({ state: 'detached', timeout: 8_000 });
    await eventually(
      async () =>
        expect(await serviceRow(pageA).getByTestId('service-total').textContent()).toBe('2'),
      10_000,
    );
    expect(await pageB.getByTestId('instances-count').textContent()).toBe('2 instances');
    expect([await marker(pageA), await marker(pageB)]).toEqual(['still-here', 'still-here']);
  });

  it('should edit the weight and tag canary in the console and serve both to Nacos clients', async () => {
    await serviceRow(pageA).getByRole('link', { name: serviceName, exact: true }).click();
    await pageA.waitForURL((url) => url.pathname === detailPath);
    const weight = instanceRow(pageA, first).getByLabel(`Weight of ${address(first)}`);
    await weight.fill('7');
    await weight.press('Enter');
    await instanceRow(pageA, first)
      .getByRole('button', { name: `Tag ${address(first)} as ${CANARY_TAG}` })
      .click();
    await instanceRow(pageA, first)
      .getByRole('button', { name: `Remove tag ${CANARY_TAG} from ${address(first)}` })
      .waitFor();

    const host = await eventually(async () => {
      const found = (await nacosHosts()).find((h) => h.ip === first.ip && h.port === first.port);
      expect(found?.weight).toBe(7);
      expect(found?.metadata['switchboard.tags']?.split(',')).toContain(CANARY_TAG);
      return found;
    }, 3_000);
    expect(host?.metadata.zone).toBe('eu-1'); // the other metadata is untouched
    // The watching window shows both edits, and nothing reloaded.
    await eventually(
      async () =>
        expect(
          await instanceRow(pageB, first)
            .getByLabel(`Weight of ${address(first)}`)
            .inputValue(),
        ).toBe('7'),
      10_000,
    );
    await instanceRow(pageB, first)
      .getByTestId('instance-tag')
      .filter({ hasText: CANARY_TAG })
      .waitFor({ timeout: 10_000 });
    expect([await marker(pageA), await marker(pageB)]).toEqual(['still-here', 'still-here']);
  });

  it('should edit metadata in its dialog from the keyboard and keep the tags apart', async () => {
    await instanceRow(pageA, first)
      .getByRole('button', { name: `Edit metadata of ${address(first)}` })
      .click();
    const dialog = pageA.getByRole('dialog');
    await dialog.getByLabel('Value of entry 1').fill('eu-3');
    await dialog.getByRole('button', { name: /Add entry/ }).click();
    await dialog.getByLabel('Key of entry 2').fill('switchboard.tags');
    await dialog.getByLabel('Value of entry 2').fill('other');
    await dialog.getByLabel('Value of entry 2').press('Enter');
    // The tags' own key is refused before anything is sent.
    await dialog.getByText('“switchboard.tags” is filled from the tags.').waitFor();
    await dialog.getByLabel('Key of entry 2').fill('owner');
    await dialog.getByLabel('Value of entry 2').fill('team-a');
    await dialog.getByLabel('Value of entry 2').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await pageA.getByText(`Instance ${address(first)} saved`).waitFor();

    await eventually(async () => {
      const found = (await nacosHosts()).find((h) => h.ip === first.ip && h.port === first.port);
      expect(found?.metadata).toEqual({
        zone: 'eu-3',
        owner: 'team-a',
        'switchboard.tags': CANARY_TAG,
      });
    }, 3_000);
    await instanceRow(pageB, first)
      .getByTestId('instance-metadata')
      .getByText('owner=team-a')
      .waitFor({ timeout: 10_000 });
  });

  it('should show an instance disabled in one window as disabled in the other, pushed without reload', async () => {
    const switchA = instanceRow(pageA, third).getByRole('switch', {
      name: `Enabled: ${address(third)}`,
    });
    const switchB = instanceRow(pageB, third).getByRole('switch', {
      name: `Enabled: ${address(third)}`,
    });
    expect(await switchB.getAttribute('aria-checked')).toBe('true');
    await switchA.click();
    // The instance list never polls: only the socket's push can bring the change.
    await instanceRow(pageB, third)
      .locator('[role="switch"][aria-checked="false"]')
      .waitFor({ timeout: 10_000 });
    // The clicking window shows the change once its own answer (or the push) arrives, which
    // may be after the other window's push.
    await instanceRow(pageA, third).locator('[role="switch"][aria-checked="false"]').waitFor({ timeout: 10_000 });
    // Disabled instances are not offered to Nacos clients.
    await eventually(
      async () => expect((await nacosHosts()).map((h) => h.ip)).toEqual([first.ip]),
      10_000,
    );
    expect([await marker(pageA), await marker(pageB)]).toEqual(['still-here', 'still-here']);
    await shoot(pageA, 'service-detail');
  });
});
