import { createContext } from 'react';
import type { CurrentUserView } from '@switchboard/shared';
import type { ApiError } from '../api/api-error';
import type { SessionEndReason } from './session-store';

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut' | 'error';

export interface AuthValue {
  status: AuthStatus;
  user?: CurrentUserView; // set while signedIn
  endReason?: SessionEndReason; // why the last session ended (the login page explains it)
  error?: ApiError; // status 'error': the server could not tell who we are
  login: (username: string, password: string) => Promise<CurrentUserView>;
  logout: () => void;
  retry: () => void;
}

export const AuthContext = createContext<AuthValue>({
  status: 'loading',
  login: () => Promise.reject(new Error('no AuthProvider')),
  logout: () => undefined,
  retry: () => undefined,
});
