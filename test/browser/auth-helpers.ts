import { AUTH_ENDPOINTS } from '@switchboard/shared';
import type { Page } from 'playwright-core';
import { call } from '../support/api';

// A bearer token straight from the API, for test set-up.
export async function apiLogin(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await call(baseUrl, AUTH_ENDPOINTS.login, { body: { username, password } });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// Opens `path`, gets sent to the login page, signs in there and lands back on `path`.
export async function signInThroughPage(page: Page, baseUrl: string, username: string, password: string, path = '/namespaces'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL((url) => url.pathname === '/login');
  await fillLogin(page, username, password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.waitForURL((url) => url.pathname === path);
}

export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
}
