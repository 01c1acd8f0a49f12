import { readFileSync } from 'node:fs';
import { CONFIG_CENTER_ENDPOINTS, NAMESPACES_ENDPOINTS, type PublishConfigRequest } from '@switchboard/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../support/api';
import { createUser } from '../support/users';
import { eventually } from '../support/wait';
import { signInThroughPage } from './auth-helpers';
import { failurePath, hasChromium, keepFailureScreenshots, launchBrowser, layoutSettled, newContext, requireChromiumWhenAsked, screenshotPath, twoWindows } from './browser';

// The operator journey of the config center: a namespace made in the UI, a YAML config created
// with an inline error that blocks publishing, fixed, published, edited with a reviewed diff,
// compared in its history and rolled back. A second window watches live updates and meets a
// publish conflict; a read-only user gets no change controls.

requireChromiumWhenAsked();

const V1 = ['server:', '  port: 8080', '  host: localhost', 'name: demo', ''].join('\n');
const V2 = ['server:', '  port: 9090', '  host: localhost', 'name: demo', 'timeoutMs: 3000', ''].join('\n');
const BROKEN = ['server:', '  port: 8080', '  port: 8081', 'name: demo', ''].join('\n');

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe.skipIf(!hasChromium)('console: configs pages', () => {
  const baseUrl = inject('baseUrl');
  const adminUsername = inject('adminUsername');
  const adminPassword = inject('adminPassword');
  const adminToken = inject('adminToken');
  const ns = uniqueId('cfg');
  const dataId = 'app.yaml';
  const group = 'DEFAULT_GROUP';
  const detailPath = `/ns/${ns}/configs/${group}/${dataId}`;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let pageA: Page;
  let pageB: Page;

  const editorOf = (page: Page): Locator => page.getByTestId('config-editor');
  // CodeMirror loads on demand: wait for it before reading its lines.
  const linesOf = async (editor: Locator) => {
    await editor.locator('.cm-content').waitFor();
    return (await editor.locator('.cm-line').allTextContents()).join('\n');
  };
  const editorText = (page: Page) => linesOf(editorOf(page));
  const versionTag = (page: Page, version: number) => page.locator(`[data-testid="config-version"][data-version="${version}"]`);
  const validation = (page: Page, status: string) => page.locator(`[data-testid="config-validation-status"][data-status="${status}"]`);
  // Replaces the whole text the way a user pastes it: focus, select all, insert.
  // The editor must hold exactly the new text before a check status is awaited (the status shown
  // until then is the old text's). A select-all that missed (the window's focus moved to the other
  // one) would insert beside the old text: the paste is then done again, at most twice more.
  // Publish, then the review dialog with its diff drawn: a confirm clicked while the dialog
  // still opens and lays out its diff can miss the button.
  const openPublishReview = async (page: Page) => {
    await page.getByTestId('config-publish').click();
    const dialog = page.getByRole('dialog', { name: `Publish “${dataId}”?` });
    await dialog.waitFor();
    await dialog.locator('.cm-merge-b .cm-content').waitFor();
    return dialog;
  };

  const replaceContent = async (page: Page, text: string, editor = editorOf(page)) => {
    const content = editor.locator('.cm-content');
    for (let attempt = 1; ; attempt++) {
      await page.bringToFront();
      await content.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.insertText(text);
      try {
        await eventually(async () => expect(await linesOf(editor)).toBe(text), 2_000);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        console.log(`paste attempt ${attempt} left the editor with other text; pasting again`);
      }
    }
  };
  const settle = async (page: Page) => {
    await page.mouse.move(0, 0);
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
  const apiPublish = (key: { dataId: string; group?: string }, body: PublishConfigRequest) =>
    call(baseUrl, CONFIG_CENTER_ENDPOINTS.publishConfig, {
      params: { namespaceId: ns, group: key.group ?? group, dataId: key.dataId },
      body,
    });

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ contexts, pages: [pageA, pageB] } = await twoWindows(browser, SIZES[0]));
  });

  afterEach(({ task }) => keepFailureScreenshots(task, 'configs-', { a: pageA, b: pageB }));

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('should create a namespace on the Namespaces page and open its empty Configurations list', async () => {
    await signInThroughPage(pageA, baseUrl, adminUsername, adminPassword, '/namespaces');
    await pageA.getByTestId('namespace-create').click();
    const form = pageA.getByRole('dialog');
    await form.getByLabel(/^Namespace ID/).fill(ns);
    await form.getByLabel('Name', { exact: true }).fill('Config journey');
    await form.getByLabel('Name', { exact: true }).press('Enter');
    await form.waitFor({ state: 'hidden' });
    await pageA.locator(`tr[data-row-key="${ns}"]`).waitFor();

    await pageA.getByRole('navigation').getByRole('link', { name: 'Configurations' }).click();
    await pageA.waitForURL((url) => /^\/ns\/[^/]+\/configs$/.test(url.pathname));
    const switcher = pageA.getByTestId('namespace-switcher');
    await switcher.click();
    await pageA.keyboard.type(ns);
    await pageA.keyboard.press('Enter');
    await pageA.waitForURL((url) => url.pathname === `/ns/${ns}/configs`);
    await pageA.getByRole('heading', { name: 'Configurations' }).waitFor();
    expect(await pageA.getByTestId('configs-empty').textContent()).toContain(`No configurations in ${ns} yet`);
  });

  it('should mark a YAML error at its line and keep Publish disabled until it is fixed', async () => {
    await pageA.getByTestId('config-create').first().click();
    await pageA.waitForURL((url) => url.pathname === `/ns/${ns}/configs/new`);
    await pageA.getByTestId('config-form-dataId').fill(dataId);
    expect(await pageA.getByTestId('config-type-select').textContent()).toBe('YAML');
    await editorOf(pageA).locator('.cm-content').waitFor();
    expect(await pageA.getByTestId('config-publish').isDisabled()).toBe(true); // nothing written yet

    await replaceContent(pageA, BROKEN);
    await validation(pageA, 'invalid').waitFor();
    // The mark sits on line 3 (the duplicate key), in the text and in the lint gutter.
    const marked = editorOf(pageA).locator('.cm-line', { has: pageA.locator('.cm-lintRange-error') });
    await marked.first().waitFor();
    expect(await marked.allTextContents()).toEqual(['  port: 8081']);
    expect(await editorOf(pageA).locator('.cm-lint-marker-error').count()).toBe(1);
    const listed = pageA.getByTestId('config-violation');
    expect(await listed.count()).toBe(1);
    expect(await listed.getAttribute('data-line')).toBe('3');
    expect(await listed.textContent()).toMatch(/^Line 3, column 3: .*unique/);
    expect(await pageA.getByTestId('config-publish').isDisabled()).toBe(true);
    await settle(pageA);
    await shoot(pageA, 'config-editor-error');

    await replaceContent(pageA, V1);
    await validation(pageA, 'valid').waitFor();
    expect(await editorOf(pageA).locator('.cm-lintRange-error').count()).toBe(0);
    expect(await pageA.getByTestId('config-violations').count()).toBe(0);
    expect(await pageA.getByTestId('config-publish').isEnabled()).toBe(true);
  });

  it('should review the new content and publish it as version 1', async () => {
    await pageA.getByTestId('config-publish').click();
    const dialog = pageA.getByRole('dialog', { name: `Publish “${dataId}”?` });
    await dialog.waitFor();
    expect(await dialog.getByTestId('config-publish-summary').textContent()).toBe('The configuration is created as version 1.');
    await dialog.locator('.cm-merge-b .cm-content').getByText('host: localhost').waitFor();
    await dialog.getByTestId('config-publish-confirm').click();
    await pageA.waitForURL((url) => url.pathname === detailPath);
    await versionTag(pageA, 1).waitFor();
    expect(await pageA.getByTestId('config-title').textContent()).toBe(dataId);
    expect(await editorText(pageA)).toBe(V1);
    const stored = await call(baseUrl, CONFIG_CENTER_ENDPOINTS.getConfig, { params: { namespaceId: ns, group, dataId } });
    expect(stored.body).toMatchObject({ content: V1, type: 'yaml', version: 1 });
  });

  it('should show the diff of an edit before publishing it as version 2', async () => {
    await replaceContent(pageA, V2);
    await validation(pageA, 'valid').waitFor();
    await pageA.getByTestId('config-publish').click();
    const dialog = pageA.getByRole('dialog', { name: `Publish “${dataId}”?` });
    await dialog.waitFor();
    expect(await dialog.getByTestId('config-publish-summary').textContent()).toContain('Version 1 becomes version 2.');
    const diff = dialog.getByTestId('config-publish-diff');
    await diff.locator('.cm-changedLine').first().waitFor();
    expect(await diff.locator('.cm-merge-a .cm-changedLine').allTextContents()).toContain('  port: 8080');
    expect(await diff.locator('.cm-merge-b .cm-changedLine').allTextContents()).toEqual(
      expect.arrayContaining(['  port: 9090', 'timeoutMs: 3000']),
    );
    expect(await diff.getByTestId('config-publish-diff-original-label').textContent()).toBe('Published (version 1)');
    await settle(pageA);
    await shoot(pageA, 'config-publish-diff');
    await dialog.getByTestId('config-publish-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await versionTag(pageA, 2).waitFor();
    expect(await editorText(pageA)).toBe(V2);
  });

  it('should compare two versions side by side in the history', async () => {
    await pageA.getByRole('tab', { name: 'History' }).click();
    const table = pageA.getByTestId('config-history-table');
    await table.locator('tr[data-row-key="2"]').waitFor();
    expect(await table.getByTestId('config-version-number').allTextContents()).toEqual(['2', '1']);
    expect(await table.getByTestId('config-version-op').allTextContents()).toEqual(['Update', 'Create']);
    await table.getByLabel('Pick version 1 to compare').check();
    await table.getByLabel('Pick version 2 to compare').check();
    await pageA.getByTestId('config-history-compare').click();
    const diff = pageA.getByTestId('config-version-diff');
    await diff.locator('.cm-changedLine').first().waitFor();
    expect(await diff.getByTestId('config-version-diff-original-label').textContent()).toMatch(/^Version 1 · Create · admin/);
    expect(await diff.getByTestId('config-version-diff-modified-label').textContent()).toMatch(/^Version 2 · Update · admin/);
    expect((await diff.locator('.cm-merge-a .cm-content').textContent()) ?? '').toContain('port: 8080');
    expect((await diff.locator('.cm-merge-b .cm-content').textContent()) ?? '').toContain('port: 9090');
    await settle(pageA);
    await pageA.getByTestId('config-history-diff').scrollIntoViewIfNeeded();
    await shoot(pageA, 'config-history-diff');
  });

  it('should roll back to version 1 after confirmation so the content equals version 1 again', async () => {
    const table = pageA.getByTestId('config-history-table');
    expect(await table.getByRole('button', { name: 'Roll back to version 2' }).isDisabled()).toBe(true); // current
    await table.getByRole('button', { name: 'Roll back to version 1' }).click();
    const confirm = pageA.locator('.ant-popconfirm').filter({ hasText: 'Roll back to version 1?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('published again as version 3');
    await confirm.getByRole('button', { name: 'Roll back' }).click();
    await versionTag(pageA, 3).waitFor();
    await table.locator('tr[data-row-key="3"]').getByText('Rollback').waitFor();

    const stored = await call(baseUrl, CONFIG_CENTER_ENDPOINTS.getConfig, { params: { namespaceId: ns, group, dataId } });
    expect(stored.body).toMatchObject({ content: V1, version: 3 });
    await pageA.getByRole('tab', { name: 'Content' }).click();
    await editorOf(pageA).locator('.cm-content').waitFor();
    expect(await editorText(pageA)).toBe(V1);
    await settle(pageA);
    await shoot(pageA, 'config-detail');
  });

  it('should show a publish from one window in another, pushed without reload', async () => {
    await signInThroughPage(pageB, baseUrl, adminUsername, adminPassword, detailPath);
    await versionTag(pageB, 3).waitFor();
    expect(await editorText(pageB)).toBe(V1);
    await pageB.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
    await pageB.evaluate(() => Object.assign(window, { journeyMarker: 'still-here' }));

    const V4 = V1.replace('8080', '8084');
    await replaceContent(pageA, V4);
    await validation(pageA, 'valid').waitFor();
    await openPublishReview(pageA);
    await pageA.getByTestId('config-publish-confirm').click();
    await versionTag(pageA, 4).waitFor();
    // The detail page never polls: only the socket's push can bring version 4 (how fast is the
    // bench's socket.io push scenario).
    await versionTag(pageB, 4).waitFor({ timeout: 10_000 });
    await eventually(async () => expect(await editorText(pageB)).toBe(V4), 10_000);
    expect(await pageB.getByTestId('config-live-alert').count()).toBe(0); // no edits: just updated
    expect(await pageB.evaluate(() => (window as unknown as { journeyMarker?: string }).journeyMarker)).toBe('still-here');

    // Both windows listen over their socket and hold the published content.
    await pageA.getByRole('tab', { name: 'Listeners' }).click();
    await pageA.getByTestId('config-listeners-refresh').click();
    const listeners = pageA.getByTestId('config-listeners-table').locator('tbody tr.ant-table-row');
    await eventually(async () => expect(await listeners.count()).toBeGreaterThanOrEqual(2));
    // The rows of the previous load stay while the refresh runs; the summary is the loaded one's.
    await eventually(async () => expect(await pageA.getByTestId('config-listeners-summary').textContent()).toContain(', 0 not up to date'));
    expect(await listeners.getByText('Up to date').count()).toBe(await listeners.count());
    await pageA.getByRole('tab', { name: 'Content' }).click();
    await editorOf(pageA).locator('.cm-content').waitFor();
  });

  it('should keep unsaved edits on a live publish, then resolve the publish conflict by re-applying them', async () => {
    const mine = ['server:', '  port: 8084', '  host: b.example', 'name: demo', ''].join('\n');
    await replaceContent(pageB, mine);
    await validation(pageB, 'valid').waitFor();

    const theirs = V1.replace('name: demo', 'name: theirs');
    expect((await apiPublish({ dataId }, { content: theirs, type: 'yaml', expectedVersion: 4 })).status).toBe(200);
    const alert = pageB.getByTestId('config-live-alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain(`Version 5 was published by ${adminUsername}`);
    expect(await editorText(pageB)).toBe(mine); // the edits stay

    await openPublishReview(pageB);
    await pageB.getByTestId('config-publish-confirm').click();
    const conflict = pageB.getByRole('dialog', { name: 'Someone published meanwhile' });
    await conflict.waitFor();
    const diff = conflict.getByTestId('config-conflict-diff');
    expect((await diff.locator('.cm-merge-a .cm-content').textContent()) ?? '').toContain('name: theirs');
    expect((await diff.locator('.cm-merge-b .cm-content').textContent()) ?? '').toContain('host: b.example');
    await conflict.getByTestId('config-conflict-rebase').click();
    const review = pageB.getByRole('dialog', { name: `Publish “${dataId}”?` });
    expect(await review.getByTestId('config-publish-summary').textContent()).toContain('Version 5 becomes version 6.');
    await review.getByTestId('config-publish-confirm').click();
    await versionTag(pageB, 6).waitFor();
    await versionTag(pageA, 6).waitFor({ timeout: 10_000 });
    expect(await editorText(pageA)).toBe(mine);
  });

  it('should attach a JSON Schema in Settings and check edits against it', async () => {
    const schema = JSON.stringify({
      type: 'object',
      required: ['server'],
      properties: { server: { type: 'object', properties: { port: { type: 'integer' } } } },
    }, null, 2);
    await pageA.getByRole('tab', { name: 'Settings' }).click();
    const schemaEditor = pageA.getByTestId('config-schema-editor');
    await replaceContent(pageA, schema, schemaEditor);
    await pageA.locator('[data-testid="config-schema-status"][data-status="valid"]').waitFor(); // the content fits it
    await pageA.getByTestId('config-schema-save').click();
    await versionTag(pageA, 7).waitFor();
    await pageA.getByTestId('config-summary').getByText('JSON Schema').waitFor();
    await settle(pageA);
    await shoot(pageA, 'config-settings');

    await pageA.getByRole('tab', { name: 'Content' }).click();
    await replaceContent(pageA, V1.replace('8080', 'eighty'));
    await validation(pageA, 'invalid').waitFor();
    const violation = pageA.getByTestId('config-violation');
    expect(await violation.textContent()).toMatch(/^content\/server\/port .*integer/);
    expect(await pageA.getByTestId('config-publish').isDisabled()).toBe(true);
    await pageA.getByTestId('config-discard').click();
    await validation(pageA, 'valid').waitFor();
    await versionTag(pageB, 7).waitFor();
  });

  it('should search, export and import the configurations of the namespace', async () => {
    for (const [id, appName, tags] of [
      ['order-service.yaml', 'order', ['prod', 'eu']],
      ['gateway.json', 'gateway', ['prod']],
      ['feature-flags.properties', 'web', []],
    ] as const) {
      const content = id.endsWith('.json') ? '{"routes": []}' : id.endsWith('.yaml') ? 'orders:\n  batch: 50\n' : 'checkout.v2=true\n';
      const type = id.endsWith('.json') ? 'json' : id.endsWith('.yaml') ? 'yaml' : 'properties';
      expect((await apiPublish({ dataId: id }, { content, type, appName, tags: [...tags], description: `${appName} settings` })).status).toBe(200);
    }
    await pageA.getByRole('link', { name: 'Back to list' }).click();
    await pageA.waitForURL((url) => url.pathname === `/ns/${ns}/configs`);
    const table = pageA.getByTestId('config-table');
    await table.locator(`tr[data-row-key="${group}/order-service.yaml"]`).waitFor();
    expect(await table.getByTestId('config-link').allTextContents()).toEqual([
      'app.yaml',
      'feature-flags.properties',
      'gateway.json',
      'order-service.yaml',
    ]);
    await settle(pageA);
    await shoot(pageA, 'configs');

    await pageA.locator('label', { hasText: 'Fuzzy' }).click();
    await pageA.getByTestId('config-search-dataId').fill('order');
    await pageA.getByTestId('config-search-submit').click();
    await pageA.waitForURL((url) => url.search === '?dataId=order&mode=blur');
    await eventually(async () => expect(await table.getByTestId('config-link').allTextContents()).toEqual(['order-service.yaml']));
    await pageA.getByRole('button', { name: 'Reset' }).first().click();
    await eventually(async () => expect(await table.getByTestId('config-link').count()).toBe(4));

    await table.getByLabel('Select configuration gateway.json').check();
    await table.getByLabel('Select configuration order-service.yaml').check();
    expect(await pageA.getByTestId('config-bulk-bar').textContent()).toContain('2 selected');
    const [download] = await Promise.all([pageA.waitForEvent('download'), pageA.getByTestId('config-bulk-export').click()]);
    expect(download.suggestedFilename()).toBe(`${ns}-configs.zip`);
    const zipPath = failurePath(`${ns}-export.zip`);
    await download.saveAs(zipPath);
    expect(readFileSync(zipPath).subarray(0, 2).toString()).toBe('PK');

    await pageA.getByTestId('config-import').click();
    const dialog = pageA.getByRole('dialog', { name: `Import configurations into ${ns}` });
    await dialog.locator('input[type="file"]').setInputFiles(zipPath);
    await dialog.locator('label', { hasText: 'Skip' }).click();
    await dialog.getByTestId('config-import-submit').click();
    const report = dialog.getByTestId('config-import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('0 written, 2 skipped, 0 failed.');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The two still selected are cloned into another namespace.
    const target = uniqueId('cfg-copy');
    const created = await call(baseUrl, NAMESPACES_ENDPOINTS.createNamespace, { body: { namespaceId: target, name: 'Clone target' } });
    expect(created.status).toBe(201);
    await pageA.getByTestId('config-bulk-clone').click();
    const clone = pageA.getByRole('dialog', { name: 'Clone configurations' });
    expect(await clone.textContent()).toContain(`The 2 selected configurations of ${ns} are copied.`);
    await clone.getByTestId('config-clone-target').click();
    await pageA.keyboard.type(target);
    await pageA.keyboard.press('Enter');
    await clone.getByTestId('config-clone-submit').click();
    await clone.getByTestId('config-import-report').waitFor();
    expect(await clone.getByTestId('config-import-report').textContent()).toContain('2 written, 0 skipped, 0 failed.');
    const copied = await call(baseUrl, CONFIG_CENTER_ENDPOINTS.listConfigs, { params: { namespaceId: target } });
    expect(copied.body.items.map((c) => c.dataId)).toEqual(['gateway.json', 'order-service.yaml']);
    await clone.getByRole('button', { name: 'Done' }).click();
  });

  it('should show a read-only user the content without any change controls', async () => {
    const reader = await createUser(baseUrl, adminToken, [{ namespaceId: ns, action: 'read' }]);
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await signInThroughPage(page, baseUrl, reader.username, reader.password, `/ns/${ns}/configs`);
    await page.getByTestId('config-table').locator(`tr[data-row-key="${group}/${dataId}"]`).waitFor();
    expect(await page.getByTestId('config-create').count()).toBe(0);
    expect(await page.getByTestId('config-import').count()).toBe(0);
    expect(await page.getByTestId('config-clone-all').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete configuration/ }).count()).toBe(0);

    await page.getByRole('link', { name: dataId, exact: true }).click();
    await versionTag(page, 7).waitFor();
    await page.getByTestId('config-read-only').waitFor();
    expect(await page.getByTestId('config-publish').count()).toBe(0);
    expect(await page.getByTestId('config-delete').count()).toBe(0);
    expect(await editorOf(page).locator('.cm-content').getAttribute('aria-readonly')).toBe('true');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('config-history-table').locator('tr[data-row-key="1"]').waitFor();
    expect(await page.getByRole('button', { name: /^Roll back to version/ }).count()).toBe(0);

    // The same page in Chinese, as Nacos users know it.
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByRole('tab', { name: '历史版本' }).waitFor();
    await page.getByRole('columnheader', { name: '操作类型' }).waitFor();
    expect(await versionTag(page, 7).textContent()).toBe('版本 7');
    await page.setViewportSize(SIZES[0]);
    await page.screenshot({ path: screenshotPath('config-history-zh-1366.png'), animations: 'disabled' });
  });
});
