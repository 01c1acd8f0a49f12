import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUserView, LoginView } from '@switchboard/shared';
import { AppRoutes } from '../app/App';
import { I18nProvider } from '../i18n/I18nProvider';
import { testAdmin, testUser } from './auth-test-utils';
import { AuthProvider } from './AuthProvider';
import { session, SESSION_STORAGE_KEY } from './session-store';

// Lazy pages load on first use: allow more than the default second.
configure({ asyncUtilTimeout: 5_000 });

// The whole console shell (gate, login page, layout, nav) against a stubbed fetch.
vi.mock('../api/realtime-client', () => ({
  realtime: {
    subscribe: () => () => undefined,
    onStateChange: () => () => undefined,
    getState: () => 'live',
    close: vi.fn(),
    restart: vi.fn(),
  },
}));

type Answer = { status: number; body?: unknown };
let routes: Record<string, Answer | ((init: RequestInit) => Answer)>;
const requests: { key: string; headers: Record<string, string> }[] = [];

function stubServer(table: typeof routes) {
  routes = table;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const key = `${init.method} ${url.split('?')[0]}`;
      requests.push({ key, headers: init.headers as Record<string, string> });
      const entry = routes[key] ?? { status: 404, body: { code: 'ROUTE_NOT_FOUND', message: key } };
      const { status, body } = typeof entry === 'function' ? entry(init) : entry;
      return new Response(status === 204 ? null : JSON.stringify(body ?? {}), { status });
    }),
  );
}

const unauthenticated: Answer = { status: 401, body: { code: 'UNAUTHENTICATED', message: 'no' } };
const me = (user: CurrentUserView): Answer => ({ status: 200, body: user });
const loginView = (user: CurrentUserView): LoginView => ({
  accessToken: 'fresh-token',
  tokenType: 'Bearer',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  user,
});

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{`${pathname}${search}`}</output>;
}

function renderAt(path: string) {
  render(
    <I18nProvider language="en">
      <App>
        <MemoryRouter initialEntries={[path]}>
          <AuthProvider>
            <AppRoutes />
            <Where />
          </AuthProvider>
        </MemoryRouter>
      </App>
    </I18nProvider>,
  );
}

const where = () => screen.getByTestId('where').textContent;
const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

beforeEach(() => {
  localStorage.clear();
  requests.length = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
  session.clear('logout');
});

describe('auth gate', () => {
  it('should send a visitor without a session to the login page and remember the page', async () => {
    stubServer({ 'GET /api/v1/auth/me': unauthenticated });
    renderAt('/users');
    await screen.findByRole('button', { name: 'Sign in' });
    expect(where()).toBe('/login?next=%2Fusers');
    expect(screen.queryByTestId('login-notice')).toBeNull();
  });

  it('should clear a refused stored token and say that the session expired', async () => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'revoked', expiresAt: '2999-01-01T00:00:00.000Z' }),
    );
    stubServer({ 'GET /api/v1/auth/me': unauthenticated });
    renderAt('/namespaces');
    expect((await screen.findByTestId('login-notice')).textContent).toContain(
      'Your session has expired',
    );
    expect(requests[0].headers.authorization).toBe('Bearer revoked');
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(where()).toBe('/login?next=%2Fnamespaces');
  });

  it('should say that the session expired when the stored token ran out before the page opened', async () => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 'old', expiresAt: '2000-01-01T00:00:00.000Z' }),
    );
    stubServer({ 'GET /api/v1/auth/me': unauthenticated });
    renderAt('/namespaces');
    expect((await screen.findByTestId('login-notice')).textContent).toContain('expired');
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it('should never show the login page when the server runs without authentication', async () => {
    stubServer({ 'GET /api/v1/auth/me': me({ ...testAdmin(), authEnabled: false }) });
    renderAt('/login');
    await screen.findByTestId('auth-disabled');
    expect(where()).toBe('/overview');
  });

  it('should list only the pages a non-admin may use and refuse an admin page', async () => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', expiresAt: '2999-01-01T00:00:00.000Z' }),
    );
    stubServer({ 'GET /api/v1/auth/me': me(testUser({ username: 'reader' })) });
    renderAt('/users');
    await screen.findByTestId('page-forbidden');
    const nav = screen.getByRole('navigation');
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Overview',
      'Services',
      'Configurations',
      'Canary releases',
      'Change requests',
      'Connections',
      'Namespaces',
      'Access tokens',
    ]);
  });

  it('should route to the login page with next when a later call answers 401', async () => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', expiresAt: '2999-01-01T00:00:00.000Z' }),
    );
    stubServer({
      'GET /api/v1/auth/me': me(testUser({ username: 'reader' })),
      'GET /api/v1/access-tokens': unauthenticated,
    });
    renderAt('/access-tokens');
    await screen.findByRole('button', { name: 'Sign in' });
    expect(where()).toBe('/login?next=%2Faccess-tokens');
    expect(screen.getByTestId('login-notice').textContent).toContain('expired');
  });
});

describe('LoginPage', () => {
  beforeEach(() => stubServer({ 'GET /api/v1/auth/me': unauthenticated }));

  it('should require both fields and not call the server when they are empty', async () => {
    renderAt('/login');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your user name.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(requests.some((r) => r.key === 'POST /api/v1/auth/login')).toBe(false);
  });

  it('should say wrong user name or password when the server refuses the credentials', async () => {
    routes['POST /api/v1/auth/login'] = unauthenticated;
    renderAt('/login?next=%2Fusers');
    await screen.findByLabelText('User name');
    type('User name', 'alice');
    type('Password', 'wrong-password');
    fireEvent.submit(screen.getByLabelText('Password'));
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'Wrong user name or password.',
    );
    expect(where()).toBe('/login?next=%2Fusers'); // a failed login is not a session end
  });

  it('should explain a locked account', async () => {
    routes['POST /api/v1/auth/login'] = {
      status: 429,
      body: { code: 'LOGIN_LOCKED', message: 'locked' },
    };
    renderAt('/login');
    await screen.findByLabelText('User name');
    type('User name', 'alice');
    type('Password', 'whatever1');
    fireEvent.submit(screen.getByLabelText('Password'));
    expect((await screen.findByTestId('login-error')).textContent).toContain('locked');
  });

  it('should store the token, send it afterwards and go to next after a login', async () => {
    const user = testUser({ username: 'alice' });
    routes['POST /api/v1/auth/login'] = (init) => {
      expect(JSON.parse(String(init.body))).toEqual({ username: 'alice', password: 'secret-pw' });
      return { status: 200, body: loginView(user) };
    };
    routes['GET /api/v1/access-tokens'] = { status: 200, body: [] };
    renderAt('/login?next=%2Faccess-tokens');
    await screen.findByLabelText('User name');
    type('User name', ' alice ');
    type('Password', 'secret-pw');
    fireEvent.submit(screen.getByLabelText('Password'));
    await screen.findByRole('heading', { name: 'Access tokens' });
    expect(where()).toBe('/access-tokens');
    expect(screen.getByTestId('user-name').textContent).toBe('alice');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? '{}').accessToken).toBe(
      'fresh-token',
    );
    const tokensCall = requests.find((r) => r.key === 'GET /api/v1/access-tokens');
    expect(tokensCall?.headers.authorization).toBe('Bearer fresh-token');
  });

  it('should return to the login page without next after logout', async () => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', expiresAt: '2999-01-01T00:00:00.000Z' }),
    );
    routes['GET /api/v1/auth/me'] = me(testUser({ username: 'alice' }));
    routes['GET /api/v1/access-tokens'] = { status: 200, body: [] };
    renderAt('/access-tokens');
    fireEvent.click(await screen.findByTestId('user-menu'));
    fireEvent.click(await screen.findByText('Sign out'));
    await screen.findByRole('button', { name: 'Sign in' });
    await waitFor(() => expect(where()).toBe('/login'));
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    act(() => undefined);
  });
});
