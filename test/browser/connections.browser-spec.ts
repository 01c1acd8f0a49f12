import { randomBytes } from 'node:crypto';
import { CONFIG_CENTER_ENDPOINTS as C } from '@switchboard/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueId } from '../support/api';
import { md5Of, NacosGrpcClient, serverAddress, type NacosGrpcClientOptions } from '../support/nacos-grpc-client';
import { removeDir, startServer, type RunningServer } from '../support/server';
import { apiLogin, bearer, signInThroughPage } from './auth-helpers';
import { hasChromium, keepFailureScreenshots, launchBrowser, layoutSettled, newContext, requireChromiumWhenAsked, screenshotPath } from './browser';

// An operator looking at which Nacos SDKs are connected to a namespace: two SDK clients connect
// over gRPC (one registers an instance and subscribes, the other listens to a config), appear on
// the Connections page with their address, SDK version and labels and what they use, are
// counted on the overview, and the one that goes away leaves the list.

requireChromiumWhenAsked();

const GROUP = 'DEFAULT_GROUP';

describe.skipIf(!hasChromium)('console: Nacos SDK connections', () => {
  const adminPassword = `conn-${randomBytes(12).toString('base64url')}`;
  const serviceName = uniqueId('orders');
  const config = { namespaceId: 'public', group: 'PAY', dataId: `${uniqueId('billing')}.yaml` };
  const content = 'limits:\n  perMinute: 600\n';
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let provider: NacosGrpcClient | undefined;
  let listener: NacosGrpcClient | undefined;

  const startClient = (options: Partial<NacosGrpcClientOptions> & Pick<NacosGrpcClientOptions, 'module'>) =>
    NacosGrpcClient.start({ servers: [serverAddress(server)], httpBaseUrl: server.baseUrl, username: 'admin', password: adminPassword, ...options });
  const rows = () => page.getByTestId('connections-table').locator('tbody tr.ant-table-row');
  const rowOf = (client: NacosGrpcClient | undefined): Locator => page.locator(`tr.ant-table-row[data-row-key="${client?.connectionId}"]`);
  const detailsOf = (client: NacosGrpcClient | undefined): Locator =>
    page.locator(`[data-testid="connection-details"][data-connection-id="${client?.connectionId}"]`);
  const labelsOf = (row: Locator) => row.getByTestId('connection-label').allTextContents();

  beforeAll(async () => {
    server = await startServer({ env: { AUTH_ENABLED: 'true', AUTH_ADMIN_USERNAME: 'admin', AUTH_ADMIN_PASSWORD: adminPassword } });
    const token = await apiLogin(server.baseUrl, 'admin', adminPassword);
    const published = await call(server.baseUrl, C.publishConfig, { params: config, body: { content, type: 'yaml' }, headers: bearer(token) });
    expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  });

  afterEach(({ task }) => keepFailureScreenshots(task, 'connections-', { page }));

  afterAll(async () => {
    provider?.close();
    listener?.close();
    await context?.close();
    await browser?.close();
    if (server) {
      await server.stop();
      removeDir(server.dataDir);
    }
  });

  it('should say that no SDK is connected, and how SDKs connect', async () => {
    await signInThroughPage(page, server.baseUrl, 'admin', adminPassword, '/ns/public/connections');
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    const empty = page.getByTestId('connections-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('No Nacos SDK is connected to this namespace');
    expect(await empty.innerText()).toContain('HTTP port + 1000');
    expect(await page.getByTestId('connections-count').textContent()).toBe('0 connections');
    // The entry sits in the navigation, and is the highlighted one here.
    await page.getByRole('navigation').locator('.ant-menu-item-selected', { hasText: 'Connections' }).waitFor();
  });

  it('should list two SDK clients as they connect, with their address, version, labels and what they use', async () => {
    provider = await startClient({ module: 'naming', clientIp: '10.70.0.11', clientVersion: 'Nacos-Java-Client:v2.4.0', appLabels: { team: 'orders' } });
    expect((await provider.registerInstance(serviceName, { ip: '10.70.0.11', port: 8080 })).resultCode).toBe(200);
    expect((await provider.subscribe(serviceName)).resultCode).toBe(200);
    listener = await startClient({ module: 'config', clientIp: '10.70.0.12', clientVersion: 'Nacos-Java-Client:v3.0.1', appName: 'billing', appLabels: { team: 'billing' } });
    expect((await listener.configBatchListen([{ dataId: config.dataId, group: config.group, md5: md5Of(content) }])).resultCode).toBe(200);

    // Nothing is pushed for this list: the page's periodic refresh brings both rows.
    await rowOf(provider).waitFor();
    await rowOf(listener).waitFor();
    await expect.poll(() => rows().count()).toBe(2);
    expect(await page.getByTestId('connections-count').textContent()).toBe('2 connections');

    const first = rowOf(provider);
    expect(await first.getByTestId('connection-client-ip').textContent()).toBe('10.70.0.11');
    expect(await first.getByTestId('connection-version').textContent()).toBe('Nacos-Java-Client:v2.4.0');
    expect(await labelsOf(first)).toEqual(['module=naming', 'app_team=orders']);
    expect(await first.getByTestId('connection-labels-more').textContent()).toBe('+2'); // source, tls.enable
    expect(await first.getByTestId('connection-usage').innerText()).toMatch(/1 service\s+0 configs/);
    expect(await first.getByTestId('connection-connected').textContent()).toMatch(/^\d+ s ago$/);

    const second = rowOf(listener);
    expect(await second.getByTestId('connection-client-ip').textContent()).toBe('10.70.0.12');
    expect(await second.getByTestId('connection-version').textContent()).toBe('Nacos-Java-Client:v3.0.1');
    expect(await labelsOf(second)).toEqual(['module=config', 'app_team=billing', 'AppName=billing']);
    expect(await second.getByTestId('connection-labels-more').textContent()).toBe('+3'); // source, taskId, tls.enable
    expect(await second.getByTestId('connection-usage').innerText()).toMatch(/0 services\s+1 config/);

    // Expanded, each row names what it uses, linked to the service and config pages.
    await first.getByRole('button', { name: /expand row/i }).click();
    await second.getByRole('button', { name: /expand row/i }).click();
    const service = detailsOf(provider).getByTestId('connection-service-link');
    expect(await service.textContent()).toBe(serviceName);
    expect(await service.getAttribute('href')).toBe(`/ns/public/services/${GROUP}/${serviceName}`);
    expect(await detailsOf(provider).getByTestId('connection-configs').innerText()).toContain('No config of this namespace listened to.');
    expect(await detailsOf(provider).getByTestId('connection-detail-label').allTextContents()).toEqual(['module=naming', 'app_team=orders', 'source=sdk', 'tls.enable=false']);
    const listened = detailsOf(listener).getByTestId('connection-config-link');
    expect(await listened.textContent()).toBe(config.dataId);
    expect(await listened.getAttribute('href')).toBe(`/ns/public/configs/${config.group}/${encodeURIComponent(config.dataId)}`);
    expect(await detailsOf(listener).getByTestId('connection-subscriptions').innerText()).toContain('Subscribed services (0)');
    expect(await detailsOf(listener).innerText()).toContain(listener?.connectionId ?? 'unknown');

    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await layoutSettled(page);
    await page.screenshot({ path: screenshotPath('connections.png'), animations: 'disabled' });

    // The service link opens the service the SDK subscribes to, with the instance it registered.
    await service.click();
    await page.waitForURL((url) => url.pathname === `/ns/public/services/${GROUP}/${serviceName}`);
    await page.getByTestId('service-title').filter({ hasText: serviceName }).waitFor();
    await page.locator(`tr[data-row-key^="10.70.0.11#8080#"]`).waitFor();
  });

  it('should count the SDK connections on the overview', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const tile = page.getByTestId('overview-connections');
    await tile.getByText('SDK connections').waitFor();
    await expect.poll(() => tile.locator('.ant-statistic-content').textContent()).toBe('2');
    const publicRow = page.getByTestId('overview-namespaces').locator('tr[data-row-key="public"]');
    await expect.poll(() => publicRow.getByTestId('overview-ns-connections').textContent()).toBe('2');
  });

  it('should drop a client that went away from the list, and from the count', async () => {
    await page.getByTestId('overview-namespaces').locator('tr[data-row-key="public"]').getByTestId('overview-ns-connections').click();
    await page.waitForURL((url) => url.pathname === '/ns/public/connections');
    await rowOf(listener).waitFor();
    expect(await rows().count()).toBe(2);

    listener?.close();
    await page.getByTestId('connections-refresh').click();
    // The server notices the closed stream at once; a refresh that came first is followed by the
    // periodic one.
    await rowOf(listener).waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rowOf(provider).getByTestId('connection-client-ip').textContent()).toBe('10.70.0.11');
    expect(await page.getByTestId('connections-count').textContent()).toBe('1 connection');

    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => page.getByTestId('overview-connections').locator('.ant-statistic-content').textContent()).toBe('1');
  });
});
