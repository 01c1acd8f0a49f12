import { Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@switchboard/shared';
import { recogniseDomainError } from '../common/errors/domain-error';

const logger = new Logger('Realtime');

// A failed socket.io request answers in its acknowledgement with the REST error body; anything
// but a domain error (or an error standing for one, such as a database that cannot be reached)
// is a bug, logged as the HTTP pipeline logs one.
export function ackError(error: unknown): { ok: false; error: ApiErrorBody } {
  const domainError = recogniseDomainError(error);
  if (domainError) {
    const { code, message, details } = domainError;
    return { ok: false, error: { code, message, ...(details !== undefined ? { details } : {}) } };
  }
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error(`unhandled error in a socket.io message: ${err.message}`, err.stack);
  return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'internal server error' } };
}
