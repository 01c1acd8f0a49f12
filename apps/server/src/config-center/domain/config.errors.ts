import type { ConfigKey } from '@switchboard/shared';
import { DomainError } from '../../common/errors/domain-error';

const named = (key: ConfigKey) => `${key.group}/${key.dataId} in namespace ${key.namespaceId}`;

export function configNotFound(key: ConfigKey): DomainError<'CONFIG_NOT_FOUND'> {
  return new DomainError('CONFIG_NOT_FOUND', `dataId: config ${named(key)} does not exist`, { ...key });
}

export function configVersionNotFound(key: ConfigKey, version: number): DomainError<'CONFIG_VERSION_NOT_FOUND'> {
  return new DomainError('CONFIG_VERSION_NOT_FOUND', `version: config ${named(key)} has no version ${version}`, { ...key, version });
}

export function configConflict(key: ConfigKey, expected: string, actual: string): DomainError<'CONFIG_CONFLICT'> {
  return new DomainError('CONFIG_CONFLICT', `expectedVersion: config ${named(key)} is at ${actual}, not ${expected}; it changed meanwhile`, { ...key, expected, actual });
}

export function configTooLarge(sizeBytes: number, limitBytes: number): DomainError<'CONFIG_TOO_LARGE'> {
  return new DomainError('CONFIG_TOO_LARGE', `content: ${sizeBytes} bytes is larger than the limit of ${limitBytes} bytes`, { sizeBytes, limitBytes });
}

export function configQuotaExceeded(namespaceId: string, quota: number): DomainError<'CONFIG_QUOTA_EXCEEDED'> {
  return new DomainError('CONFIG_QUOTA_EXCEEDED', `namespaceId: namespace ${namespaceId} already holds its quota of ${quota} configs`, { namespaceId, quota });
}
