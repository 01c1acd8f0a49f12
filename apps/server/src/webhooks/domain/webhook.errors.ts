import { DomainError } from '../../common/errors/domain-error';

export function webhookNotFound(id: string): DomainError<'WEBHOOK_NOT_FOUND'> {
  return new DomainError('WEBHOOK_NOT_FOUND', `id: webhook "${id}" does not exist`, { id });
}
