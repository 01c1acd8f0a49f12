import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CurrentUserView } from '@switchboard/shared';
import { ApiError, isApiError } from '../api/api-error';
import * as authApi from '../api/auth.api';
import { realtime } from '../api/realtime-client';
import { AuthContext, type AuthValue } from './auth-context';
import { session, type SessionEndReason } from './session-store';

interface AuthState {
  status: AuthValue['status'];
  user?: CurrentUserView;
  endReason?: SessionEndReason;
  error?: ApiError;
}

// Asks the server who we are on start (it answers even without a token when authentication is
// off) and follows the session store: a login starts a session, a 401, the expiry timer or a
// logout ends it. The realtime socket follows the session too.
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(
    () =>
      session.subscribe((event) => {
        if (event.type !== 'ended') return;
        realtime.close();
        // An expired stored token is dropped before the request, whose 401 then reports a
        // tokenless 'unauthenticated': keep the more telling reason.
        setState((previous) =>
          previous.status === 'signedOut' && event.reason === 'unauthenticated'
            ? previous
            : { status: 'signedOut', endReason: event.reason },
        );
      }),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    authApi.getCurrentUser(controller.signal).then(
      (user) => setState({ status: 'signedIn', user }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A 401 already ended the session (http-client), which set signedOut with its reason.
        if (isApiError(error) && error.status === 401) return;
        setState({
          status: 'error',
          error: isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 0, String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [generation]);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await authApi.login({ username, password });
    session.save({ accessToken: answer.accessToken, expiresAt: answer.expiresAt });
    realtime.restart();
    setState({ status: 'signedIn', user: answer.user });
    return answer.user;
  }, []);

  const logout = useCallback(() => session.clear('logout'), []);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ ...state, login, logout, retry }),
    [state, login, logout, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
