import { NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../support/api';
import { apiLogin, bearer, signInThroughPage } from './auth-helpers';
import {
  keepFailureScreenshots,
  requireChromiumWhenAsked,
  hasChromium,
  launchBrowser,
  screenshotPath,
  twoWindows,
} from './browser';

// One operator journey across two browser windows: page A does the work, page B only watches,
// proving the list is live (socket.io subscription) and never reloads.

requireChromiumWhenAsked();

describe.skipIf(!hasChromium)('console: namespaces page', () => {
  const baseUrl = inject('baseUrl');
  const adminUsername = inject('adminUsername');
  const adminPassword = inject('adminPassword');
  const id = uniqueId('ui');
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let pageA: Page;
  let pageB: Page;

  const row = (page: Page, namespaceId: string): Locator =>
    page.locator(`tr[data-row-key="${namespaceId}"]`);
  const dialog = (page: Page): Locator => page.getByRole('dialog');
  // Screenshots wait for toasts of earlier steps to go, so they show the page itself.
  const settle = async (page: Page) => {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const toasts = page.locator('.ant-message-notice');
    while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    // A few namespaces so the list (and its screenshots) look like a real installation.
    const token = await apiLogin(baseUrl, adminUsername, adminPassword);
    for (const [namespaceId, name, description] of [
      ['staging', 'Staging', 'Pre-production, mirrors prod settings'],
      ['prod-eu', 'Production EU', 'Customer traffic, eu-west'],
    ]) {
      await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, {
        body: { namespaceId, name, description },
        headers: bearer(token),
      });
    }
    browser = await launchBrowser();
    ({ contexts, pages: [pageA, pageB] } = await twoWindows(browser));
  });

  afterEach(({ task }) => keepFailureScreenshots(task, '', { a: pageA, b: pageB }));

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('should open on the Overview after login, reach Namespaces with only working pages in the nav and the socket live', async () => {
    // Both windows sign in through the login page, which brings them back where they started.
    await signInThroughPage(pageB, baseUrl, adminUsername, adminPassword, '/namespaces');
    await pageA.goto(`${baseUrl}/`);
    await pageA.waitForURL(/\/login$/);
    await pageA.getByLabel('User name').fill(adminUsername);
    await pageA.getByLabel('Password', { exact: true }).fill(adminPassword);
    await pageA.getByRole('button', { name: 'Sign in' }).click();
    await pageA.waitForURL(/\/overview$/);
    await pageA.getByRole('navigation').getByRole('link', { name: 'Namespaces' }).click();
    await pageA.getByRole('heading', { name: 'Namespaces' }).waitFor();
    expect(await pageA.getByTestId('product-name').textContent()).toBe('Switchboard');
    // An admin sees every page of the route table.
    expect(await pageA.getByRole('navigation').getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Services',
      'Configurations',
      'Canary releases',
      'Change requests',
      'Connections',
      'Namespaces',
      'Users',
      'Roles',
      'Permissions',
      'Audit log',
      'Cluster',
      'Webhooks',
      'Access tokens',
    ]);
    expect(await pageA.getByTestId('user-name').textContent()).toBe(adminUsername);
    for (const page of [pageA, pageB]) {
      await row(page, 'public').waitFor();
      await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
    }
    expect(await pageA.getByTestId('connection-status').textContent()).toBe('Live');
    expect(await pageA.title()).toBe('Namespaces · Switchboard');
    // Page B must not reload during the journey: this marker would vanish.
    await pageB.evaluate(() => Object.assign(window, { journeyMarker: 'still-here' }));
  });

  it('should mark public as built-in with an edit button but no delete button', async () => {
    const publicRow = row(pageA, 'public');
    expect(await publicRow.getByTestId('namespace-builtin').textContent()).toBe('Built-in');
    expect(await publicRow.getByRole('button', { name: 'Edit namespace public' }).count()).toBe(1);
    expect(await publicRow.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    await publicRow.getByRole('button', { name: 'Edit namespace public' }).click();
    expect(await dialog(pageA).getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    await dialog(pageA).getByText('The public namespace cannot be renamed.').waitFor();
    await pageA.keyboard.press('Escape');
    await dialog(pageA).waitFor({ state: 'hidden' });
  });

  it('should check the shared rules in the create dialog before sending', async () => {
    await pageA.getByTestId('namespace-create').click();
    const form = dialog(pageA);
    await form.getByLabel(/^Namespace ID/).fill('bad id!');
    await form.getByLabel('Name', { exact: true }).fill('prod@eu');
    await form.getByRole('button', { name: 'Create' }).click();
    await pageA
      .locator('#namespace-form_namespaceId_help')
      .getByText('Use letters, digits, “_” and “-” only.')
      .waitFor();
    await pageA
      .locator('#namespace-form_name_help')
      .getByText('A name cannot contain @ # $ % ^ & *.')
      .waitFor();
    await pageA.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
  });

  it('should create a namespace from the keyboard and show it in the other window without reload', async () => {
    await pageA.getByTestId('namespace-create').click();
    const form = dialog(pageA);
    await form.getByLabel(/^Namespace ID/).fill(id);
    await form.getByLabel('Name', { exact: true }).fill('UI journey');
    await form.getByLabel(/^Description/).fill('Created by the browser test');
    await form.getByLabel(/^Config quota/).fill('50');
    await pageA.screenshot({
      path: screenshotPath('namespaces-create-dialog.png'),
      animations: 'disabled',
    });
    await form.getByLabel('Name', { exact: true }).press('Enter');
    await form.waitFor({ state: 'hidden' });

    await row(pageA, id).getByText('UI journey').waitFor();
    const live = row(pageB, id);
    await live.getByText('UI journey').waitFor();
    expect(await live.getByTestId('namespace-quota').textContent()).toBe('50');
    expect(await live.getByTestId('namespace-description').textContent()).toBe(
      'Created by the browser test',
    );
    expect(
      await pageB.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker),
    ).toBe('still-here');
    await settle(pageA);
    await pageA.screenshot({ path: screenshotPath('namespaces.png'), animations: 'disabled' });
  });

  it('should show a duplicate id on the id field', async () => {
    await pageA.getByTestId('namespace-create').click();
    const form = dialog(pageA);
    await form.getByLabel(/^Namespace ID/).fill(id);
    await form.getByLabel('Name', { exact: true }).fill('Duplicate');
    await settle(pageA);
    await form.getByRole('button', { name: 'Create' }).click();
    await pageA
      .locator('#namespace-form_namespaceId_help')
      .getByText('A namespace with this ID already exists.')
      .waitFor();
    await pageA.screenshot({
      path: screenshotPath('namespaces-duplicate-id.png'),
      animations: 'disabled',
    });
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'hidden' });
  });

  it('should edit the namespace and update the other window live', async () => {
    await row(pageA, id)
      .getByRole('button', { name: `Edit namespace ${id}` })
      .click();
    const form = dialog(pageA);
    const name = form.getByLabel('Name', { exact: true });
    expect(await name.inputValue()).toBe('UI journey');
    expect(await form.getByLabel(/^Namespace ID/).count()).toBe(0);
    await name.fill('UI journey renamed');
    await form.getByLabel(/^Config quota/).fill('75');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });
    await row(pageA, id).getByText('UI journey renamed').waitFor();
    await row(pageB, id).getByText('UI journey renamed').waitFor();
    expect(await row(pageB, id).getByTestId('namespace-quota').textContent()).toBe('75');
  });

  it('should delete only after confirmation and remove the row in both windows', async () => {
    expect(await row(pageB, id).count()).toBe(1); // so its disappearance below means something
    const deleteButton = row(pageA, id).getByRole('button', { name: `Delete namespace ${id}` });
    await deleteButton.click();
    const confirm = pageA
      .locator('.ant-popconfirm')
      .filter({ hasText: `Delete namespace “${id}”?` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await row(pageA, id).count()).toBe(1);

    await deleteButton.click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await row(pageA, id).waitFor({ state: 'detached' });
    await row(pageB, id).waitFor({ state: 'detached' });
    await pageA.getByText(`Namespace “${id}” deleted`).waitFor();
    expect(await row(pageB, 'public').count()).toBe(1);
  });

  it('should switch to Chinese and keep the choice after a reload', async () => {
    await pageA.getByTestId('language-switch').getByText('中文').click();
    await pageA.getByRole('heading', { name: '命名空间' }).waitFor();
    await pageA.getByRole('button', { name: '新建命名空间' }).waitFor();
    await pageA.getByRole('columnheader', { name: '命名空间 ID' }).waitFor();
    expect(await row(pageA, 'public').getByTestId('namespace-builtin').textContent()).toBe('内置');
    expect(await pageA.getByTestId('connection-status').textContent()).toBe('实时');
    await settle(pageA);
    await pageA.screenshot({ path: screenshotPath('namespaces-zh.png'), animations: 'disabled' });

    await pageA.reload();
    await pageA.getByRole('heading', { name: '命名空间' }).waitFor();
    expect(await pageA.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await pageA.getByTestId('language-switch').getByText('English').click();
    await pageA.getByRole('heading', { name: 'Namespaces' }).waitFor();
  });
});
