import { DomainError } from '../../common/errors/domain-error';

export function changeRequestNotFound(namespaceId: string, id: string): DomainError<'CHANGE_REQUEST_NOT_FOUND'> {
  return new DomainError('CHANGE_REQUEST_NOT_FOUND', `id: change request "${id}" does not exist in namespace "${namespaceId}"`, { namespaceId, id });
}

export function changeRequestConflict(id: string, message: string, details: Record<string, unknown> = {}): DomainError<'CHANGE_REQUEST_CONFLICT'> {
  return new DomainError('CHANGE_REQUEST_CONFLICT', `change request "${id}": ${message}`, { id, ...details });
}
