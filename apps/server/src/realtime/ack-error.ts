import { Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@switchboard/shared';
import { DomainError } from '../common/errors/domain-error';

const logger = new Logger('Realtime');

// A failed socket.io request answers in its acknowledgement with the REST error body; anything
// but a domain error is a bug, logged as the HTTP pipeline logs one.
export function ackError(error: unknown): { ok: false; error: ApiErrorBody } {
  if (error instanceof DomainError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error(`unhandled error in a socket.io message: ${err.message}`, err.stack);
  return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'internal server error' } };
}
