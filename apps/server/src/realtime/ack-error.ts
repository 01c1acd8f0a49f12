import type { ApiErrorBody } from '@switchboard/shared';
import { DomainError } from '../common/errors/domain-error';

// A failed socket.io request answers in its acknowledgement with the REST error body.
export function ackError(error: unknown): { ok: false; error: ApiErrorBody } {
  if (error instanceof DomainError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } };
  }
  return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'internal server error' } };
}
