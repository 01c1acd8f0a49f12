import { DomainError } from '../../common/errors/domain-error';

export function unauthenticated(reason: string): DomainError<'UNAUTHENTICATED'> {
  return new DomainError('UNAUTHENTICATED', `authentication required: ${reason}`);
}

export function forbidden(what: string): DomainError<'FORBIDDEN'> {
  return new DomainError('FORBIDDEN', `forbidden: ${what}`);
}

// A login refused before its password is checked: a wait after failed logins from this address,
// or a lock-out of this address for the user.
export function loginLocked(untilMs: number, reason: 'delay' | 'lockout'): DomainError<'LOGIN_LOCKED'> {
  const until = new Date(untilMs).toISOString();
  const why = reason === 'lockout' ? `too many failed logins from this address; locked out until ${until}` : `failed logins from this address; try again after ${until}`;
  return new DomainError('LOGIN_LOCKED', `username: ${why}`, { lockedUntil: until, reason });
}

export function userNotFound(username: string): DomainError<'USER_NOT_FOUND'> {
  return new DomainError('USER_NOT_FOUND', `username: user "${username}" does not exist`, { username });
}

export function userAlreadyExists(username: string): DomainError<'USER_ALREADY_EXISTS'> {
  return new DomainError('USER_ALREADY_EXISTS', `username: user "${username}" already exists`, { username, field: 'username' });
}

export function accessTokenNotFound(id: string): DomainError<'ACCESS_TOKEN_NOT_FOUND'> {
  return new DomainError('ACCESS_TOKEN_NOT_FOUND', `id: access token "${id}" does not exist`, { id });
}

// What the guard answers a caller without credentials, and one without the namespace access a
// route needs (the hot routes answer the same).
export function noCredentials(): DomainError<'UNAUTHENTICATED'> {
  return unauthenticated('send a token (Authorization: Bearer …, or accessToken) or username and password');
}

export function namespaceForbidden(action: string, namespaceId: string): DomainError<'FORBIDDEN'> {
  return forbidden(`${action} access to namespace "${namespaceId}" is required`);
}
