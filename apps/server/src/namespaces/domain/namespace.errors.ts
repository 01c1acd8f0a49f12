import { DomainError } from '../../common/errors/domain-error';

export function namespaceNotFound(namespaceId: string): DomainError<'NAMESPACE_NOT_FOUND'> {
  return new DomainError('NAMESPACE_NOT_FOUND', `namespaceId: namespace "${namespaceId}" does not exist`, { namespaceId });
}

export function namespaceAlreadyExists(namespaceId: string): DomainError<'NAMESPACE_ALREADY_EXISTS'> {
  return new DomainError('NAMESPACE_ALREADY_EXISTS', `namespaceId: namespace "${namespaceId}" already exists`, {
    namespaceId,
    field: 'namespaceId',
  });
}

export function namespaceNotEmpty(namespaceId: string, usage: string[]): DomainError<'NAMESPACE_NOT_EMPTY'> {
  return new DomainError('NAMESPACE_NOT_EMPTY', `namespaceId: namespace "${namespaceId}" still holds ${usage.join(', ')}; remove them first`, { namespaceId, usage });
}

export function namespaceProtected(namespaceId: string, action: 'delete' | 'rename'): DomainError<'NAMESPACE_PROTECTED'> {
  return new DomainError('NAMESPACE_PROTECTED', `namespaceId: the built-in namespace "${namespaceId}" cannot be ${action === 'delete' ? 'deleted' : 'renamed'}`, {
    namespaceId,
    action,
  });
}
