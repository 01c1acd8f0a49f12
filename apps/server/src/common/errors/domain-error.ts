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
