import type { ConfigKey } from '@switchboard/shared';
import { DomainError } from '../../../common/errors/domain-error';

const named = (key: ConfigKey) => `${key.group}/${key.dataId} in namespace ${key.namespaceId}`;

export function canaryNotFound(key: ConfigKey): DomainError<'CANARY_NOT_FOUND'> {
  return new DomainError('CANARY_NOT_FOUND', `dataId: config ${named(key)} has no active canary`, { ...key });
}

export function canaryAlreadyActive(key: ConfigKey, id: string): DomainError<'CANARY_ALREADY_ACTIVE'> {
  return new DomainError('CANARY_ALREADY_ACTIVE', `dataId: config ${named(key)} already has an active canary (${id}); change, promote or abort it`, { ...key, canaryId: id });
}

export function canaryConflict(key: ConfigKey, expected: number, actual: number): DomainError<'CANARY_CONFLICT'> {
  return new DomainError('CANARY_CONFLICT', `expectedRevision: the canary of ${named(key)} is at revision ${actual}, not ${expected}; it changed meanwhile`, { ...key, expected, actual });
}
