import { DomainError } from '../../common/errors/domain-error';

export function unauthenticated(reason: string): DomainError<'UNAUTHENTICATED'> {
  return new DomainError('UNAUTHENTICATED', `authentication required: ${reason}`);
}

export function forbidden(what: string): DomainError<'FORBIDDEN'> {
  return new DomainError('FORBIDDEN', `forbidden: ${what}`);
}

export function loginLocked(untilMs: number): DomainError<'LOGIN_LOCKED'> {
  return new DomainError('LOGIN_LOCKED', `username: too many failed logins; locked until ${new Date(untilMs).toISOString()}`, { lockedUntil: new Date(untilMs).toISOString() });
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
