import type { ErrorCode, FieldViolation } from '@switchboard/shared';

// The only error services throw. Transports turn the code into their own wire format.
export class DomainError<TCode extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: TCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function validationFailed(violations: FieldViolation[]): DomainError<'VALIDATION_FAILED'> {
  const message = violations.map((v) => `${v.field}: ${v.message}`).join('; ');
  return new DomainError('VALIDATION_FAILED', message || 'invalid input', violations);
}

export function fieldViolation(field: string, rule: string, message: string): FieldViolation {
  return { field, rule, message };
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

// Errors raised below the services that stand for a domain condition (a database that cannot be
// reached: SERVICE_UNAVAILABLE). The layer that raises them registers how to recognise them
// (database/errors.ts, registered by DatabaseModule), since common/ may not import it; every
// transport then answers them through its own table instead of as a bug.
export type ErrorRecogniser = (error: unknown) => DomainError | undefined;
const recognisers = new Set<ErrorRecogniser>();

// Answers the way to unregister it.
export function registerErrorRecogniser(recogniser: ErrorRecogniser): () => void {
  recognisers.add(recogniser);
  return () => recognisers.delete(recogniser);
}

// The domain error an error is or stands for; undefined for anything else (a bug).
export function recogniseDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  for (const recognise of recognisers) {
    const recognised = recognise(error);
    if (recognised) return recognised;
  }
  return undefined;
}
