import { AUTH_ENDPOINTS, NAMESPACES_ENDPOINTS } from '@switchboard/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../support/api';
import { apiLogin, bearer, fillLogin, signInThroughPage } from './auth-helpers';
import { hasChromium, keepFailureScreenshots, launchBrowser, newContext, screenshotPath } from './browser';

// Sign-in, what an admin manages, and what a read-only user can (not) do. The availability
// check for Chromium lives in namespaces.browser-spec.ts.
describe.skipIf(!hasChromium)('console: authentication and permissions', () => {
  const baseUrl = inject('baseUrl');
  const adminUsername = inject('adminUsername');
  const adminPassword = inject('adminPassword');
  const reader = uniqueId('reader');
  const readerPassword = `pw-${uniqueId('r')}`;
  const role = uniqueId('readers');
  const hidden = uniqueId('hidden');
  let adminToken: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let readerPage: Page;

  const open = async () => {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  };
  // `blur: false` inside a modal: its focus trap would move focus onto a visibly ringed control.
  const settle = async (page: Page, blur = true) => {
    await page.mouse.move(0, 0);
    if (blur) await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const toasts = page.locator('.ant-message-notice');
    while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  };
  const shoot = async (page: Page, name: string) =>
    page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
  const navLinks = (page: Page) => page.getByRole('navigation').getByRole('link').allTextContents();

  beforeAll(async () => {
    adminToken = await apiLogin(baseUrl, adminUsername, adminPassword);
    const auth = { headers: bearer(adminToken) };
    const steps = [
      await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, {
        body: { namespaceId: hidden, name: 'Hidden from readers' },
        ...auth,
      }),
      await call(baseUrl, AUTH_ENDPOINTS.createUser, {
        body: { username: reader, password: readerPassword },
        ...auth,
      }),
      await call(baseUrl, AUTH_ENDPOINTS.bindRole, { body: { role, username: reader }, ...auth }),
      await call(baseUrl, AUTH_ENDPOINTS.grantPermission, {
        body: { role, namespaceId: 'public', action: 'read' },
        ...auth,
      }),
    ];
    for (const step of steps) expect(step.status, JSON.stringify(step.body)).toBeLessThan(300);
    browser = await launchBrowser();
    admin = await open();
  });

  afterEach(({ task }) => keepFailureScreenshots(task, '', { admin, reader: readerPage }));

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('should sign the admin in through the login page and show every page in the nav', async () => {
    await admin.goto(`${baseUrl}/users`);
    await admin.waitForURL(`${baseUrl}/login?next=%2Fusers`);
    await admin.getByRole('heading', { name: 'Sign in' }).waitFor();
    await fillLogin(admin, adminUsername, adminPassword);
    await settle(admin);
    await shoot(admin, 'login.png');
    await admin.getByLabel('Password', { exact: true }).press('Enter');
    await admin.waitForURL(`${baseUrl}/users`);
    await admin.getByRole('heading', { name: 'Users' }).waitFor();
    expect(await navLinks(admin)).toEqual([
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
  });

  it('should show the admin the cluster page: this node alone, running the jobs', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Cluster' }).click();
    await admin.waitForURL(`${baseUrl}/cluster`);
    await admin.getByText('A single node: cluster mode is off (no REDIS_URL).').waitFor();
    const rows = admin.getByTestId('cluster-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('this node');
    expect(row).toContain('runs the jobs');
    expect(row).toMatch(/\d+ MB/);
    await admin.getByTestId('cluster-refresh').click();
    await expect.poll(() => rows.count()).toBe(1);
    await settle(admin);
    await shoot(admin, 'cluster.png');
    // Back where the next specs expect the admin.
    await admin.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('heading', { name: 'Users' }).waitFor();
  });

  it('should list users with their roles and not let the admin delete themselves', async () => {
    const row = admin.locator(`tr[data-row-key="${reader}"]`);
    await row.getByText(role).waitFor();
    const self = admin.locator(`tr[data-row-key="${adminUsername}"]`);
    expect(await self.getByRole('button', { name: `Delete user ${adminUsername}` }).isDisabled()).toBe(true);
    await settle(admin);
    await shoot(admin, 'users.png');
  });

  it('should show a locked-out user with the address and unlock it', async () => {
    const username = uniqueId('locked');
    const password = `pw-${uniqueId('l')}`;
    const auth = { headers: bearer(adminToken) };
    expect((await call(baseUrl, AUTH_ENDPOINTS.createUser, { body: { username, password }, ...auth })).status).toBe(201);
    for (let i = 0; i < 5; i++) {
      const failed = await call(baseUrl, AUTH_ENDPOINTS.login, { body: { username, password: `guess-${i}` }, headers: { authorization: '' } });
      expect(failed.status).toBe(401);
    }
    const login = () => call(baseUrl, AUTH_ENDPOINTS.login, { body: { username, password }, headers: { authorization: '' } });
    expect((await login()).status).toBe(429);
    await admin.reload();
    const row = admin.locator(`tr[data-row-key="${username}"]`);
    await row.getByTestId('user-locked').hover();
    await admin.getByText(/^127\.0\.0\.1: locked out after failed sign-ins until /).waitFor();
    await settle(admin, false);
    await shoot(admin, 'users-locked.png');
    await row.getByRole('button', { name: `Unlock ${username}` }).click();
    await admin.getByText(`“${username}” unlocked`).waitFor();
    await row.getByText('Active').waitFor();
    expect(await row.getByTestId('user-unlock').count()).toBe(0);
    expect((await login()).status).toBe(200);
  });

  it('should show the role binding and the granted permission', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Roles' }).click();
    await admin.locator(`tr[data-row-key="${role}"]`).getByText(reader).waitFor();
    await admin.getByRole('navigation').getByRole('link', { name: 'Permissions' }).click();
    const row = admin.locator(`tr[data-row-key="${role}|public|read"]`);
    await row.getByText('Read', { exact: true }).waitFor();
    await settle(admin);
    await shoot(admin, 'permissions.png');
  });

  it('should list audit events and filter them by action prefix', async () => {
    await admin.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    const table = admin.getByTestId('audit-table');
    await table.getByText(reader).first().waitFor();
    await admin.getByTestId('audit-filter-action').fill('user.');
    await admin.getByRole('button', { name: 'Search' }).click();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const actions = await table.locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action.startsWith('user.')).toBe(true);
    await admin.getByRole('button', { name: 'Reset' }).click();
    await settle(admin);
    await shoot(admin, 'audit.png');
  });

  it('should create an access token, show it once and revoke it after confirmation', async () => {
    await admin.getByTestId('user-menu').click();
    await admin.getByRole('menuitem', { name: 'My access tokens' }).click();
    await admin.getByRole('heading', { name: 'Access tokens' }).waitFor();
    await admin.getByTestId('token-create').click();
    await admin.getByTestId('token-form-name').fill('deploy pipeline');
    await admin.getByTestId('token-form-days').fill('90');
    await admin.getByTestId('token-form-submit').click();
    const value = admin.getByTestId('token-created-value');
    await value.waitFor();
    const secret = (await value.textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(16);
    await settle(admin, false);
    // The modal's opening motion must be over (antd marks it with *-appear/*-enter classes).
    await admin.waitForFunction(() => !document.querySelector('[class*="-appear"],[class*="-enter"]'));
    await shoot(admin, 'access-token-created.png');
    const me = await call(baseUrl, AUTH_ENDPOINTS.me, { headers: bearer(secret) });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(adminUsername);

    await admin.getByTestId('token-created-done').click();
    await value.waitFor({ state: 'detached' });
    expect(await admin.getByText(secret).count()).toBe(0); // never shown again
    await admin.getByRole('button', { name: 'Revoke token deploy pipeline' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke' }).click();
    await admin.getByTestId('token-name').filter({ hasText: 'deploy pipeline' }).waitFor({ state: 'detached' });
    expect((await call(baseUrl, AUTH_ENDPOINTS.me, { headers: bearer(secret) })).status).toBe(401);
  });

  it('should show a read-only user only the namespaces they may read and no change buttons', async () => {
    readerPage = await open();
    await signInThroughPage(readerPage, baseUrl, reader, readerPassword, '/namespaces');
    await readerPage.locator('tr[data-row-key="public"]').waitFor();
    await readerPage.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
    expect(await readerPage.locator('tbody tr[data-row-key]').count()).toBe(1);
    expect(await readerPage.locator(`tr[data-row-key="${hidden}"]`).count()).toBe(0);
    expect(await readerPage.getByTestId('namespace-create').count()).toBe(0);
    expect(await readerPage.getByRole('button', { name: /Edit namespace|Delete namespace/ }).count()).toBe(0);
    expect(await navLinks(readerPage)).toEqual(['Overview', 'Services', 'Configurations', 'Canary releases', 'Change requests', 'Connections', 'Namespaces', 'Access tokens']);
    expect(await readerPage.getByTestId('user-name').textContent()).toBe(reader);
    await settle(readerPage);
    await shoot(readerPage, 'read-only-namespaces.png');
  });

  it('should answer 403 when the read-only user forces a change through the API', async () => {
    const statuses = await readerPage.evaluate(async (paths) => {
      const stored = JSON.parse(localStorage.getItem('switchboard.token') ?? '{}') as { accessToken?: string };
      const headers = { authorization: `Bearer ${stored.accessToken}` };
      const remove = await fetch(paths.remove, { method: 'DELETE', headers });
      const create = await fetch(paths.create, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'sneaky' }),
      });
      const users = await fetch(paths.users, { headers });
      return [remove.status, create.status, users.status];
    }, {
      remove: NAMESPACES_ENDPOINTS.deleteNamespace.path.replace(':namespaceId', 'public'),
      create: NAMESPACES_ENDPOINTS.createNamespace.path,
      users: AUTH_ENDPOINTS.listUsers.path,
    });
    expect(statuses).toEqual([403, 403, 403]);
  });

  it('should refuse an admin page to the read-only user', async () => {
    await readerPage.goto(`${baseUrl}/users`);
    await readerPage.getByTestId('page-forbidden').waitFor();
  });

  it('should return to the login page on logout and show an error for a wrong password', async () => {
    await readerPage.getByTestId('user-menu').click();
    await readerPage.getByRole('menuitem', { name: 'Sign out' }).click();
    await readerPage.waitForURL(`${baseUrl}/login`);
    expect(await readerPage.evaluate(() => localStorage.getItem('switchboard.token'))).toBeNull();
    await fillLogin(readerPage, reader, 'definitely-wrong');
    await readerPage.getByRole('button', { name: 'Sign in' }).click();
    expect(await readerPage.getByTestId('login-error').textContent()).toBe('Wrong user name or password.');
    expect(readerPage.url()).toBe(`${baseUrl}/login`);
  });

  it('should send a user with an invalid or expired token to the login page', async () => {
    for (const stored of [
      { accessToken: 'not-a-real-token', expiresAt: '2999-01-01T00:00:00.000Z' },
      { accessToken: adminToken, expiresAt: '2000-01-01T00:00:00.000Z' },
    ]) {
      await readerPage.evaluate((value) => localStorage.setItem('switchboard.token', value), JSON.stringify(stored));
      await readerPage.goto(`${baseUrl}/namespaces`);
      await readerPage.waitForURL(`${baseUrl}/login?next=%2Fnamespaces`);
      expect(await readerPage.getByTestId('login-notice').textContent()).toContain('Your session has expired');
      expect(await readerPage.evaluate(() => localStorage.getItem('switchboard.token'))).toBeNull();
    }
  });
});
