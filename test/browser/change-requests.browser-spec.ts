import {
  AUTH_ENDPOINTS as A,
  CONFIG_CENTER_ENDPOINTS as C,
  GOVERNANCE_ENDPOINTS as G,
  NAMESPACES_ENDPOINTS as N,
  type PermissionAction,
} from '@switchboard/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { call } from '../support/api';
import { eventually } from '../support/wait';
import { bearer, signInThroughPage } from './auth-helpers';
import {
  hasChromium,
  keepFailureScreenshots,
  launchBrowser,
  layoutSettled,
  newContext,
  requireChromiumWhenAsked,
  screenshotPath,
  twoWindows,
} from './browser';

// Four-eyes publishing in the console: in a namespace that requires review, alice (write) edits
// a config and requests a review instead of publishing; bob (review), in a window of his own,
// finds it waiting for him, reads the diff, approves and applies it; alice's window, still on the
// request, sees it become applied and the new version without a reload. Alice never gets to
// approve her own request.

requireChromiumWhenAsked();

const V1 = ['checkout:', '  retries: 3', '  timeoutMs: 2000', 'payments: stripe', ''].join('\n');
const V2 = ['checkout:', '  retries: 5', '  timeoutMs: 2000', 'payments: stripe', 'fraudCheck: true', ''].join('\n');

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe.skipIf(!hasChromium)('console: change requests', () => {
  const baseUrl = inject('baseUrl');
  const admin = bearer(inject('adminToken'));
  const namespaceId = 'prod';
  const group = 'DEFAULT_GROUP';
  const dataId = 'checkout.yaml';
  const configPath = `/ns/${namespaceId}/configs/${group}/${dataId}`;
  const alice = { username: 'alice', password: 'alice-password-1' };
  const bob = { username: 'bob', password: 'bob-password-1' };
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let pageA: Page; // alice
  let pageB: Page; // bob
  let requestPath = '';

  const editorOf = (page: Page): Locator => page.getByTestId('config-editor');
  const linesOf = async (editor: Locator) => {
    await editor.locator('.cm-content').waitFor();
    return (await editor.locator('.cm-line').allTextContents()).join('\n');
  };
  const stateTag = (page: Page, state: string) =>
    page.locator(`[data-testid="change-request-detail-state"][data-state="${state}"]`);
  // Replaces the whole text the way a user pastes it (again if the select-all missed).
  const replaceContent = async (page: Page, text: string) => {
    const editor = editorOf(page);
    for (let attempt = 1; ; attempt++) {
      await page.bringToFront();
      await editor.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.insertText(text);
      try {
        await eventually(async () => expect(await linesOf(editor)).toBe(text), 2_000);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  };
  // Screenshots wait for the toasts of earlier steps to go, so they show the page itself.
  const settle = async (page: Page) => {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const toasts = page.locator('.ant-message-notice');
    while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  };
  // The same view at both sizes; the page is left at the first.
  const shoot = async (page: Page, name: string) => {
    for (const size of [...SIZES].reverse()) {
      await page.setViewportSize(size);
      await layoutSettled(page); // CodeMirror measures a frame after a resize
      await page.screenshot({ path: screenshotPath(`${name}-${size.width}.png`), animations: 'disabled' });
    }
  };
  const createUser = async (user: { username: string; password: string }, action: PermissionAction) => {
    const created = await call(baseUrl, A.createUser, { body: user, headers: admin });
    expect([200, 201]).toContain(created.status);
    const role = `${namespaceId}-${action}-${user.username}`;
    expect((await call(baseUrl, A.bindRole, { body: { role, username: user.username }, headers: admin })).status).toBeLessThan(300);
    expect((await call(baseUrl, A.grantPermission, { body: { role, namespaceId, action }, headers: admin })).status).toBeLessThan(300);
  };

  beforeAll(async () => {
    // The admin sets the stage over the API: a config at version 1, then the namespace protected.
    const created = await call(baseUrl, N.createNamespace, { body: { namespaceId, name: 'Production' }, headers: admin });
    expect([200, 201]).toContain(created.status);
    const published = await call(baseUrl, C.publishConfig, {
      params: { namespaceId, group, dataId },
      body: { content: V1, type: 'yaml' },
      headers: admin,
    });
    expect(published.status).toBe(200);
    const protectedNs = await call(baseUrl, N.updateNamespace, {
      params: { namespaceId },
      body: { reviewPolicy: { mode: 'required', minApprovals: 1 } },
      headers: admin,
    });
    expect(protectedNs.body.reviewPolicy).toEqual({ mode: 'required', minApprovals: 1 });
    await createUser(alice, 'write');
    await createUser(bob, 'review');

    browser = await launchBrowser();
    ({ contexts, pages: [pageA, pageB] } = await twoWindows(browser, SIZES[0]));
  });

  afterEach(({ task }) => keepFailureScreenshots(task, 'change-requests-', { alice: pageA, bob: pageB }));

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('should offer alice "Request review" instead of Publish and open a change request with her edit', async () => {
    await signInThroughPage(pageA, baseUrl, alice.username, alice.password, configPath);
    await editorOf(pageA).locator('.cm-content').waitFor();
    expect(await linesOf(editorOf(pageA))).toBe(V1);
    await replaceContent(pageA, V2);
    await pageA.locator('[data-testid="config-validation-status"][data-status="valid"]').waitFor();
    expect(await pageA.getByTestId('config-publish').count()).toBe(0);
    const requestReview = pageA.getByTestId('config-request-review');
    expect(await requestReview.textContent()).toContain('Request review');
    await settle(pageA);
    await shoot(pageA, 'change-request-editor');
    await requestReview.click();

    const dialog = pageA.getByRole('dialog', { name: `Request review of ${group}/${dataId}` });
    await dialog.waitFor();
    expect(await dialog.getByTestId('change-request-title-input').inputValue()).toBe(`Update ${group}/${dataId}`);
    await dialog.getByTestId('change-request-description-input').fill('More retries for the checkout, and the fraud check on.');
    await dialog.locator('.cm-merge-b .cm-changedLine').first().waitFor();
    await settle(pageA);
    await shoot(pageA, 'change-request-create');
    await dialog.getByTestId('change-request-submit').click();

    await pageA.waitForURL((url) => /^\/ns\/prod\/change-requests\/[^/]+$/.test(url.pathname));
    requestPath = new URL(pageA.url()).pathname;
    await stateTag(pageA, 'open').waitFor();
    expect(await pageA.getByTestId('change-request-title').textContent()).toBe(`Update ${group}/${dataId}`);
    expect(await pageA.getByTestId('change-request-author').textContent()).toBe('alice');
    // Nothing was published: the config is still at version 1.
    const stored = await call(baseUrl, C.getConfig, { params: { namespaceId, group, dataId }, headers: admin });
    expect(stored.body).toMatchObject({ version: 1, content: V1 });
  });

  it('should not offer alice Approve or Apply on her own request', async () => {
    await pageA.getByTestId('change-item-diff').locator('.cm-merge-b .cm-content').waitFor();
    expect(await pageA.getByTestId('change-request-withdraw').isVisible()).toBe(true);
    for (const action of ['approve', 'apply', 'reject']) expect(await pageA.getByTestId(`change-request-${action}`).count()).toBe(0);
  });

  it('should show bob the request waiting for his review, with its diff', async () => {
    await signInThroughPage(pageB, baseUrl, bob.username, bob.password, '/overview');
    const card = pageB.getByTestId('overview-awaiting-review');
    const link = card.getByRole('link', { name: `Update ${group}/${dataId}` });
    await link.waitFor();
    expect(await card.textContent()).toContain('by alice');
    await settle(pageB);
    await shoot(pageB, 'change-request-awaiting');
    await link.click();
    await pageB.waitForURL((url) => url.pathname === requestPath);
    await stateTag(pageB, 'open').waitFor();

    const diff = pageB.getByTestId('change-item-diff');
    await diff.locator('.cm-changedLine').first().waitFor();
    expect(await diff.getByTestId('change-item-diff-original-label').textContent()).toBe('Base (version 1)');
    expect(await diff.locator('.cm-merge-a .cm-changedLine').allTextContents()).toContain('  retries: 3');
    expect(await diff.locator('.cm-merge-b .cm-changedLine').allTextContents()).toEqual(
      expect.arrayContaining(['  retries: 5', 'fraudCheck: true']),
    );
    expect(await pageB.getByTestId('change-request-withdraw').count()).toBe(0);
    expect(await pageB.getByTestId('change-request-approve').isVisible()).toBe(true);
    await settle(pageB);
    await shoot(pageB, 'change-request-review');
  });

  it('should let bob approve and apply it, and alice see it applied live with the new version', async () => {
    await pageA.evaluate(() => Object.assign(window, { journeyMarker: 'still-here' }));
    await pageB.getByTestId('change-request-approve').click();
    await stateTag(pageB, 'approved').waitFor();
    expect(await pageB.getByTestId('change-request-approver').allTextContents()).toEqual(['bob']);
    // Alice's window learns of the approval from the topic.
    await stateTag(pageA, 'approved').waitFor({ timeout: 10_000 });

    await pageB.getByTestId('change-request-apply').click();
    const confirm = pageB.locator('.ant-popconfirm').filter({ hasText: 'Apply this change request?' });
    await confirm.waitFor();
    await confirm.getByTestId('change-request-apply-confirm').click();
    await stateTag(pageB, 'applied').waitFor();

    await stateTag(pageA, 'applied').waitFor({ timeout: 10_000 });
    const applied = pageA.getByTestId('change-request-applied-version');
    await applied.waitFor();
    expect(await applied.getAttribute('data-version')).toBe('2');
    expect(await applied.textContent()).toBe(`${group}/${dataId} is now version 2.`);
    expect(await pageA.getByTestId('change-request-closed').textContent()).toContain('by bob');
    expect(await pageA.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker)).toBe('still-here');
    expect(await pageA.getByTestId('change-request-withdraw').count()).toBe(0);

    const stored = await call(baseUrl, C.getConfig, { params: { namespaceId, group, dataId }, headers: admin });
    expect(stored.body).toMatchObject({ version: 2, content: V2 });
    await settle(pageA);
    await shoot(pageA, 'change-request-applied');
  });

  it('should list the applied request under Applied, not under Open', async () => {
    await pageB.getByRole('navigation').getByRole('link', { name: 'Change requests' }).click();
    await pageB.waitForURL((url) => url.pathname === `/ns/${namespaceId}/change-requests`);
    await pageB.getByTestId('change-request-empty').waitFor();
    await pageB.getByTestId('change-request-filter').getByText('Applied').click();
    const row = pageB.getByTestId('change-request-table').locator('tbody tr', { hasText: `Update ${group}/${dataId}` });
    await row.waitFor();
    expect(await row.getByTestId('change-request-state').textContent()).toBe('Applied');
    expect(await row.textContent()).toContain('1 / 1');
    const listed = await call(baseUrl, G.listChangeRequests, { params: { namespaceId }, query: { state: 'applied' }, headers: admin });
    expect(listed.body.items).toHaveLength(1);
    await settle(pageB);
    await shoot(pageB, 'change-request-list');
  });

  it('should show the admin the namespace as protected, with its review policy in the edit dialog', async () => {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize(SIZES[0]);
    await signInThroughPage(page, baseUrl, 'admin', inject('adminPassword'), '/namespaces');
    const row = page.locator(`tr[data-row-key="${namespaceId}"]`);
    expect(await row.getByTestId('namespace-review-required').textContent()).toBe('Review required');
    await settle(page);
    await shoot(page, 'change-request-namespaces');
    await row.getByRole('button', { name: `Edit namespace ${namespaceId}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit namespace “${namespaceId}”` });
    await dialog.waitFor();
    expect(await dialog.getByRole('switch', { name: 'Require review of configuration changes' }).getAttribute('aria-checked')).toBe('true');
    expect(await dialog.getByTestId('namespace-form-min-approvals').inputValue()).toBe('1');
    await settle(page);
    await shoot(page, 'change-request-namespace-policy');
  });
});
