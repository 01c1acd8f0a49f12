import type { SessionEndReason } from './session-store';

export const LOGIN_PATH = '/login';

// Where the gate sends a signed-out user: back to the current page after login, except after
// an explicit logout.
export function loginPath(
  location: { pathname: string; search: string; hash?: string },
  reason?: SessionEndReason,
): string {
  const here = `${location.pathname}${location.search}${location.hash ?? ''}`;
  if (reason === 'logout' || location.pathname === '/' || location.pathname === LOGIN_PATH)
    return LOGIN_PATH;
  return `${LOGIN_PATH}?${new URLSearchParams({ next: here })}`;
}

// Only same-origin paths of the console: never another site, never the login page itself.
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return fallback;
  return next;
}
