import { CONFIG_CENTER_ENDPOINTS as C, NAMING_ENDPOINTS as N } from '@switchboard/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../support/api';
import { createUser } from '../support/users';
import { signInThroughPage } from './auth-helpers';
import { hasChromium, keepFailureScreenshots, launchBrowser, layoutSettled, newContext, requireChromiumWhenAsked, screenshotPath } from './browser';

// Every page of the console at the two screen sizes operators use, for the README and for
// looking at layout; then what a read-only user sees, in English and in Chinese.

requireChromiumWhenAsked();

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe.skipIf(!hasChromium)('console: every page, and a read-only user in two languages', () => {
  const baseUrl = inject('baseUrl');
  const service = { namespaceId: 'public', groupName: 'DEFAULT_GROUP', serviceName: uniqueId('checkout') };
  const config = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('checkout')}.yaml` };
  const canaried = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: `${uniqueId('payments')}.properties` };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let reader: Page;
  let readerCredentials: { username: string; password: string };

  const open = async () => {
    const context = await newContext(browser);
    contexts.push(context);
    return context.newPage();
  };

  // Waits for the page's heading and for loading spinners to go, so the picture shows data.
  const settled = async (page: Page) => {
    await page.getByRole('heading').first().waitFor();
    await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 10_000 }).toBe(0);
    await page.mouse.move(0, 0);
    await layoutSettled(page); // hover effects faded, late layout done
  };

  beforeAll(async () => {
    for (const [i, zone] of ['eu-1', 'eu-2', 'us-1'].entries()) {
      await call(baseUrl, N.registerInstance, { params: service, body: { ip: `10.60.0.${i + 1}`, port: 8080, ephemeral: false, weight: i + 1, metadata: { zone }, tags: i === 0 ? ['canary'] : [] } });
    }
    await call(baseUrl, C.publishConfig, { params: config, body: { content: 'server:\n  port: 8080\nfeatures:\n  checkout: v1\n', type: 'yaml', description: 'Checkout service settings' } });
    await call(baseUrl, C.publishConfig, { params: config, body: { content: 'server:\n  port: 8080\nfeatures:\n  checkout: v2\n', type: 'yaml' } });
    await call(baseUrl, C.publishConfig, { params: canaried, body: { content: 'limit=10\ntimeout=2s\n', type: 'properties' } });
    await call(baseUrl, C.startCanary, { params: canaried, body: { content: 'limit=20\ntimeout=2s\n', target: { weight: 30, tags: ['canary'] } } });
    readerCredentials = await createUser(baseUrl, inject('adminToken'), [{ namespaceId: 'public', action: 'read' }]);
    browser = await launchBrowser();
    admin = await open();
    reader = await open();
    await signInThroughPage(admin, baseUrl, inject('adminUsername'), inject('adminPassword'), '/overview');
  });

  afterEach(({ task }) => keepFailureScreenshots(task, 'tour-', { admin, reader }));

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await call(baseUrl, C.abortCanary, { params: canaried, body: {} });
  });

  // Every page at two sizes, each settled and photographed, in one test: longer than one page's.
  it('should show every page at 1366×768 and 1920×1080', async () => {
    const pages: [string, string][] = [
      ['overview', '/overview'],
      ['services', '/ns/public/services'],
      ['service-detail', `/ns/public/services/DEFAULT_GROUP/${service.serviceName}`],
      ['configs', '/ns/public/configs'],
      ['config-new', '/ns/public/configs/new'],
      ['config-detail', `/ns/public/configs/DEFAULT_GROUP/${config.dataId}`],
      ['canary-rollout', `/ns/public/configs/DEFAULT_GROUP/${canaried.dataId}/canary`],
      ['canaries', '/ns/public/canaries'],
      ['namespaces', '/namespaces'],
      ['users', '/users'],
      ['roles', '/roles'],
      ['permissions', '/permissions'],
      ['audit', '/audit'],
      ['cluster', '/cluster'],
      ['access-tokens', '/access-tokens'],
    ];
    for (const size of SIZES) {
      await admin.setViewportSize(size);
      for (const [name, path] of pages) {
        await admin.goto(`${baseUrl}${path}`);
        await settled(admin);
        // Nothing may spill sideways out of the window.
        const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect({ page: name, size: size.width, overflow }).toEqual({ page: name, size: size.width, overflow: 0 });
        await admin.screenshot({ path: screenshotPath(`tour-${name}-${size.width}.png`), animations: 'disabled' });
      }
    }
    // The overview counts what was registered above.
    await admin.goto(`${baseUrl}/overview`);
    await settled(admin);
    expect(await admin.getByTestId('overview-canaries').textContent()).toMatch(/[1-9]/);
  }, 180_000);

  it('should give a read-only user no change controls, and translate navigation and forms into Chinese', async () => {
    await reader.setViewportSize(SIZES[0]);
    await signInThroughPage(reader, baseUrl, readerCredentials.username, readerCredentials.password, `/ns/public/services/DEFAULT_GROUP/${service.serviceName}`);
    await settled(reader);
    await reader.getByText('10.60.0.1:8080').waitFor();
    expect(await reader.getByRole('spinbutton').count()).toBe(0); // no weight editors
    expect(await reader.getByRole('switch').count()).toBe(0); // no enable switches
    expect(await reader.getByRole('button', { name: /Tag canary|Untag canary/ }).count()).toBe(0);

    await reader.goto(`${baseUrl}/ns/public/configs`);
    await settled(reader);
    expect(await reader.getByRole('button', { name: 'Create configuration' }).count()).toBe(0);
    await reader.goto(`${baseUrl}/ns/public/configs/DEFAULT_GROUP/${config.dataId}`);
    await settled(reader);
    await reader.locator('.cm-content').first().waitFor();
    expect(await reader.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(await reader.locator('.cm-content').first().getAttribute('aria-readonly')).toBe('true');

    await reader.goto(`${baseUrl}/ns/public/configs/DEFAULT_GROUP/${canaried.dataId}/canary`);
    await settled(reader);
    expect(await reader.getByRole('button', { name: /^(Promote|Abort)$/ }).count()).toBe(0);
    await reader.screenshot({ path: screenshotPath('tour-read-only-canary-1366.png'), animations: 'disabled' });

    // 中文: the navigation, then a form (as the administrator, who may open it).
    await reader.getByTestId('language-switch').getByText('中文').click();
    const nav = reader.getByRole('navigation');
    await nav.getByRole('link', { name: '概览' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['概览', '服务', '配置管理', '灰度发布', '变更请求', '客户端连接', '命名空间', '访问令牌']);
    await admin.setViewportSize(SIZES[0]);
    await admin.goto(`${baseUrl}/ns/public/configs/new`);
    await settled(admin);
    await admin.getByTestId('language-switch').getByText('中文').click();
    const labels = () => admin.locator('label').allTextContents();
    await expect.poll(labels).toEqual(expect.arrayContaining([expect.stringMatching(/^归属应用/), expect.stringMatching(/^描述/), expect.stringMatching(/^标签/), '配置格式']));
    expect(await admin.getByRole('button', { name: '发布' }).count()).toBe(1);
    await admin.screenshot({ path: screenshotPath('tour-config-new-zh-1366.png'), animations: 'disabled' });
    await admin.getByTestId('language-switch').getByText('English').click();
  });
});
